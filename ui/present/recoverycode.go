package present

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-fonts/liberation/liberationmonobold"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/i18n"
)

// RecoveryCodePDF writes a one-page PDF to print the recovery code: the
// code in large characters, how to use it, where to keep the paper. The
// faces write it to a private place, open it for printing and remove it:
// the code must not stay on the computer it protects.
func RecoveryCodePDF(w io.Writer, code string) error {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	f.AddUTF8FontFromBytes("mono", "B", liberationmonobold.TTF)
	f.SetMargins(25, 30, 25)
	f.SetAutoPageBreak(false, 20)
	f.SetTitle(i18n.X("code.pdf.title"), true)
	f.AddPage()
	f.SetFont("sans", "B", 20)
	f.MultiCell(0, 10, i18n.X("code.pdf.title"), "", "L", false)
	f.Ln(8)
	size := 22.0
	if len(code) > 40 {
		size = 16
	}
	f.SetFont("mono", "B", size)
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.4)
	f.CellFormat(0, 22, code, "1", 1, "C", false, 0, "")
	f.Ln(10)
	f.SetFont("sans", "", 12)
	for _, p := range strings.Split(i18n.X("code.pdf.how"), "\n") {
		f.MultiCell(0, 6.5, p, "", "L", false)
		f.Ln(3)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("write the recovery code's page: %w", err)
	}
	return nil
}
