//go:build testhooks

package torture

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	pdfreport "github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui"
)

// The GUI's leak session: Témoin's real window, headless (Fyne's test
// app and driver), driven through ui.LeakSession as a person would:
// first start, an incident typed into every text field of the editor
// (video call, witness and follow-up included), a picture dropped on the
// window whose content and name hold the marker, its preview, a link,
// a search for the marker, a report (report.Write into memory, as the
// report screen does) and an export to a representative (bundle.Export,
// as the send screen does: those two screens are not in the window yet),
// "Sauvegarder maintenant" and "Vérifier une sauvegarde…", the automatic
// backup at lock, a wrong then a right passphrase, and closing the
// window.
//
// It runs in a child process (this test binary again, running only
// TestLeakGUIChild), so that HOME, TMPDIR and the XDG folders are fresh
// ones for the whole process (Fyne's test app keeps its storage in
// TMPDIR), and so that everything the process printed, on its standard
// output and error, is the log that is scanned. Fyne's test app keeps its
// preferences in memory: the child writes them where the real app keeps
// them (XDG_CONFIG_HOME/fyne/<app id>/preferences.json) before it exits,
// so that they are scanned with the rest.

type guiSession struct{}

func init() { leakSessions = append(leakSessions, guiSession{}) }

func (guiSession) Name() string { return "gui" }

// guiLeakConfig is what the parent tells the child.
type guiLeakConfig struct {
	Marker, NameMarker, Vault, Outside string
}

