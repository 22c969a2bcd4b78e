package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/capture/capturetest"
)

// widgetsUnder returns the widgets of type T under o (in dialogs too).
func widgetsUnder[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) []T {
	var out []T
	texts(t, o, func(o fyne.CanvasObject) (string, bool) {
		if w, ok := o.(T); ok {
			out = append(out, w)
			return "", true
		}
		return "", false
	})
	return out
}

// privateFolders points HOME and TMPDIR at empty folders, and returns
// them with the vault's and the working folders: where a capture must
// never appear.
func privateFolders(t *testing.T, g *gui) []string {
	home, tmp := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", tmp)
	vault, _ := filepath.Abs(g.dir)
	cwd, _ := os.Getwd()
	return []string{home, tmp, vault, cwd}
}

// readEvidence decrypts a piece of evidence and checks it against its
// SHA-256.
func readEvidence(t *testing.T, j *app.Journal, ev app.Evidence) []byte {
	t.Helper()
	rc, _, err := j.Evidence.Open(ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != ev.SHA256 {
		t.Errorf("%s: content does not match its SHA-256", ev.Name)
	}
	return data
}

// TestCaptureWindowIntoTheVault: under Xvfb, a window the test draws is
// captured from the GUI into the incident open in the editor: the pixels
// in the vault are those on the screen, the capture's time and SHA-256
// are in the record the chain holds, and no picture of it appears in
// HOME, TMPDIR, the vault or the working folder.
func TestCaptureWindowIntoTheVault(t *testing.T) {
	capturetest.StartXvfb(t)
	marker := capturetest.DrawMarker(t)
	g := unlockTestGUI(t)
	folders := privateFolders(t, g)
	in, err := g.journal.Incidents.Create(testIncident(14, "Intrusion pendant la classe virtuelle"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(in.ID)

	targets, err := captureTargets()
	if err != nil {
		t.Fatal(err)
	}
	var window *captureTarget
	for i, tg := range targets {
		if tg.window == marker {
			window = &targets[i]
		}
	}
	if window == nil || window.label != "Fenêtre «\u00a0Témoin marqueur\u00a0»" || targets[0].label != "Tout l’écran" {
		t.Fatalf("targets %+v", targets)
	}
	before := time.Now()
	g.captureInto(*window, in.ID)
	got, _ := g.journal.Incidents.Get(in.ID)
	if len(got.Evidence) != 1 {
		t.Fatalf("evidence %+v (dialogs %d)", got.Evidence, len(g.dialogs))
	}
	ev := got.Evidence[0]
	if ev.Source != app.SourceCapture || ev.MediaType != "image/png" || ev.CapturedAt.Before(before.Add(-time.Second)) {
		t.Errorf("capture %+v", ev)
	}
	img, err := png.Decode(bytes.NewReader(readEvidence(t, g.journal, ev)))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 200 || img.Bounds().Dy() != 120 {
		t.Fatalf("captured %v", img.Bounds())
	}
	capturetest.WantPixels(t, "capture in the vault", img, map[image.Point]color.RGBA{
		{0, 0}: capturetest.Red, {99, 59}: capturetest.Red, {100, 0}: capturetest.Green, {0, 119}: capturetest.Blue}, 0)
	events, _ := g.journal.Chain.Events()
	if last := events[len(events)-1]; app.KindOf(last) != app.EventEvidenceAdded || last.Subject != in.ID {
		t.Errorf("last event %+v", last)
	}
	if e := g.main.editor; e == nil || e.tabs.SelectedIndex() != tabEvidence || e.evidence.selected != ev.ID {
		t.Error("the capture is not shown in the editor")
	}

	// The whole screen, from the journal: a new incident to complete.
	n := g.journal.Incidents.Count()
	g.captureInto(targets[0], "")
	if g.journal.Incidents.Count() != n+1 {
		t.Fatal("no new incident for a capture from the journal")
	}
	capturetest.NoMarkerOnDisk(t, folders...)
}

// testBar opens the capture bar on a test target.
func testBar(g *gui, incidentID string) *captureBar {
	b := &captureBar{g: g, what: newTargetChoice([]captureTarget{{label: "écran"}}), where: newIncidentChoice(g, incidentID)}
	b.win = g.app.NewWindow(Title)
	b.win.SetContent(b.buildUI())
	g.bar = b
	return b
}

// markerImage is a small picture of the marker's colours, numbered by
// its green.
func markerImage(n int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 64, 36))
	for y := range 36 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{capturetest.Red.R, uint8(n), capturetest.Red.B, 0xff})
		}
	}
	return img
}

