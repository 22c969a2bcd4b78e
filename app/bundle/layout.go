package bundle

import (
	"archive/zip"
	"cmp"
	"math"
	"slices"
)

// The archive's layout, checked before any entry is read: a ZIP whose
// entries share or overlap their compressed data (the "overlapping
// entries" bomb: a 950 KB file that expands to gigabytes, each entry
// within the usual ratio) is refused, and so is one whose files would
// expand far beyond what Témoin's bundles hold.

// maxExpansion returns the most a bundle of plaintext size size may
// expand to: evidence is stored as it is, only text is deflated (JSON and
// the report, about 10:1 at most in practice), so 64 times the archive
// and 64 MiB leave room for any real bundle.
func maxExpansion(size int64) uint64 { return 64*uint64(size) + 64<<20 }

// localHeaderLen is the size of a ZIP local file header without its name
// and extra field.
const localHeaderLen = 30

type span struct {
	start, end int64
	name       string
}

// checkLayout checks that each entry's local header and data lie inside
// the archive (of size bytes) and overlap no other entry's, and that the
// total expanded size stays within maxExpansion. It returns that total.
func checkLayout(zr *zip.Reader, size int64) (int64, error) {
	if len(zr.File) > maxEntries {
		return 0, checkErr(CheckArchive, "", "too many files (%d)", len(zr.File))
	}
	spans := make([]span, 0, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		off, err := f.DataOffset()
		if err != nil {
			return 0, classify(f.Name, err)
		}
		start := off - localHeaderLen - int64(len(f.Name))
		if start < 0 || f.CompressedSize64 > uint64(size-off) {
			return 0, checkErr(CheckArchive, printable(f.Name), "its data lies outside the archive")
		}
		end := off + int64(f.CompressedSize64)
		if f.Flags&0x8 != 0 {
			end += 12 // a data descriptor follows: CRC-32 and two sizes at least
		}
		spans = append(spans, span{start: start, end: end, name: f.Name})
		if total += f.UncompressedSize64; total < f.UncompressedSize64 {
			total = math.MaxUint64
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return 0, checkErr(CheckArchive, printable(spans[i].name), "it overlaps another file of the archive (%s): %w", printable(spans[i-1].name), ErrZipBomb)
		}
	}
	if total > maxExpansion(size) {
		return 0, checkErr(CheckArchive, "", "the files would expand to more than a bundle can hold: %w", ErrZipBomb)
	}
	return int64(total), nil
}
