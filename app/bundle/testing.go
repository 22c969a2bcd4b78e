package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// UseReportStubForTesting replaces the report (rapport.pdf) by a one-page
// placeholder PDF and makes passphrase bundles cheap to open, until the
// returned function is called. Only tests may use it: it lets the bundle's
// tests run fast, and run while the report is not written yet.
func UseReportStubForTesting() (restore func()) {
	oldReport, oldFactor := writeReport, scryptWorkFactor
	writeReport = stubReport
	scryptWorkFactor = 10
	return func() { writeReport, scryptWorkFactor = oldReport, oldFactor }
}

func stubReport(ctx context.Context, j *app.Journal, opts report.Options, w io.Writer, _ func(done, total int)) (*report.Result, error) {
	pdf := fmt.Appendf(nil, "%%PDF-1.4\n%% Témoin test report stub: %s, lang %s\n%%%%EOF\n", opts.Now.Format("2006-01-02"), opts.Lang)
	if _, err := w.Write(pdf); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(pdf)
	if err := j.Chain.Log(app.EventReportGenerated, "", hex.EncodeToString(sum[:])); err != nil {
		return nil, err
	}
	return &report.Result{SHA256: hex.EncodeToString(sum[:]), Pages: 1}, nil
}
