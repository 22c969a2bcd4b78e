package bundle

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/temoin-app/temoin/app"
)

// maxNameLen bounds a path inside a bundle, in bytes.
const maxNameLen = 200

// evidenceFileName returns the name of the n-th evidence file (from 1):
// "evidence/007-capture-ecran.png". The original name (already
// pseudonymised) is folded to lower case ASCII letters, digits, '.', '-'
// and '_', so that it is safe on every system and in SHA256SUMS.
func evidenceFileName(n int, name string) string {
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	clean := func(s string, max int) string {
		s = app.Fold(s)
		var b strings.Builder
		dash := false
		for _, r := range s {
			ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'
			if ok {
				b.WriteRune(r)
				dash = false
			} else if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
			if b.Len() >= max {
				break
			}
		}
		return strings.Trim(b.String(), "-")
	}
	base = clean(base, 80)
	ext = clean(ext, 10)
	if base == "" {
		base = "piece"
	}
	out := fmt.Sprintf("%s%03d-%s", EvidenceDir, n, base)
	if ext != "" {
		out += "." + ext
	}
	return out
}

// checkEntryName accepts the names a bundle of this version may hold: the
// known top-level files and "evidence/<name>" with a safe name. Anything
// else (a path with "..", an absolute path, a drive letter, a backslash, a
// control character, a long name, a folder) is refused.
func checkEntryName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty file name")
	case len(name) > maxNameLen:
		return fmt.Errorf("file name too long (%d bytes)", len(name))
	case !utf8.ValidString(name):
		return fmt.Errorf("file name is not valid UTF-8: %q", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r == '\\' || r == ':' || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("forbidden character in file name %q", name)
		}
	}
	if strings.HasPrefix(name, "/") || path.Clean(name) != name {
		return fmt.Errorf("unsafe file name %q", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("unsafe file name %q", name)
		}
	}
	if slices.Contains(requiredFiles, name) {
		return nil
	}
	rest, ok := strings.CutPrefix(name, EvidenceDir)
	if !ok || rest == "" || strings.Contains(rest, "/") || strings.HasPrefix(rest, ".") {
		return fmt.Errorf("unexpected file %q", name)
	}
	return nil
}
