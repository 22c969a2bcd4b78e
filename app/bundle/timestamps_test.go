package bundle

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/tsa"
	"github.com/temoin-app/temoin/app/tsa/tsatest"
)

// A bundle carries the journal's time-stamps; Témoin checks them against
// chain.json, and so does the stock openssl, as LISEZ-MOI.txt says.
func TestBundleTimestamps(t *testing.T) {
	t.Parallel()
	fx := journalFixture(t)
	a := tsatest.New(t, "TSA de test")
	if err := fx.j.Timestamps.SetAuthorities([]app.Authority{{URL: a.URL, CA: a.CAPEM}}); err != nil {
		t.Fatal(err)
	}
	first, err := fx.j.Timestamps.StampNow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fx.j.Incidents.Create(sampleIncident(20, "après le premier horodatage"))
	if _, err := fx.j.Timestamps.StampNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	id := newIdentity(t)
	path, res := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	if len(res.Manifest.Timestamps) != 2 || res.Manifest.Timestamps[0].Seq != first.Seq {
		t.Fatalf("manifest: %+v", res.Manifest.Timestamps)
	}

	out := filepath.Join(t.TempDir(), "dossier")
	c, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}, OutDir: out, TSARoots: tsa.Roots(a.CAPEM)})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Timestamps) != 2 || !c.Timestamps[0].Trusted || c.Timestamps[0].TSA != a.Name || c.Timestamps[0].EventID != first.EventID {
		t.Fatalf("checked: %+v", c.Timestamps)
	}
	// Without the test CA the tokens still check, untrusted.
	c, err = OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}})
	if err != nil || len(c.Timestamps) != 2 || c.Timestamps[0].Trusted {
		t.Fatalf("untrusted: %+v, %v", c.Timestamps, err)
	}

	// The stock openssl, with the command of the README.
	readme, _ := os.ReadFile(filepath.Join(out, NameReadme))
	want := "openssl ts -verify -in timestamps/001.tsr -digest " + first.EventID + " -CAfile autorite.pem"
	if !strings.Contains(string(readme), want) {
		t.Fatalf("LISEZ-MOI.txt lacks %q:\n%s", want, readme)
	}
	ca := a.WriteCA(t, t.TempDir())
	openssl := "openssl"
	if _, err := exec.LookPath(openssl); err != nil && runtime.GOOS == "windows" {
		t.Log("openssl is not installed in this Windows: the tokens are checked with it on Linux")
		openssl = ""
	}
	for _, ts := range c.Manifest.Timestamps {
		if openssl == "" {
			break
		}
		cmd := exec.Command(openssl, "ts", "-verify", "-in", ts.Path, "-digest", ts.EventID, "-CAfile", ca)
		cmd.Dir = out
		if o, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(o), "Verification: OK") {
			t.Errorf("openssl ts -verify %s: %v\n%s", ts.Path, err, o)
		}
	}

	// A token moved onto another event (every hash redone, signed again
	// by a forger) is refused.
	moved := rewrap(t, path, id, func(order []string, files map[string][]byte) []entry {
		files[NameManifest] = editJSON(t, files[NameManifest], func(v map[string]any) {
			ts := v["timestamps"].([]any)
			ts[0].(map[string]any)["seq"] = ts[1].(map[string]any)["seq"]
			ts[0].(map[string]any)["event_id"] = ts[1].(map[string]any)["event_id"]
		})
		fixHashes(t, order, files)
		return entriesOf(order, files)
	})
	refused(t, "time-stamp moved", moved, id, CheckTimestamps)
}