// TestBurstKeepsOnlyWhatIsTicked: a burst captures until stopped, counts
// on the bar, then shows its captures in a grid; only those ticked are
// chained, each with the time it was taken; the others leave nothing.
func TestBurstKeepsOnlyWhatIsTicked(t *testing.T) {
	g := unlockTestGUI(t)
	in, _ := g.journal.Incidents.Create(testIncident(14, "Intrusion"))
	b := testBar(g, in.ID)
	grabs := 0
	b.startBurst(5*time.Millisecond, func() (*image.RGBA, error) { grabs++; return markerImage(grabs), nil })
	waitFrames(b, 3)
	b.stopBurst(nil) // waits for the burst to end: what it showed can be read
	if n := len(widgetsUnder[*widget.Check](t, g.win.Canvas().Overlays().Top())); b.status.Text != "Rafale arrêtée\u00a0: "+strconv.Itoa(n)+" captures à trier." {
		t.Errorf("the bar says %q after %d captures", b.status.Text, n)
	}
	if len(g.dialogs) != 1 {
		t.Fatalf("no grid after the burst (%d dialogs)", len(g.dialogs))
	}
	grid := g.win.Canvas().Overlays().Top()
	checks := widgetsUnder[*widget.Check](t, grid)
	if len(checks) < 3 {
		t.Fatalf("%d captures in the grid", len(checks))
	}
	for _, c := range checks {
		if !c.Checked {
			t.Error("a capture is not kept by default")
		}
	}
	test.Tap(checks[1]) // not this one
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	got, _ := g.journal.Incidents.Get(in.ID)
	if len(got.Evidence) != len(checks)-1 {
		t.Fatalf("kept %d of %d, one unticked", len(got.Evidence), len(checks))
	}
	for i, ev := range got.Evidence {
		// In the order taken; two captures may read the same time where
		// the clock is coarse (Windows, Wine: about 15 ms).
		if ev.Source != app.SourceCapture || ev.CapturedAt.IsZero() || (i > 0 && ev.CapturedAt.Before(got.Evidence[i-1].CapturedAt)) {
			t.Errorf("capture %d: %+v", i, ev)
		}
	}
	rep, _ := g.journal.Verify(t.Context(), nil)
	if rep.Blobs != len(checks)-1 || !rep.OK() {
		t.Errorf("%d files in the vault for %d kept: %v", rep.Blobs, len(checks)-1, rep.Problems)
	}

	// Discard all: nothing is chained.
	events, _ := g.journal.Chain.Events()
	b.startBurst(5*time.Millisecond, func() (*image.RGBA, error) { return markerImage(1), nil })
	waitFrames(b, 1)
	b.stopBurst(nil)
	g.dialogs[0].(*dialog.ConfirmDialog).Dismiss()
	after, _ := g.journal.Chain.Events()
	if len(after) != len(events) {
		t.Error("discarded captures were chained")
	}
}

// waitFrames waits until the burst has taken n captures (10 s at most).
func waitFrames(b *captureBar, n int) {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b.burst.mu.Lock()
		have := len(b.burst.frames)
		b.burst.mu.Unlock()
		if have >= n {
			return
		}
	}
}

// TestRecordIntoTheVault: under Xvfb with ffmpeg, the capture bar records
// the screen into the vault as a video, with its length; nothing of it
// reaches the disk in clear.
func TestRecordIntoTheVault(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is not installed (tools/deps.sh installs it): screen recording not tested")
	}
	capturetest.StartXvfb(t)
	capturetest.DrawMarker(t)
	g := unlockTestGUI(t)
	folders := privateFolders(t, g)
	in, _ := g.journal.Incidents.Create(testIncident(14, "Intrusion"))
	b := testBar(g, in.ID)
	b.startRecord(image.Rect(0, 0, 640, 480))
	run := b.rec
	time.Sleep(2 * time.Second)
	b.stopRecord(nil)
	select {
	case <-run.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the recording did not end")
	}
	if run.err != nil {
		t.Fatal(run.err)
	}
	got, _ := g.journal.Incidents.Get(in.ID)
	if len(got.Evidence) != 1 {
		t.Fatalf("evidence %+v", got.Evidence)
	}
	ev := got.Evidence[0]
	video := readEvidence(t, g.journal, ev)
	if ev.Source != app.SourceRecording || ev.Duration < 1 || !bytes.HasPrefix(video, []byte{0x1a, 0x45, 0xdf, 0xa3}) {
		t.Errorf("recording %+v (%d bytes)", ev, len(video))
	}
	capturetest.NoMarkerOnDisk(t, folders...)
}

// TestLockKeepsTheBurstsTickedCaptures: the journal locked (by the
// person or after a moment without use) while a burst's grid was open,
// and every capture of it was lost: the ones ticked are kept first, as
// "Garder" would, then the journal locks.
func TestLockKeepsTheBurstsTickedCaptures(t *testing.T) {
	g, in, b := burstRunning(t)
	b.stopBurst(nil)
	checks := widgetsUnder[*widget.Check](t, g.win.Canvas().Overlays().Top())
	if len(checks) < 2 {
		t.Fatalf("%d captures in the grid", len(checks))
	}
	test.Tap(checks[0]) // not this one
	got := lockAndReopen(t, g, in.ID)
	if len(got.Evidence) != len(checks)-1 {
		t.Errorf("after the lock, %d captures kept of %d ticked", len(got.Evidence), len(checks)-1)
	}
}

// TestLockDuringABurstKeepsItsCaptures: a lock while a burst runs (a
// moment without use) showed the grid and waited for an answer, the
// journal still open: the captures are kept and the journal locks.
func TestLockDuringABurstKeepsItsCaptures(t *testing.T) {
	g, in, _ := burstRunning(t)
	got := lockAndReopen(t, g, in.ID)
	if len(got.Evidence) < 2 {
		t.Errorf("after the lock, %d captures kept of at least 2", len(got.Evidence))
	}
}

// burstRunning starts a burst on a new incident and waits for two
// captures.
func burstRunning(t *testing.T) (*gui, *app.Incident, *captureBar) {
	t.Helper()
	g := unlockTestGUI(t)
	in, _ := g.journal.Incidents.Create(testIncident(14, "Intrusion"))
	b := testBar(g, in.ID)
	grabs := 0
	b.startBurst(5*time.Millisecond, func() (*image.RGBA, error) { grabs++; return markerImage(grabs), nil })
	waitFrames(b, 2)
	return g, in, b
}

// lockAndReopen locks the journal, unlocks it again and returns the
// incident id as saved.
func lockAndReopen(t *testing.T, g *gui, id string) *app.Incident {
	t.Helper()
	g.lock()
	if g.journal != nil {
		t.Fatal("the lock waited for an answer about the captures")
	}
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	got, err := g.journal.Incidents.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
