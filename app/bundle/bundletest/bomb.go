// Package bundletest makes hostile bundles for the tests of package bundle
// and of the torture proofs. Only tests import it.
package bundletest

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"strings"
)

// OverlapBomb returns the plaintext ZIP of a hostile bundle: the small
// files a bundle of version 1 needs, with a manifest and SHA256SUMS that
// list them, and n evidence entries of size bytes of zeros each whose
// directory entries all point at one shared deflate stream. Each entry is
// within deflate's usual ratio (about 1:1030); together they expand to
// n×size: 5 entries of 880 MiB, a file of about 900 KB, make 4.3 GiB. A
// reader that reads the entries one after the other expands them all (and
// writes them out) before any hash can fail.
func OverlapBomb(n int, size int64) []byte {
	kernel := zeroDeflate(size)
	var crc uint32
	zeros := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(zeros)) {
		crc = crc32.Update(crc, crc32.IEEETable, zeros[:min(left, int64(len(zeros)))])
	}
	z := &zipBuilder{}
	small := map[string][]byte{
		"LISEZ-MOI.txt":  []byte("x"),
		"rapport.pdf":    []byte("%PDF-1.4\n%%EOF\n"),
		"incidents.json": []byte(`{"format":"temoin-incidents","version":1,"incidents":[],"files":{}}`),
		"chain.json":     []byte(`{"format":"temoin-chain","version":1,"head":{"seq":0,"id":"` + strings.Repeat("0", 64) + `"},"events":[]}`),
	}
	type file struct {
		Path   string `json:"path"`
		Size   int64  `json:"size"`
		SHA256 string `json:"sha256"`
	}
	var files []file
	for _, name := range []string{"LISEZ-MOI.txt", "rapport.pdf", "incidents.json", "chain.json"} {
		z.add(name, 0, small[name], crc32.ChecksumIEEE(small[name]), int64(len(small[name])))
		sum := sha256.Sum256(small[name])
		files = append(files, file{name, int64(len(small[name])), hex.EncodeToString(sum[:])})
	}
	shared := z.add("evidence/001-video.mp4", 8, kernel, crc, size)
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("evidence/%03d-video.mp4", i)
		if i > 1 {
			z.point(name, shared)
		}
		files = append(files, file{name, size, strings.Repeat("0", 64)})
	}
	manifest, _ := json.Marshal(map[string]any{"format": "temoin-bundle", "version": 1, "vault_id": "0123456789abcdef0123456789abcdef",
		"chain_head": map[string]any{"seq": 0, "id": strings.Repeat("0", 64)}, "files": files, "incidents": []any{}, "evidence": []any{}})
	var sums strings.Builder
	for _, f := range files {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Path)
	}
	msum := sha256.Sum256(manifest)
	fmt.Fprintf(&sums, "%s  manifest.json\n", hex.EncodeToString(msum[:]))
	z.add("manifest.json", 0, manifest, crc32.ChecksumIEEE(manifest), int64(len(manifest)))
	z.add("SHA256SUMS", 0, []byte(sums.String()), crc32.ChecksumIEEE([]byte(sums.String())), int64(sums.Len()))
	return z.finish()
}

// zeroDeflate returns a raw deflate stream of size zero bytes, made of
// one compressed mebibyte repeated (a flush aligns each on a byte).
func zeroDeflate(size int64) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	w.Write(zeros)
	w.Flush()
	first := bytes.Clone(buf.Bytes())
	buf.Reset()
	w.Write(zeros)
	w.Flush()
	unit := bytes.Clone(buf.Bytes())
	buf.Reset()
	out := bytes.NewBuffer(first)
	left := size - 1<<20
	for ; left >= 1<<20; left -= 1 << 20 {
		out.Write(unit)
	}
	if left > 0 {
		w.Write(zeros[:left])
	}
	w.Close()
	out.Write(buf.Bytes())
	return out.Bytes()
}

// zipBuilder writes a ZIP by hand, so that several directory entries can
// point at one local entry.
type zipBuilder struct {
	body, dir bytes.Buffer
	n         int
}

type localEntry struct {
	offset uint32
	method uint16
	crc    uint32
	csize  uint32
	usize  uint32
}

func (z *zipBuilder) add(name string, method uint16, data []byte, crc uint32, usize int64) localEntry {
	e := localEntry{offset: uint32(z.body.Len()), method: method, crc: crc, csize: uint32(len(data)), usize: uint32(usize)}
	le := binary.LittleEndian
	var h [30]byte
	le.PutUint32(h[0:], 0x04034b50)
	le.PutUint16(h[4:], 20)
	le.PutUint16(h[8:], method)
	le.PutUint16(h[12:], 0x21) // 1980-01-01
	le.PutUint32(h[14:], crc)
	le.PutUint32(h[18:], e.csize)
	le.PutUint32(h[22:], e.usize)
	le.PutUint16(h[26:], uint16(len(name)))
	z.body.Write(h[:])
	z.body.WriteString(name)
	z.body.Write(data)
	z.point(name, e)
	return e
}

// point adds a directory entry named name for the local entry e.
func (z *zipBuilder) point(name string, e localEntry) {
	le := binary.LittleEndian
	var h [46]byte
	le.PutUint32(h[0:], 0x02014b50)
	le.PutUint16(h[4:], 20)
	le.PutUint16(h[6:], 20)
	le.PutUint16(h[10:], e.method)
	le.PutUint16(h[14:], 0x21)
	le.PutUint32(h[16:], e.crc)
	le.PutUint32(h[20:], e.csize)
	le.PutUint32(h[24:], e.usize)
	le.PutUint16(h[28:], uint16(len(name)))
	le.PutUint32(h[42:], e.offset)
	z.dir.Write(h[:])
	z.dir.WriteString(name)
	z.n++
}

func (z *zipBuilder) finish() []byte {
	le := binary.LittleEndian
	var end [22]byte
	le.PutUint32(end[0:], 0x06054b50)
	le.PutUint16(end[8:], uint16(z.n))
	le.PutUint16(end[10:], uint16(z.n))
	le.PutUint32(end[12:], uint32(z.dir.Len()))
	le.PutUint32(end[16:], uint32(z.body.Len()))
	out := append(z.body.Bytes(), z.dir.Bytes()...)
	return append(out, end[:]...)
}
