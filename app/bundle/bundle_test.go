package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

var testPass = []byte(apptest.Passphrase)

// sampleIncident is an incident that names a person of the people list,
// has a witness's phone number and a medical note.
func sampleIncident(day int, words string) *app.Incident {
	return &app.Incident{
		OccurredAt:     time.Date(2026, 3, day, 14, 5, 0, 0, paris()),
		Setting:        "remote_home",
		Workplace:      "Collège Jean Moulin",
		Kinds:          []string{"threat", "video_intrusion"},
		Channels:       []string{"video_call"},
		Description:    "Un inconnu s’est introduit dans la classe virtuelle et a menacé Kévin Martin. " + words,
		ExactWords:     "« On sait où tu habites »",
		Perpetrator:    "outsider",
		PerpetratorRef: "Intrus I1",
		Witnesses:      []app.Witness{{Role: "collègue", Pseudonym: "C1", Contact: "06 12 34 56 78"}},
		MedicalNote:    "arrêt de travail de 3 jours",
	}
}

// The fixture's people list and evidence files.
var (
	samplePerson = app.Person{Name: "Kévin Martin", Pseudonym: "Élève A", Role: "élève"}
	sampleFiles  = []struct{ name, content string }{
		{"Capture écran Kévin Martin.png", "\x89PNG fausse image"},
		// A name no journal keeps (it keeps the last element), as a forged
		// journal could give it: the bundle names the file safely anyway.
		{"../../etc/passwd", strings.Repeat("enregistrement ", 5000)},
	}
)

// fixture is a colleague's journal with two incidents, the first with
// two evidence files and a link. Most tests keep it in memory (m), with
// the report stub; the end-to-end ones in a real vault (j).
type fixture struct {
	src       Source
	m         *apptest.Memory
	j         *app.Journal
	incidents []*app.Incident
	evidence  []*app.Evidence
}

// newFixture is the fixture in memory.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	m := apptest.NewMemory()
	m.AddPerson(samplePerson)
	fx := &fixture{m: m, src: memorySource(m)}
	for i, day := range []int{3, 10} {
		fx.incidents = append(fx.incidents, m.Create(t, sampleIncident(day, "incident "+string(rune('A'+i)))))
	}
	for _, f := range sampleFiles {
		fx.evidence = append(fx.evidence, m.AttachFile(t, fx.incidents[0].ID, f.name, []byte(f.content)))
	}
	m.AttachLink(t, fx.incidents[0].ID, "https://example.org/video", "vue en ligne")
	return fx
}

// journalFixture is the fixture in a real vault, with the report stub.
func journalFixture(t testing.TB) *fixture {
	t.Helper()
	j, _ := apptest.NewJournal(t)
	if err := j.People.Add(samplePerson); err != nil {
		t.Fatal(err)
	}
	src := JournalSource(j)
	src.WriteReport = stubReport
	fx := &fixture{j: j, src: src}
	for i, day := range []int{3, 10} {
		in, err := j.Incidents.Create(sampleIncident(day, "incident "+string(rune('A'+i))))
		if err != nil {
			t.Fatal(err)
		}
		fx.incidents = append(fx.incidents, in)
	}
	for _, f := range sampleFiles {
		ev, err := j.Evidence.AttachFile(context.Background(), fx.incidents[0].ID, f.name, strings.NewReader(f.content), nil)
		if err != nil {
			t.Fatal(err)
		}
		fx.evidence = append(fx.evidence, ev)
	}
	if _, err := j.Evidence.AttachLink(fx.incidents[0].ID, "https://example.org/video", app.Date{}, "vue en ligne"); err != nil {
		t.Fatal(err)
	}
	return fx
}

// memorySource is the Source of an in-memory journal, with the report
// stub.
func memorySource(m *apptest.Memory) Source {
	return Source{
		Source: report.Source{Incidents: m.Incidents, Evidence: m.Evidence, People: m.People, Settings: m.Settings, Chain: m.Chain},
		Events: m.Chain, Vault: m, WriteReport: stubReport,
	}
}

func newIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// exportTo exports a bundle of src into a temporary folder (unless
// opts.Out says where); passphrase bundles are made cheap to open.
func exportTo(t testing.TB, src Source, opts ExportOptions) (string, *ExportResult) {
	t.Helper()
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), DefaultFileName(time.Now()))
	}
	if opts.PassphraseWorkFactor == 0 {
		opts.PassphraseWorkFactor = minScryptFactor
	}
	res, err := Export(context.Background(), src, opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, res
}

func TestExportOpenRoundTrip(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	headBefore, _ := fx.src.Chain.Head()
	path, res := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})

	ownertest.Private(t, path)
	if _, err := os.Stat(path + ".partial"); !os.IsNotExist(err) {
		t.Errorf("partial file left behind: %v", err)
	}

	// The chain gained a report event and the exported event, naming the
	// manifest's hash (which names the recipients), and not the
	// recipients themselves: later bundles carry the event in full.
	events, _ := fx.src.Events.Events()
	last := events[len(events)-1]
	if app.KindOf(last) != app.EventExported || last.Subject != "" || last.Hash != res.ManifestSHA256 {
		t.Errorf("exported event: %+v", last)
	}
	if res.Manifest.ChainHead.Seq != headBefore.Seq+1 {
		t.Errorf("manifest head %d, want %d (after the report event)", res.Manifest.ChainHead.Seq, headBefore.Seq+1)
	}

	out := filepath.Join(t.TempDir(), "dossier")
	c, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if c.ManifestSHA256 != res.ManifestSHA256 || c.Dir != out {
		t.Errorf("contents: %+v", c)
	}
	var names []string
	for _, f := range c.Files {
		names = append(names, f.Path)
	}
	want := []string{"rapport.pdf", "LISEZ-MOI.txt", "incidents.json", "chain.json", "minisign.pub",
		"evidence/001-capture-ecran-eleve-a.png", "evidence/002-etc-passwd", "manifest.json", "manifest.json.minisig", "SHA256SUMS"}
	if !slices.Equal(names, want) {
		t.Errorf("files:\n got %q\nwant %q", names, want)
	}
	for _, name := range want {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("not extracted: %v", err)
		}
	}
	data, _ := os.ReadFile(filepath.Join(out, "evidence", "002-etc-passwd"))
	if string(data) != strings.Repeat("enregistrement ", 5000) {
		t.Errorf("evidence content differs")
	}

	// Pseudonymised, without contacts nor medical notes.
	if len(c.Incidents.Incidents) != 2 {
		t.Fatalf("incidents: %d", len(c.Incidents.Incidents))
	}
	raw, _ := os.ReadFile(filepath.Join(out, "incidents.json"))
	for _, secret := range []string{"Kévin", "Martin", "06 12 34 56 78", "arrêt de travail"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("incidents.json holds %q", secret)
		}
	}
	if !bytes.Contains(raw, []byte("Élève A")) {
		t.Errorf("incidents.json lacks the pseudonym")
	}
	if c.Manifest.VaultID != fx.m.VaultID() || !c.Manifest.Pseudonymised || c.Manifest.HealthIncluded {
		t.Errorf("manifest: %+v", c.Manifest)
	}

	// The output folder must not exist already.
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}, OutDir: out}); !errors.Is(err, ErrOutExists) {
		t.Errorf("open into an existing folder: %v", err)
	}
	// A wrong key is told apart.
	_, err = OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{newIdentity(t)}})
	var ce *CheckError
	if !errors.Is(err, ErrWrongKey) || !errors.As(err, &ce) || ce.Check != CheckDecrypt {
		t.Errorf("wrong key: %v", err)
	}
}

