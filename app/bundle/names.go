package bundle

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/temoin-app/temoin/app"
)

// The names of the files inside a bundle. The writer makes them from
// fixed names and from evidence files' original names, folded to
// [a-z0-9_-]; the reader accepts exactly the names the writer can make,
// so that a hostile bundle cannot bring an executable (".exe", ".lnk",
// ".desktop", ".hta"…), a name spoofed with a right-to-left override, a
// reserved Windows device ("CON", "NUL"…) or a name with a trailing dot
// or space into the representative's folders.

// maxNameLen bounds a path inside a bundle, in bytes.
const maxNameLen = 200

// The evidence and time-stamp names the writer makes, and only those.
var (
	evidenceName  = regexp.MustCompile(`^evidence/[0-9]{3,6}-[a-z0-9_]([a-z0-9_-]{0,78}[a-z0-9_])?(\.[a-z0-9]{1,10})?$`)
	timestampName = regexp.MustCompile(`^timestamps/[0-9]{3,6}\.tsr$`)
)

// viewableTypes are the extensions of documents and media a viewer may
// hand to the system's application: none of them is run by the system as
// a program. Anything else is kept, but only saved, never opened.
var viewableTypes = []string{
	// documents
	"pdf", "txt", "csv", "rtf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "eml",
	// images
	"png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "heif",
	// sound
	"mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac", "amr", "3ga",
	// video
	"mp4", "m4v", "mov", "webm", "mkv", "avi", "3gp", "ogv",
}

// Viewable reports whether a file may be opened with the system's
// application for its type: its extension is one of the document and
// media types listed above (PDF, office documents, images, sound, video).
// Executables, scripts, shortcuts, HTML and SVG (which run scripts in a
// browser) and unknown types are not: the viewer offers to save them
// instead. The GUI's viewer asks it before opening anything.
func Viewable(name string) bool {
	ext := strings.ToLower(path.Ext(strings.TrimSpace(name)))
	return ext != "" && slices.Contains(viewableTypes, ext[1:])
}

// evidenceFileName returns the name of the n-th evidence file (from 1):
// "evidence/007-capture-ecran.png". The original name (already
// pseudonymised) is folded to lower case ASCII letters, digits, '-' and
// '_', so that it is safe on every system and in SHA256SUMS. An extension
// that is not a viewable type (Viewable) is kept in the name but not as
// an extension ("setup.exe" → "001-setup-exe"), so that no system takes
// the file for a program.
func evidenceFileName(n int, name string) string {
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	ext = foldName(ext, 10)
	if !Viewable("x." + ext) {
		if ext != "" {
			base += "-" + ext
		}
		ext = ""
	}
	base = foldName(base, 80)
	if base == "" {
		base = "piece"
	}
	out := fmt.Sprintf("%s%03d-%s", EvidenceDir, n, base)
	if ext != "" {
		out += "." + ext
	}
	if evidenceName.MatchString(out) {
		return out
	}
	return fmt.Sprintf("%s%03d-piece", EvidenceDir, n)
}

// foldName folds s to [a-z0-9_], other runs of characters becoming one
// '-', at most max bytes, without a '-' at either end.
func foldName(s string, max int) string {
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

// timestampFileName returns the name of the n-th time-stamp token (from
// 1): "timestamps/001.tsr".
func timestampFileName(n int) string { return fmt.Sprintf("%s%03d.tsr", TimestampsDir, n) }

// checkEntryName accepts the names a bundle may hold, and only those the
// writer makes: the known top-level files, "evidence/NNN-name.ext" as
// evidenceFileName makes it, "timestamps/NNN.tsr". Anything else (a path
// with "..", an absolute path, a drive letter, a backslash, a control or
// formatting character, a long name, a folder, an executable's
// extension) is refused.
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
	if slices.Contains(requiredFiles, name) || slices.Contains(signedFiles, name) {
		return nil
	}
	if timestampName.MatchString(name) {
		return nil
	}
	if evidenceName.MatchString(name) && (path.Ext(name) == "" || Viewable(name)) {
		return nil
	}
	return fmt.Errorf("unexpected file %q", name)
}
