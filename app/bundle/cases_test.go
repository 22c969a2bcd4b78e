package bundle

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// TestContinuityAcrossCases: a representative receives three bundles from
// the same colleague; the second extends the first; the third comes from
// a journal rebuilt behind the representative's back. Both journals are
// real vaults.
func TestContinuityAcrossCases(t *testing.T) {
	// Its own temporary folder, to check that nothing is left in it.
	tmp := t.TempDir()
	for _, name := range []string{"TMPDIR", "TMP", "TEMP"} { // Unix, Windows
		t.Setenv(name, tmp)
	}
	rep, _ := apptest.NewJournal(t)
	repID, err := rep.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	key := repID.Recipient().String()

	fx := journalFixture(t)
	first, _ := exportTo(t, fx.src, ExportOptions{To: []string{key}})
	r1, err := Receive(context.Background(), rep.Cases, first, ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r1.Continuity.Verdict != VerdictFirst {
		t.Errorf("first bundle: %+v", r1.Continuity)
	}
	if _, err := Receive(context.Background(), rep.Cases, first, ReceiveOptions{}); !errors.Is(err, ErrAlreadyReceived) {
		t.Errorf("received twice: %v", err)
	}

	// The colleague amends an incident and adds one, then exports again
	// with a passphrase: the representative opens it with the passphrase.
	edit, _ := fx.j.Incidents.Get(fx.incidents[0].ID)
	edit.Consequences = "Je n’ose plus faire cours en visio."
	if _, err := fx.j.Incidents.Amend(edit.ID, edit); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.j.Incidents.Create(sampleIncident(20, "encore")); err != nil {
		t.Fatal(err)
	}
	pass := []byte("phrase du second dossier")
	second, _ := exportTo(t, fx.src, ExportOptions{Passphrase: pass})
	ident, _ := PassphraseIdentity(pass)
	r2, err := Receive(context.Background(), rep.Cases, second, ReceiveOptions{Identities: []age.Identity{ident}})
	if err != nil {
		t.Fatal(err)
	}
	c := r2.Continuity
	if c.Verdict != VerdictExtends || c.AgainstCase != r1.Case.ID || !c.ExportRecorded || c.Compared != 1 {
		t.Errorf("second bundle: %+v", c)
	}

	// The cases open again with the vault's key alone, the passphrase
	// bundle included; the report is one call away.
	out := filepath.Join(t.TempDir(), "dossier")
	got, err := OpenCase(context.Background(), rep.Cases, r2.Case.ID, OpenOptions{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Incidents.Incidents) != 3 {
		t.Errorf("second case: %d incidents", len(got.Incidents.Incidents))
	}
	var pdf bytes.Buffer
	if err := CaseFile(context.Background(), rep.Cases, r1.Case.ID, NameReport, &pdf); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Errorf("report of the first case: %v %q", err, pdf.Bytes())
	}
	if err := CaseFile(context.Background(), rep.Cases, r1.Case.ID, "../vault.json", &pdf); err == nil {
		t.Errorf("a file that is not in the bundle was given")
	}

	// An older bundle received after a newer one.
	cases, _ := Cases(rep.Cases)
	if len(cases) != 2 || cases[0].Summary == nil || cases[1].Summary.Continuity.Verdict != VerdictExtends {
		t.Fatalf("cases: %+v", cases)
	}
	older := CheckContinuity(cases[0].Summary.History, []*History{cases[1].Summary.History}, []string{"x"})
	if older.Verdict != VerdictOlder || older.AgainstCase != "x" {
		t.Errorf("older: %+v", older)
	}

	// History rewritten: same vault id, different events.
	forged := *got.History()
	forged.IDs = append([]string{}, forged.IDs...)
	for i := 2; i < len(forged.IDs); i++ {
		forged.IDs[i] = strings.Repeat("0", 63) + string(rune('a'+i%6))
	}
	forged.Head.ID = forged.IDs[len(forged.IDs)-1]
	d := CheckContinuity(&forged, []*History{cases[0].Summary.History, cases[1].Summary.History}, nil)
	if d.Verdict != VerdictDiverged || d.FirstDifference != 3 || d.OK() {
		t.Errorf("diverged: %+v", d)
	}
	// A shorter history that does not end where the earlier did.
	short := *cases[0].Summary.History
	short.Head.Seq, short.IDs = 2, short.IDs[:2]
	short.Head.ID = "ff" + short.IDs[1][2:]
	if c := Compare(cases[1].Summary.History, &short); c.Verdict != VerdictDiverged {
		t.Errorf("cut history: %+v", c)
	}
	// Bundles of another colleague are not compared.
	other := *cases[0].Summary.History
	other.VaultID = "autre"
	if c := CheckContinuity(&other, []*History{cases[1].Summary.History}, nil); c.Verdict != VerdictFirst || c.Compared != 0 {
		t.Errorf("other colleague: %+v", c)
	}

	// The synthesis of both cases counts each incident once.
	var inputs []SynthesisInput
	for _, c := range cases {
		in, err := InputOfCase(c)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	s, err := Synthesize(inputs, SynthesisOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Incidents != 3 || s.Overlaps != 2 || s.Colleagues != 1 || s.Bundles != 2 || s.Diverged != 0 {
		t.Errorf("synthesis: %+v", s)
	}

	if err := rep.Cases.Remove(r1.Case.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenCase(context.Background(), rep.Cases, r1.Case.ID, OpenOptions{}); !errors.Is(err, app.ErrNoCase) {
		t.Errorf("removed case: %v", err)
	}
	// Nothing left in the temporary folder.
	if leftovers, _ := os.ReadDir(os.TempDir()); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestReceiveRefusesTampered(t *testing.T) {
	t.Parallel()
	rep := apptest.NewMemory()
	repID, _ := rep.Cases.CreateIdentity()
	fx := newFixture(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{repID.Recipient().String()}})
	bad := rewrap(t, path, repID, func(o []string, f map[string][]byte) []entry {
		f["evidence/002-etc-passwd"][0] ^= 1
		return entriesOf(o, f)
	})
	var ce *CheckError
	if _, err := Receive(context.Background(), rep.Cases, bad, ReceiveOptions{}); !errors.As(err, &ce) || ce.Check != CheckHash {
		t.Errorf("tampered bundle received: %v", err)
	}
	if cases, _ := rep.Cases.List(); len(cases) != 0 {
		t.Errorf("a case was kept")
	}
	// Without any key.
	empty := apptest.NewMemory()
	if _, err := Receive(context.Background(), empty.Cases, path, ReceiveOptions{}); !errors.Is(err, app.ErrNoIdentity) {
		t.Errorf("no key: %v", err)
	}
}