func TestExportChoices(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	second := newIdentity(t)

	// Health and names kept; only the second incident, no evidence; two
	// recipients, the same one twice.
	path, res := exportTo(t, fx.src, ExportOptions{
		To:       []string{id.Recipient().String(), strings.ToUpper(second.Recipient().String()), id.Recipient().String()},
		Report:   report.Options{IncidentIDs: []string{fx.incidents[1].ID[:5]}, NoPseudonymize: true, IncludeHealth: true, Lang: i18n.English},
		Evidence: EvidenceChoice{None: true},
	})
	if len(res.Recipients) != 2 {
		t.Errorf("recipients: %v", res.Recipients)
	}
	for _, ident := range []age.Identity{id, second} {
		c, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{ident}})
		if err != nil {
			t.Fatal(err)
		}
		in := c.Incidents.Incidents
		if len(in) != 1 || in[0].ID != fx.incidents[1].ID || in[0].MedicalNote == "" || !strings.Contains(in[0].Description, "Kévin Martin") {
			t.Errorf("incidents: %+v", in)
		}
		if in[0].Witnesses[0].Contact != "" {
			t.Errorf("witness contact exported")
		}
		if len(c.Manifest.Evidence) != 0 || c.Manifest.Lang != "en" {
			t.Errorf("manifest: %+v", c.Manifest)
		}
	}

	// One evidence file chosen by the start of its id.
	_, res = exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}, Evidence: EvidenceChoice{IDs: []string{fx.evidence[1].ID[:6]}}})
	if len(res.Manifest.Evidence) != 1 || res.Manifest.Evidence[0].ID != fx.evidence[1].ID {
		t.Errorf("evidence: %+v", res.Manifest.Evidence)
	}
	_, err := Export(context.Background(), fx.src, ExportOptions{Out: filepath.Join(t.TempDir(), "x.age"), To: []string{id.Recipient().String()}, Evidence: EvidenceChoice{IDs: []string{"zzzzzzzz"}}})
	if !errors.Is(err, app.ErrNoEvidence) {
		t.Errorf("unknown evidence: %v", err)
	}
}

func TestExportRefusals(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "b.zip.age")
	for name, tc := range map[string]struct {
		opts ExportOptions
		want error
	}{
		"no recipient":       {ExportOptions{Out: out}, ErrNoRecipient},
		"bad key":            {ExportOptions{Out: out, To: []string{"age1nope"}}, app.ErrInvalidKey},
		"vault passphrase":   {ExportOptions{Out: out, Passphrase: testPass}, ErrVaultPassphrase},
		"passphrase and key": {ExportOptions{Out: out, Passphrase: []byte("une autre phrase longue"), To: []string{id.Recipient().String()}}, ErrPassphraseAndKeys},
		"short passphrase":   {ExportOptions{Out: out, Passphrase: []byte("court")}, app.ErrPassphraseTooShort},
		"empty selection":    {ExportOptions{Out: out, To: []string{id.Recipient().String()}, Report: report.Options{Since: app.Date{Year: 2030, Month: 1, Day: 1}}}, ErrNoIncident},
	} {
		_, err := Export(context.Background(), fx.src, tc.opts)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}

	// An existing file is not replaced unless asked.
	os.WriteFile(out, []byte("déjà là"), 0o600)
	if _, err := Export(context.Background(), fx.src, ExportOptions{Out: out, To: []string{id.Recipient().String()}}); !errors.Is(err, ErrExists) {
		t.Errorf("existing file: %v", err)
	}
	if _, err := Export(context.Background(), fx.src, ExportOptions{Out: out, Overwrite: true, To: []string{id.Recipient().String()}}); err != nil {
		t.Errorf("overwrite: %v", err)
	}
}