func (guiSession) Run(t *testing.T, e *leakEnv) {
	cfg, _ := json.Marshal(guiLeakConfig{Marker: e.Marker, NameMarker: e.NameMarker, Vault: e.Vault, Outside: e.Outside})
	cmd := exec.Command(os.Args[0], "-test.run=^TestLeakGUIChild$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), e.Env...), "TEMOIN_LEAK_GUI="+string(cfg))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	e.Logs.Write(out.Bytes())
	if err != nil {
		t.Fatalf("the GUI session failed: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "GUI session:") {
		t.Fatalf("the GUI session did not run:\n%s", out.String())
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "GUI session:") {
			summary(t, "%s", strings.TrimPrefix(l, "GUI session: "))
		}
	}
}

// TestLeakGUIChild is the GUI session itself, in the child process.
func TestLeakGUIChild(t *testing.T) {
	raw := os.Getenv("TEMOIN_LEAK_GUI")
	if raw == "" {
		t.Skip("the child of the GUI leak session (TestNoLeaks/gui runs it)")
	}
	var cfg guiLeakConfig
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatal(err)
	}
	m := cfg.Marker
	ctx := context.Background()
	os.MkdirAll(filepath.Dir(cfg.Vault), 0o700)

	screen := startScreen(t)
	a := test.NewTempApp(t)
	s := ui.NewLeakSession(a, cfg.Vault)
	const pass = "une phrase de passe pour le test de fuite"
	if _, err := s.Create(pass); err != nil {
		t.Fatal("first start: ", err)
	}
	fields := 0
	id, err := s.AddIncident(func(field string) string { fields++; return fmt.Sprintf("%s %s « Élève A »", field, m) })
	if err != nil {
		t.Fatal("editor: ", err)
	}
	picture := filepath.Join(cfg.Outside, "capture-"+cfg.NameMarker+".png")
	if err := os.WriteFile(picture, pngWithText(t, "Comment", "capture "+m), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.AttachAndPreview(picture, "https://example.org/video-"+m, "vu par "+m); err != nil {
		t.Fatal("evidence: ", err)
	}
	if n := s.Search(m); n != 1 {
		t.Fatalf("the search for the marker found %d incidents", n)
	}
	if s.Journal() == nil {
		t.Fatal("the journal locked itself during the session")
	}
	in, err := s.Journal().Incidents.Get(id)
	if err != nil || len(in.Evidence) != 2 || !strings.Contains(in.Witnesses[0].Contact, m) || !strings.Contains(in.Actions[0].Note, m) || !strings.Contains(in.VideoCall.Platform, m) {
		t.Fatalf("the incident as saved: %+v %v", in, err)
	}
	arrived := evidenceAsItArrives(t, s, id, cfg, screen)
	if s.Journal() == nil {
		t.Fatal("the journal locked itself during the session")
	}

	// The report, into memory, as the report screen writes it before the
	// person chooses where to save it.
	var pdf bytes.Buffer
	rep, err := pdfreport.Write(ctx, pdfreport.JournalSource(s.Journal()), pdfreport.Options{Lang: i18n.French, Thumbnails: true, IncludeHealth: true, NoPseudonymize: true}, &pdf, nil)
	if err != nil || pdf.Len() == 0 {
		t.Fatal("report: ", err)
	}
	// The export to a representative, into the folder chosen on purpose.
	id2, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	exp, err := bundle.Export(ctx, bundle.JournalSource(s.Journal()), bundle.ExportOptions{
		Out: filepath.Join(cfg.Outside, "envoi.zip.age"), To: []string{id2.Recipient().String()},
		Report: pdfreport.Options{Lang: i18n.French, IncludeHealth: true, NoPseudonymize: true}})
	if err != nil {
		t.Fatal("export: ", err)
	}

	// "Sauvegarder maintenant", then "Vérifier une sauvegarde…".
	usb := filepath.Join(cfg.Outside, "cle")
	os.MkdirAll(usb, 0o700)
	said, err := s.BackupNow(usb)
	if err != nil || !strings.Contains(said, "intact") {
		t.Fatalf("backup now: %q %v", said, err)
	}
	backups, _ := filepath.Glob(filepath.Join(usb, "*"+app.BackupExt))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if res, err := s.VerifyBackup(backups[0], pass); err != nil || !strings.Contains(res, "intacte") {
		t.Fatalf("verify: %q %v", res, err)
	}
	// The automatic backup at each lock.
	auto := filepath.Join(cfg.Outside, "auto")
	os.MkdirAll(auto, 0o700)
	if err := s.AutoBackupAt(auto); err != nil {
		t.Fatal(err)
	}
	if err := s.Lock(); err != nil {
		t.Fatal("lock: ", err)
	}
	if shown := test.RenderToMarkup(s.Window().Canvas()); strings.Contains(shown, m) {
		t.Error("the locked window shows the marker")
	}
	if err := s.Unlock("pas la bonne phrase de passe du tout"); err == nil {
		t.Fatal("a wrong passphrase unlocked")
	}
	if err := s.Unlock(pass); err != nil {
		t.Fatal("unlock: ", err)
	}
	s.Quit() // locks (the automatic backup again) and closes
	autos, _ := filepath.Glob(filepath.Join(auto, "*"+app.BackupExt))
	if len(autos) != 2 {
		t.Fatalf("automatic backups at lock: %v", autos)
	}
	for _, b := range append(backups, autos...) {
		if data, _ := os.ReadFile(b); markerForms(m, data) != "" {
			t.Errorf("the marker is in clear in the backup %s", b)
		}
	}

	// Fyne's preferences, where the real app keeps them.
	prefs := map[string]any{}
	if p, ok := a.Preferences().(interface{ ReadValues(func(map[string]any)) }); ok {
		p.ReadValues(func(v map[string]any) {
			for k, val := range v {
				prefs[k] = val
			}
		})
	} else {
		t.Fatal("cannot read the test app's preferences")
	}
	conf, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	prefsFile := filepath.Join(conf, "fyne", ui.AppID, "preferences.json")
	os.MkdirAll(filepath.Dir(prefsFile), 0o700)
	data, _ := json.Marshal(prefs)
	if err := os.WriteFile(prefsFile, data, 0o600); err != nil {
		t.Fatal(err)
	}
	names := strings.Join(keys(prefs), ", ")
	if names == "" {
		names = "none"
	}
	fmt.Printf("GUI session: 1 incident typed into %d text fields, a picture (%s) previewed, %s, a report of %d pages, a bundle of %d bytes, 1 backup now and %d at lock, Fyne preferences: %d (%s)\n",
		fields, "marker in its content and name", arrived, rep.Pages, exp.Size, len(autos), len(prefs), names)
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// pngWithText is a small picture with a tEXt chunk (metadata a phone or
// a screenshot tool may leave) holding text.
func pngWithText(t *testing.T, key, text string) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		img.Set(x, 20, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	iend := bytes.LastIndex(data, []byte("IEND")) - 4
	body := append([]byte("tEXt"), append([]byte(key+"\x00"), text...)...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	return append(append(append([]byte{}, data[:iend]...), chunk...), data[iend:]...)
}
