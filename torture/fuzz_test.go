package torture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
)

// FuzzIncidentJSON feeds what `temoin add` and `temoin amend` read (JSON,
// decoded strictly as the command line does) to the journal: never a
// panic; what is accepted is stored and read back exactly.
func FuzzIncidentJSON(f *testing.F) {
	seed, _ := json.Marshal(incident(newRand(f), "fuzz"))
	f.Add(seed)
	f.Add([]byte(`{"occurred_at":"2026-03-03T14:05:00+01:00","kinds":["insult"],"channels":["phone"],"setting":"classroom","perpetrator":"parent","description":"x"}`))
	f.Add([]byte(`{"occurred_at":"0001-01-01T00:00:00Z","description":"\u0000../../etc/passwd","actions":[{"kind":"other","date":"31/02/2026"}]}`))
	f.Add([]byte(`{"description":"` + strings.Repeat("é", 300000) + `"}`))
	f.Add([]byte(`[{"description":"a"},{"exact_words":"b"}]`))
	dir := filepath.Join(f.TempDir(), "coffre")
	j, _, err := app.CreateVault(dir, []byte(testPass), app.TestingVaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { j.Lock() })
	base, err := j.Create(incident(newRand(f), "base"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &app.Incident{}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if dec.Decode(in) != nil {
			return
		}
		if out, err := j.Create(in); err == nil {
			got, err := j.Get(out.ID)
			if err != nil || contentHash(got) != contentHash(out) {
				t.Fatalf("stored %s reads back differently: %v", out.ID, err)
			}
			if err := j.Delete(out.ID); err != nil {
				t.Fatal(err)
			}
		}
		// amend: the fields present replace the stored ones.
		cur, _ := j.Get(base.ID)
		edit := cur.Clone()
		dec = json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if dec.Decode(edit) != nil {
			return
		}
		edit.ID, edit.Revision = cur.ID, cur.Revision
		if out, err := j.Amend(base.ID, edit); err == nil {
			base = out
			if got, _ := j.Get(base.ID); contentHash(got) != contentHash(out) {
				t.Fatal("amended incident reads back differently")
			}
		}
	})
}

// No type of the journal prints a secret.
func TestJournalDoesNotPrintSecrets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	j, code, err := app.CreateVault(dir, []byte(testPass), app.TestingVaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		for _, x := range []any{j, j.Vault(), app.Passphrase([]byte(testPass)), app.RecoveryCode(code)} {
			out := fmt.Sprintf(verb, x)
			if strings.Contains(out, testPass) || strings.Contains(out, code) || strings.Contains(out, "AGE-SECRET-KEY") {
				t.Errorf("%s of %T prints a secret", verb, x)
			}
		}
	}
	for _, x := range []any{j, j.Vault()} {
		data, _ := json.Marshal(x)
		if string(data) != "{}" {
			t.Errorf("JSON of %T: %s", x, data)
		}
	}
}
