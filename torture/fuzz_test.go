package torture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/vault"
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
	j, _, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { j.Lock() })
	base, err := j.Incidents.Create(incident(newRand(f), "base"))
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
		if out, err := j.Incidents.Create(in); err == nil {
			got, err := j.Incidents.Get(out.ID)
			if err != nil || contentHash(got) != contentHash(out) {
				t.Fatalf("stored %s reads back differently: %v", out.ID, err)
			}
			if err := j.Incidents.Delete(out.ID); err != nil {
				t.Fatal(err)
			}
		}
		// amend: the fields present replace the stored ones.
		cur, _ := j.Incidents.Get(base.ID)
		edit := cur.Clone()
		dec = json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if dec.Decode(edit) != nil {
			return
		}
		edit.ID, edit.Revision = cur.ID, cur.Revision
		if out, err := j.Incidents.Amend(base.ID, edit); err == nil {
			base = out
			if got, _ := j.Incidents.Get(base.ID); contentHash(got) != contentHash(out) {
				t.Fatal("amended incident reads back differently")
			}
		}
	})
}

// No type of the journal prints a secret: not the journal, its services,
// the secrets that open a backup, nor the vault beneath.
func TestJournalDoesNotPrintSecrets(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	j, code, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	if _, err := j.Cases.CreateIdentity(); err != nil {
		t.Fatal(err)
	}
	services := []any{j.Incidents, j.Evidence, j.People, j.Representatives, j.Settings, j.Drafts,
		j.Deadlines, j.Cases, j.Backups, j.Chain}
	printed := append([]any{j, app.Passphrase([]byte(testPass)), app.RecoveryCode(code)}, services...)
	noSecretPrinted(t, code, printed...)
	for _, x := range append([]any{j}, services...) {
		data, _ := json.Marshal(x)
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			t.Fatalf("JSON of %T: %s", x, data)
		}
		for name, v := range fields {
			if string(v) != "{}" {
				t.Errorf("JSON of %T shows %s: %s", x, name, v)
			}
		}
	}

	// The vault beneath, opened as the journal opens it.
	j.Lock()
	v, err := vault.OpenWith(dir, vault.Passphrase([]byte(testPass)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	noSecretPrinted(t, code, v)
	for _, x := range []any{v} {
		if data, _ := json.Marshal(x); string(data) != "{}" {
			t.Errorf("JSON of the vault: %s", data)
		}
	}
}

func noSecretPrinted(t *testing.T, code string, values ...any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		for _, x := range values {
			out := fmt.Sprintf(verb, x)
			if strings.Contains(out, testPass) || strings.Contains(out, code) || strings.Contains(out, "AGE-SECRET-KEY") {
				t.Errorf("%s of %T prints a secret", verb, x)
			}
		}
	}
}