func TestExportCancelled(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	dir := t.TempDir()
	headBefore, _ := fx.src.Chain.Head()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Export(ctx, fx.src, ExportOptions{Out: filepath.Join(dir, "b.zip.age"), To: []string{id.Recipient().String()},
		Progress: func(p Progress) {
			if p.Stage == StageEvidence {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
	events, _ := fx.src.Events.Events()
	for _, e := range events[headBefore.Seq:] {
		if app.KindOf(e) == app.EventExported {
			t.Errorf("exported event after a cancelled export")
		}
	}
}

func TestPassphraseBundle(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	pass := []byte("une phrase pour le dossier")
	path, res := exportTo(t, fx.src, ExportOptions{Passphrase: pass})
	if res.Event.Subject != "" || res.Event.Hash != res.ManifestSHA256 || res.Recipients != nil {
		t.Errorf("event: %+v", res.Event)
	}
	ident, err := PassphraseIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{ident}}); err != nil {
		t.Fatal(err)
	}
	wrong, _ := PassphraseIdentity([]byte("pas la bonne phrase"))
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{wrong}}); !errors.Is(err, ErrWrongKey) {
		t.Errorf("wrong passphrase: %v", err)
	}
}

// TestExportNotRecorded: when the journal cannot record the export in its
// history, the bundle is withdrawn.
func TestExportNotRecorded(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	dir := t.TempDir()
	// The report records itself before the bundle is complete: only the
	// "exported" event fails.
	fx.src.WriteReport = func(ctx context.Context, src report.Source, opts report.Options, w io.Writer, p func(int, int)) (*report.Result, error) {
		res, err := stubReport(ctx, src, opts, w, p)
		fx.m.FailLog(errors.New("disk full"))
		return res, err
	}
	_, err := Export(context.Background(), fx.src, ExportOptions{Out: filepath.Join(dir, "b.zip.age"), To: []string{id.Recipient().String()}})
	if err == nil || !strings.Contains(err.Error(), "record the export") {
		t.Errorf("export not recorded: %v", err)
	}
	if !dirEmpty(t, dir) {
		t.Error("the bundle was left on disk")
	}
}

// TestWithRealReport exports, from a real vault, a bundle with the real
// report.
func TestWithRealReport(t *testing.T) {
	t.Parallel()
	fx := journalFixture(t)
	fx.src.WriteReport = report.Write
	id := newIdentity(t)
	path, res := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	_, files := decryptZip(t, path, id)
	if !bytes.HasPrefix(files[NameReport], []byte("%PDF")) || bytes.Contains(files[NameReport], []byte("test report stub")) {
		t.Errorf("rapport.pdf is not the report")
	}
	// The journal's chain holds the report, then the export.
	events, _ := fx.j.Chain.Events()
	if len(events) < 2 || app.KindOf(events[len(events)-2]) != app.EventReportGenerated ||
		app.KindOf(events[len(events)-1]) != app.EventExported || events[len(events)-1].Hash != res.ManifestSHA256 {
		t.Errorf("the chain does not end with the report and the export")
	}
	if _, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}}); err != nil {
		t.Fatal(err)
	}
}

// TestZipLocalTimeAndReadme is defect 12 of issue 11, on the bundle: the
// entries carry the person's local time (an archive tool shows it as
// such), and LISEZ-MOI.txt tells Windows users to decrypt with -o, since
// PowerShell 5.1's ">" corrupts binary output.
func TestZipLocalTimeAndReadme(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	paris := time.FixedZone("CET", 3600)
	opts := ExportOptions{To: []string{id.Recipient().String()}}
	opts.Report.Now = time.Date(2026, 12, 1, 22, 30, 0, 0, paris) // 21:30 UTC
	path, _ := exportTo(t, fx.src, opts)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(r)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, fh := range zr.File {
		if hour := int(fh.ModifiedTime >> 11); hour != 22 {
			t.Errorf("%s: MS-DOS hour %d, want the local 22", fh.Name, hour)
		}
	}
	_, files := decryptZip(t, path, id)
	readme := string(files[NameReadme])
	for _, want := range []string{"age -d -i cle.txt -o dossier.zip", "PowerShell", "age -d -i key.txt -o bundle.zip"} {
		if !strings.Contains(readme, want) {
			t.Errorf("LISEZ-MOI.txt does not say %q", want)
		}
	}
	if strings.Contains(readme, "> dossier.zip") {
		t.Error("LISEZ-MOI.txt still decrypts with \">\"")
	}
}
