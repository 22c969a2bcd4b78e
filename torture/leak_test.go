package torture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"filippo.io/age"
)

// The leak harness. A session drives Témoin with a marker in every text
// field and in an evidence file; afterwards the marker must appear
// nowhere in clear: not in the vault, the temporary folder, the user's
// home, cache and config folders (each pointed at a fresh folder), nor in
// what the processes printed on their error output.
//
// Sessions are pluggable: the command line's is below; the GUI's (a
// headless Fyne session driving the real screens) is in leak_gui_test.go.

type leakEnv struct {
	Marker string // in every text field and in the evidence's content
	// NameMarker is in the evidence file's name: the commands that handle
	// the file name it back to the person (attach, evidence get), so it
	// is looked for on disk only.
	NameMarker string
	Vault      string
	Home       string // HOME; XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME under it
	Tmp        string // TMPDIR
	Outside    string // folders the person chose on purpose (a decrypted copy, a bundle)
	Env        []string
	Logs       bytes.Buffer // what the processes printed that is not a display of the journal
}

type leakSession interface {
	Name() string
	Run(t *testing.T, e *leakEnv)
}

// leakSessions are the sessions TestNoLeaks runs: the command line, and
// the GUI's when the tests are built with the testhooks tag (make test
// and make torture build them so: leak_gui_test.go adds it).
var leakSessions = []leakSession{cliSession{}}

func TestNoLeaks(t *testing.T) {
	for _, s := range leakSessions {
		t.Run(s.Name(), func(t *testing.T) {
			root := t.TempDir()
			e := &leakEnv{
				Marker:     fmt.Sprintf("MARQUEURFUITE%d", time.Now().UnixNano()),
				NameMarker: fmt.Sprintf("NOMDEFICHIER%d", time.Now().UnixNano()),
				Vault:      filepath.Join(root, "data", "coffre"),
				Home:       filepath.Join(root, "home"),
				Tmp:        filepath.Join(root, "tmp"),
				Outside:    filepath.Join(root, "choisi"),
			}
			for _, d := range []string{e.Home, e.Tmp, e.Outside, filepath.Join(e.Home, ".config"), filepath.Join(e.Home, ".cache"), filepath.Join(e.Home, ".local", "share")} {
				os.MkdirAll(d, 0o700)
			}
			e.Env = []string{"HOME=" + e.Home, "TMPDIR=" + e.Tmp, "TEMP=" + e.Tmp, "TMP=" + e.Tmp,
				"XDG_CONFIG_HOME=" + filepath.Join(e.Home, ".config"), "XDG_CACHE_HOME=" + filepath.Join(e.Home, ".cache"),
				"XDG_DATA_HOME=" + filepath.Join(e.Home, ".local", "share"), "TEMOIN_VAULT=" + e.Vault, "TEMOIN_LANG=fr"}
			s.Run(t, e)
			var scanned, files int
			for _, dir := range []string{e.Vault, e.Tmp, e.Home} {
				for _, m := range []string{e.Marker, e.NameMarker} {
					n, f := scanForMarker(t, dir, m)
					scanned += n
					files += f
				}
			}
			scanned, files = scanned/2, files/2
			if hits := markerForms(e.Marker, e.Logs.Bytes()); hits != "" {
				for _, l := range strings.Split(e.Logs.String(), "\n") {
					if markerForms(e.Marker, []byte(l)) != "" {
						t.Errorf("the marker is in the processes' output (%s): %q", hits, l)
					}
				}
			}
			summary(t, "files scanned: %d (%d bytes) in the vault, TMPDIR, HOME (config, cache, data), and %d bytes of log output; marker found in clear: %v", files, scanned, e.Logs.Len(), t.Failed())
		})
	}
}

// scanForMarker reads every file under dir and fails on the marker in
// clear (UTF-8, UTF-16, any case). It returns the bytes and files read.
func scanForMarker(t *testing.T, dir, marker string) (int, int) {
	var total, files int
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("cannot read %s: %v", p, err)
			return nil
		}
		total += len(data)
		files++
		if hits := markerForms(marker, data); hits != "" {
			t.Errorf("the marker is in clear in %s (%s)", p, hits)
		}
		return nil
	})
	return total, files
}

