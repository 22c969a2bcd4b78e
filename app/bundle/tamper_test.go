package bundle

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"
	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
)

// fixHashes recomputes the manifest's list and SHA256SUMS after a change,
// as a forger who knows the format would, and signs the manifest again
// with a key of the forger's own (which then names itself in the manifest
// and in minisign.pub).
func fixHashes(t testing.TB, order []string, files map[string][]byte) {
	t.Helper()
	var m Manifest
	if err := json.Unmarshal(files[NameManifest], &m); err != nil {
		t.Fatal(err)
	}
	_, forgerKey, err := minisign.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := files[NameSignerKey]; ok {
		pub := forgerKey.Public().(minisign.PublicKey)
		m.Signer = &SignerEntry{PublicKey: pub.String()}
		files[NameSignerKey], _ = app.SignerKeyFile(pub.String())
	}
	m.Files = nil
	for _, n := range order {
		if n == NameManifest || n == NameSums || n == NameSignature {
			continue
		}
		sum := sha256.Sum256(files[n])
		m.Files = append(m.Files, FileEntry{Path: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(sum[:])})
	}
	data, _ := json.MarshalIndent(&m, "", "  ")
	files[NameManifest] = data
	var sums strings.Builder
	for _, fe := range m.Files {
		fmt.Fprintf(&sums, "%s  %s\n", fe.SHA256, fe.Path)
	}
	sum := sha256.Sum256(data)
	fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), NameManifest)
	if _, ok := files[NameSignature]; ok {
		files[NameSignature] = minisign.SignWithComments(forgerKey, data, trustedComment(&m), "forged")
		sum := sha256.Sum256(files[NameSignature])
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), NameSignature)
	}
	files[NameSums] = []byte(sums.String())
}

func editJSON(t testing.TB, data []byte, edit func(v map[string]any)) []byte {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	edit(v)
	out, _ := json.Marshal(v)
	return out
}

// refused opens path into a new folder and checks that it fails the check
// named, leaving nothing behind.
func refused(t *testing.T, name, path string, id age.Identity, want Check) {
	t.Helper()
	parent := t.TempDir()
	out := filepath.Join(parent, "dossier")
	_, err := OpenFile(context.Background(), path, OpenOptions{Identities: []age.Identity{id}, OutDir: out})
	var ce *CheckError
	if !errors.As(err, &ce) {
		t.Errorf("%s: not refused with a check error: %v", name, err)
		return
	}
	if ce.Check != want {
		t.Errorf("%s: check %q failed, want %q: %v", name, ce.Check, want, err)
	}
	if !dirEmpty(t, parent) {
		t.Errorf("%s: something was left in the output's folder", name)
	}
}

func TestTamperedBytes(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	orig, _ := os.ReadFile(path)
	header := bytes.Index(orig, []byte("\n---")) // end of age's header
	for _, pos := range []int{0, 30, header - 10, header + 2, header + 60, len(orig) / 3, len(orig) / 2, len(orig) - 40, len(orig) - 1} {
		data := bytes.Clone(orig)
		data[pos] ^= 0x01
		p := filepath.Join(t.TempDir(), "b.zip.age")
		os.WriteFile(p, data, 0o600)
		refused(t, fmt.Sprintf("byte %d of %d", pos, len(orig)), p, id, CheckDecrypt)
	}
	// Truncated, or with bytes added.
	for name, data := range map[string][]byte{
		"truncated": orig[:len(orig)-100],
		"appended":  append(bytes.Clone(orig), "plus"...),
		"empty":     {},
	} {
		p := filepath.Join(t.TempDir(), "b.zip.age")
		os.WriteFile(p, data, 0o600)
		refused(t, name, p, id, CheckDecrypt)
	}
}

