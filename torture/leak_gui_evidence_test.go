//go:build testhooks

package torture

import (
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/temoin-app/temoin/capture/capturetest"
	"github.com/temoin-app/temoin/ui"
)

// The GUI session's evidence as it arrives (issue 14): a message and a
// picture pasted, an e-mail dropped on the window with its attachment
// taken out, each holding the marker; and, where Xvfb is installed, the
// screen captured into the vault while a window of marker colours shows,
// after which no file under HOME, TMPDIR or the vault holds its pixels.

// startScreen starts a virtual screen showing the marker window, before
// the session opens; false without Xvfb.
func startScreen(t *testing.T) bool {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return false
	}
	capturetest.StartXvfb(t)
	capturetest.DrawMarker(t)
	return true
}

// markerMail is an e-mail whose subject, text and attachment hold m.
func markerMail(m string) string {
	return "From: Parent <parent@exemple.fr>\r\nTo: prof@ac-exemple.fr\r\nDate: Fri, 13 Mar 2026 21:46:58 +0100\r\n" +
		"Subject: Menaces " + m + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVous allez le regretter " + m + "\r\n" +
		"--b\r\nContent-Type: text/plain; name=\"piece.txt\"\r\nContent-Disposition: attachment; filename=\"piece.txt\"\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte("pièce jointe "+m)) + "\r\n--b--\r\n"
}

// evidenceAsItArrives goes through paste, e-mail and capture; it says
// what it did for the session's summary.
func evidenceAsItArrives(t *testing.T, s *ui.LeakSession, id string, cfg guiLeakConfig, screen bool) string {
	m := cfg.Marker
	if err := s.PasteText(id, "Message Pronote : "+m, "Parent "+m); err != nil {
		t.Fatal("paste text: ", err)
	}
	if err := s.PasteImage(id, pngWithText(t, "Comment", "collage "+m)); err != nil {
		t.Fatal("paste picture: ", err)
	}
	eml := filepath.Join(cfg.Outside, "message-"+cfg.NameMarker+".eml")
	if err := os.WriteFile(eml, []byte(markerMail(m)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.ImportMail(id, eml); err != nil {
		t.Fatal("e-mail: ", err)
	}
	said := "a message and a picture pasted, an e-mail and its attachment"
	if !screen {
		return said + ", no capture (Xvfb missing)"
	}
	if err := s.Capture(id); err != nil {
		t.Fatal("capture: ", err)
	}
	home, _ := os.UserHomeDir()
	capturetest.NoMarkerOnDisk(t, home, os.TempDir(), filepath.Dir(cfg.Vault))
	if runtime.GOOS != "windows" {
		// The system's own too: the run's TMPDIR is a folder of its own
		// (vaulttest.MainWithTempUserFolders), and a file written to /tmp
		// whatever TMPDIR says must be found as well; only what was written
		// since this process started (reading all of a developer's /tmp,
		// 22 GB here, took 16 minutes and let the session lock itself).
		capturetest.NoMarkerWrittenSince(t, processStarted.Add(-2*time.Second), "/tmp")
	}
	return said + ", the screen captured (no marker pixels on disk)"
}

// processStarted is when this test process started: the files of the
// system's /tmp older than it are not the GUI session's.
var processStarted = time.Now()
