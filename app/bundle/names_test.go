package bundle

import (
	"testing"
)

// Entry names: the reader accepts exactly the names the writer makes
// (finding 5 of issue 10: names the writer never produces were
// extracted).
func TestEntryNamesFollowTheWriter(t *testing.T) {
	t.Parallel()
	for _, name := range []string{
		"evidence/001-setup.exe", "evidence/001-raccourci.lnk", "evidence/001-lanceur.desktop",
		"evidence/001-page.hta", "evidence/001-script.js", "evidence/001-x.bat", "evidence/001-x.scr",
		"evidence/001-photo\u202egnp.exe", "evidence/001-rapport\u202efdp.js", // right-to-left override
		"evidence/CON", "evidence/con.txt", "evidence/001-x.", "evidence/001-x.pdf.", "evidence/001-x ",
		"evidence/001-X.pdf", "evidence/001-a b.pdf", "evidence/1-a.pdf", "evidence/001-.pdf",
		"evidence/001--a.pdf", "evidence/001-a-.pdf", "evidence/001-a.pd_f", "evidence/nul",
		"CON", "LISEZ-MOI.txt.", "timestamps/1.tsr", "timestamps/001.der", "timestamps/001.tsr.exe",
		"evidence/001-é.png", "évidence/001-a.png", "evidence/sub/001-a.png",
	} {
		if err := checkEntryName(name); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	for _, name := range []string{
		"rapport.pdf", "LISEZ-MOI.txt", "minisign.pub", "manifest.json.minisig", "timestamps/001.tsr",
		"evidence/001-capture-ecran-eleve-a.png", "evidence/002-etc-passwd", "evidence/012-setup-exe",
		"evidence/1000-video_2026.mp4",
	} {
		if err := checkEntryName(name); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
}

// The writer makes only names the reader accepts, whatever the original
// name: executables lose their extension, spoofs are folded away.
func TestWriterNames(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Capture écran.PNG":        "evidence/001-capture-ecran.png",
		"setup.exe":                "evidence/001-setup-exe",
		"photo\u202egnp.exe":       "evidence/001-photo-gnp-exe",
		"lanceur.desktop":          "evidence/001-lanceur-desktop",
		"CON":                      "evidence/001-con",
		"rapport.pdf.":             "evidence/001-rapport-pdf",
		"...":                      "evidence/001-piece",
		"compte rendu.tar.gz":      "evidence/001-compte-rendu-tar-gz",
		"vidéo du 3 mars.mp4":      "evidence/001-video-du-3-mars.mp4",
		"../../etc/passwd":         "evidence/001-etc-passwd",
		"a.verylongextensionnnnnn": "evidence/001-a-verylongex",
	} {
		got := evidenceFileName(1, in)
		if got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
		if err := checkEntryName(got); err != nil {
			t.Errorf("%q → %q, refused by the reader: %v", in, got, err)
		}
	}
}

// The viewer opens documents and media only.
func TestViewable(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"a.pdf", "B.JPG", "c.mp4", "d.odt", "e.m4a", "evidence/001-x.png"} {
		if !Viewable(name) {
			t.Errorf("%s not viewable", name)
		}
	}
	for _, name := range []string{"a.exe", "a.bat", "a.hta", "a.js", "a.lnk", "a.desktop", "a.html", "a.svg", "a.docm",
		"a.pdf.exe", "a", "a.", "a.ps1", "a.vbs", "a.msi", "a.jar", "a.sh", "a.url", "a.scr", "a.cmd", "a.reg", "a.app"} {
		if Viewable(name) {
			t.Errorf("%s viewable", name)
		}
	}
}