func markerForms(marker string, data []byte) string {
	var found []string
	low := bytes.ToLower(data)
	if bytes.Contains(low, []byte(strings.ToLower(marker))) {
		found = append(found, "UTF-8")
	}
	var u16 []byte
	for _, c := range utf16.Encode([]rune(marker)) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	if bytes.Contains(data, u16) {
		found = append(found, "UTF-16")
	}
	return strings.Join(found, ", ")
}

type cliSession struct{}

func (cliSession) Name() string { return "cli" }

// Run: init, add (marker everywhere), amend, attach a file (marker in its
// name and content), a link, list and show (their output is the display,
// not a log), evidence get into a folder chosen on purpose, verify,
// deadlines, export to a representative, backup, backup verify, restore,
// passwd, and every error on the way.
func (cliSession) Run(t *testing.T, e *leakEnv) {
	pass := filepath.Join(e.Outside, "phrase")
	os.WriteFile(pass, []byte("une phrase de passe pour le test de fuite\n"), 0o600)
	newPass := filepath.Join(e.Outside, "nouvelle")
	os.WriteFile(newPass, []byte("une nouvelle phrase de passe bien longue\n"), 0o600)
	run := func(stdin string, display bool, args ...string) string {
		t.Helper()
		args = append(args, "--passphrase-file", pass)
		cmd := childCmd("cli", append(e.Env, "TEMOIN_TORTURE_ARGS="+mustJSON(args))...)
		cmd.Stdin = strings.NewReader(stdin)
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		e.Logs.Write(errOut.Bytes())
		if !display {
			e.Logs.Write(out.Bytes())
		}
		if err != nil {
			t.Fatalf("temoin %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errOut.String())
		}
		return out.String()
	}
	m := e.Marker
	// init with a key derivation as costly as in real use.
	os.MkdirAll(filepath.Dir(e.Vault), 0o700)
	run("", false, "init", "--new-passphrase-file", pass)
	in := incident(newRand(t), m)
	data, _ := json.Marshal(in)
	out := run(string(data), false, "add")
	id := strings.TrimSpace(strings.TrimPrefix(out, "enregistré\u00a0: "))
	run(fmt.Sprintf(`{"notes": "amendé %s", "consequences": "%s encore"}`, m, m), false, "amend", id)
	evFile := filepath.Join(e.Outside, "capture-"+e.NameMarker+".txt")
	os.WriteFile(evFile, bytes.Repeat([]byte("preuve "+m+"\n"), 200000), 0o600)
	run("", false, "attach", id, evFile)
	run("", false, "attach", id, "--url", "https://example.org/video-"+m, "--note", "vu par "+m)
	run("", true, "list", "--json")
	run("", true, "list", "--query", m)
	run("", true, "show", id, "--json")
	run("", true, "history", id)
	var list []struct {
		Evidence []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"evidence"`
	}
	json.Unmarshal([]byte(run("", true, "list", "--json")), &list)
	for _, ev := range list[0].Evidence {
		if ev.Name != "" {
			run("", false, "evidence", "get", ev.ID, "--out", filepath.Join(e.Outside, "copie.txt"))
		}
	}
	run("", false, "verify")
	run("", true, "deadlines")
	// Export to a representative (the bundle itself is a file chosen on
	// purpose; what it leaves behind is what is scanned).
	rep, err := age.GenerateX25519Identity()
	must(err)
	run("", false, "export", "--to", rep.Recipient().String(), "--out", filepath.Join(e.Outside, "envoi.zip.age"))
	backup := filepath.Join(e.Outside, "sauvegarde"+".temoin-backup")
	run("", false, "backup", "--out", backup)
	run("", false, "backup", "verify", backup)
	if scanned, _ := os.ReadFile(backup); markerForms(m, scanned) != "" {
		t.Errorf("the marker is in clear in the backup")
	}
	restored := filepath.Join(e.Home, ".local", "share", "restaure")
	run("", false, "restore", backup, "--vault", restored)
	run("", false, "passwd", "--new-passphrase-file", newPass)
	// Errors print what they are about, never the journal's content.
	cmd := childCmd("cli", append(e.Env, "TEMOIN_TORTURE_ARGS="+mustJSON([]string{"show", "zzzz", "--passphrase-file", newPass}))...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	cmd.Run()
	e.Logs.Write(errOut.Bytes())
}

func mustJSON(v any) string {
	data, err := json.Marshal(v)
	must(err)
	return string(data)
}