func TestTamperedContents(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	evidence := "evidence/002-etc-passwd"

	cases := []struct {
		name   string
		change func(order []string, files map[string][]byte) []entry
		want   Check
	}{
		{"evidence changed", func(o []string, f map[string][]byte) []entry {
			f[evidence][10] ^= 1
			return entriesOf(o, f)
		}, CheckHash},
		{"incident text changed", func(o []string, f map[string][]byte) []entry {
			f[NameIncidents] = bytes.Replace(f[NameIncidents], []byte("menacé"), []byte("salué"), 1)
			return entriesOf(o, f)
		}, CheckHash},
		{"report replaced", func(o []string, f map[string][]byte) []entry {
			f[NameReport] = []byte("%PDF-1.4 autre rapport")
			return entriesOf(o, f)
		}, CheckHash},
		{"SHA256SUMS changed", func(o []string, f map[string][]byte) []entry {
			f[NameSums] = bytes.Replace(f[NameSums], []byte("  rapport.pdf"), []byte("  LISEZ-MOI.txt"), 1)
			return entriesOf(o, f)
		}, CheckSums},
		{"evidence removed", func(o []string, f map[string][]byte) []entry {
			var out []entry
			for _, e := range entriesOf(o, f) {
				if e.name != evidence {
					out = append(out, e)
				}
			}
			return out
		}, CheckManifest},
		{"file added", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "evidence/099-ajout.txt", data: []byte("ajout")})
		}, CheckManifest},
		{"manifest missing", func(o []string, f map[string][]byte) []entry {
			var out []entry
			for _, e := range entriesOf(o, f) {
				if e.name != NameManifest {
					out = append(out, e)
				}
			}
			return out
		}, CheckManifest},
		{"revision changed, hashes redone", func(o []string, f map[string][]byte) []entry {
			f[NameIncidents] = editJSON(t, f[NameIncidents], func(v map[string]any) {
				v["incidents"].([]any)[0].(map[string]any)["revision"] = 7
			})
			fixHashes(t, o, f)
			return entriesOf(o, f)
		}, CheckIncidents},
		{"incident removed, hashes redone", func(o []string, f map[string][]byte) []entry {
			f[NameIncidents] = editJSON(t, f[NameIncidents], func(v map[string]any) {
				v["incidents"] = v["incidents"].([]any)[1:]
			})
			fixHashes(t, o, f)
			return entriesOf(o, f)
		}, CheckIncidents},
		{"history altered, hashes redone", func(o []string, f map[string][]byte) []entry {
			f[NameChain] = editJSON(t, f[NameChain], func(v map[string]any) {
				v["events"].([]any)[0].(map[string]any)["type"] = "amended"
			})
			fixHashes(t, o, f)
			return entriesOf(o, f)
		}, CheckChain},
		{"history cut, hashes redone", func(o []string, f map[string][]byte) []entry {
			f[NameChain] = editJSON(t, f[NameChain], func(v map[string]any) {
				ev := v["events"].([]any)
				v["events"] = ev[:len(ev)-1]
			})
			fixHashes(t, o, f)
			return entriesOf(o, f)
		}, CheckChain},
		{"newer format", func(o []string, f map[string][]byte) []entry {
			f[NameManifest] = editJSON(t, f[NameManifest], func(v map[string]any) { v["version"] = 99 })
			return entriesOf(o, f)
		}, CheckManifest},
		{"path escaping", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "../x", data: []byte("x")})
		}, CheckNames},
		{"absolute path", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "/tmp/x", data: []byte("x")})
		}, CheckNames},
		{"windows path", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: `evidence\..\..\x`, data: []byte("x")})
		}, CheckNames},
		{"NUL in name", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "evidence/a\x00b", data: []byte("x")})
		}, CheckNames},
		{"long name", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "evidence/" + strings.Repeat("a", 300), data: []byte("x")})
		}, CheckNames},
		{"duplicate name", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: evidence, data: []byte("autre")})
		}, CheckNames},
		{"duplicate name, other case", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: strings.ToUpper(evidence), data: []byte("autre")})
		}, CheckNames},
		{"symlink", func(o []string, f map[string][]byte) []entry {
			return append(entriesOf(o, f), entry{name: "evidence/lien", data: []byte("/etc/passwd"), symlink: true})
		}, CheckNames},
	}
	for _, tc := range cases {
		p := rewrap(t, path, id, tc.change)
		refused(t, tc.name, p, id, tc.want)
	}

	// The unchanged bundle, rewrapped, still opens: the test's own
	// rewrapping is not what fails.
	p := rewrap(t, path, id, func(o []string, f map[string][]byte) []entry { return entriesOf(o, f) })
	if _, err := OpenFile(context.Background(), p, OpenOptions{Identities: []age.Identity{id}}); err != nil {
		t.Errorf("rewrapped without change: %v", err)
	}
	// A newer version is told apart.
	var newer func([]string, map[string][]byte) []entry
	for _, tc := range cases {
		if tc.name == "newer format" {
			newer = tc.change
		}
	}
	p = rewrap(t, path, id, newer)
	if _, err := OpenFile(context.Background(), p, OpenOptions{Identities: []age.Identity{id}}); !errors.Is(err, ErrUnsupportedVersion) {
		t.Errorf("newer format: %v", err)
	}
}
