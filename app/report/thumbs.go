package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	_ "image/gif" // decoders of image evidence
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"

	"github.com/temoin-app/temoin/app"
)

// Thumbnails of image evidence are decoded in memory from the vault's
// decrypting reader, scaled down, turned the way the photo's EXIF
// orientation says, and encoded again as JPEG (which also drops the
// photo's metadata: GPS position, camera). Nothing touches the disk. The
// same file attached twice is decoded once.

// thumb is a small JPEG of a piece of image evidence.
type thumb struct {
	jpeg []byte
	w, h int // pixels
}

// Limits that keep a hostile or huge file from exhausting memory.
const (
	thumbMaxPixels = 50_000_000 // decoded images above this are skipped
	thumbMaxBytes  = 64 << 20   // files above this are skipped
	thumbSide      = 320        // the longest side of a thumbnail, in pixels
)

var errNotImage = errors.New("not an image this report can show")

// isImage reports whether a piece of evidence may get a thumbnail.
func isImage(ev *app.Evidence) bool {
	if ev.IsLink() || ev.Size > thumbMaxBytes {
		return false
	}
	switch strings.ToLower(ev.MediaType) {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp":
		return true
	}
	return false
}

// makeThumbs decodes the thumbnails of items, a few at a time, each
// distinct file once, and returns a warning for each image it could not
// show. step is called once per item, from the calling goroutine.
func makeThumbs(ctx context.Context, files EvidenceOpener, items []*evItem, step func()) ([]Warning, error) {
	if len(items) == 0 {
		return nil, nil
	}
	// One job per distinct content; its thumbnail serves every item.
	byHash := map[string][]*evItem{}
	var jobs []*evItem
	for _, e := range items {
		key := e.ev.SHA256
		if key == "" {
			key = e.ev.ID
		}
		if byHash[key] == nil {
			jobs = append(jobs, e)
		}
		byHash[key] = append(byHash[key], e)
	}
	type result struct {
		e   *evItem
		th  *thumb
		err error
	}
	queue, results := make(chan *evItem), make(chan result)
	var wg sync.WaitGroup
	// The report is laid out meanwhile: leave it a core, and keep few
	// decoded pictures in memory at once.
	for range max(1, min(runtime.GOMAXPROCS(0)-1, len(jobs), 4)) {
		wg.Go(func() {
			for e := range queue {
				th, err := makeThumb(ctx, files, e.ev.ID)
				results <- result{e, th, err}
			}
		})
	}
	go func() {
		defer close(queue)
		for _, e := range jobs {
			select {
			case queue <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	var warnings []Warning
	for r := range results {
		key := r.e.ev.SHA256
		if key == "" {
			key = r.e.ev.ID
		}
		for _, e := range byHash[key] {
			if r.err != nil && ctx.Err() == nil {
				warnings = append(warnings, Warning{Kind: WarnThumbnail, Evidence: e.ev.ID})
			}
			e.thumb = r.th
			if ctx.Err() == nil {
				step()
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(warnings, func(a, b Warning) int { return strings.Compare(a.Evidence, b.Evidence) })
	return warnings, nil
}

// makeThumb decodes a piece of image evidence and returns its thumbnail.
// It reads the file to its end, so that a file that no longer matches its
// SHA-256 is reported rather than shown.
func makeThumb(ctx context.Context, files EvidenceOpener, evidenceID string) (*thumb, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rc, _, err := files.Open(evidenceID)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(rc, &head))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > thumbMaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", errNotImage, cfg.Width, cfg.Height)
	}
	var orientation int
	if format == "jpeg" {
		orientation = exifOrientation(head.Bytes())
	}
	rest := io.MultiReader(&head, rc)
	img, _, err := image.Decode(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotImage, err)
	}
	if _, err := io.Copy(io.Discard, rest); err != nil {
		return nil, fmt.Errorf("failed to read the evidence: %w", err)
	}
	return scale(img, orientation)
}

// scale fits img into a thumbSide square, laid on white (transparent
// parts become white), turns it as the EXIF orientation says, and encodes
// it as JPEG. Each thumbnail pixel is the average of the source pixels it
// covers: as sharp as a reduction can be, in one pass over the source.
func scale(img image.Image, orientation int) (*thumb, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if w > thumbSide || h > thumbSide {
		if w >= h {
			dw, dh = thumbSide, max(1, h*thumbSide/w)
		} else {
			dw, dh = max(1, w*thumbSide/h), thumbSide
		}
	}
	dst := orient(boxScale(img, dw, dh), orientation)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("failed to encode a thumbnail: %w", err)
	}
	r := dst.Bounds()
	return &thumb{jpeg: buf.Bytes(), w: r.Dx(), h: r.Dy()}, nil
}

// boxScale reduces img to dw×dh pixels, each the average of the block of
// source pixels it covers, over white.
func boxScale(img image.Image, dw, dh int) *image.RGBA {
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	sums := make([]uint32, dw*dh*4) // r, g, b, count
	// The source columns each thumbnail column covers: from[dx] to from[dx+1].
	from := make([]int, dw+1)
	for dx := range from {
		from[dx] = dx * sw / dw
	}
	row := make([]uint8, sw*3)
	for y := range sh {
		line := sums[(y*dh/sh)*dw*4 : (y*dh/sh+1)*dw*4]
		if m, ok := img.(*image.RGBA); ok {
			addRGBARow(line, m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):], from)
			continue
		}
		readRow(img, b.Min.Y+y, row)
		addRow(line, row, from)
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for i := 0; i < dw*dh; i++ {
		n := max(sums[4*i+3], 1)
		dst.Pix[4*i], dst.Pix[4*i+1], dst.Pix[4*i+2], dst.Pix[4*i+3] =
			uint8(sums[4*i]/n), uint8(sums[4*i+1]/n), uint8(sums[4*i+2]/n), 255
	}
	return dst
}

// addRow adds a row of RGB pixels to the sums of a thumbnail row.
func addRow(line []uint32, row []uint8, from []int) {
	for dx := 0; dx+1 < len(from); dx++ {
		var r, g, bl uint32
		px := row[3*from[dx] : 3*from[dx+1]]
		for x := 0; x+2 < len(px); x += 3 {
			r += uint32(px[x])
			g += uint32(px[x+1])
			bl += uint32(px[x+2])
		}
		o := line[4*dx : 4*dx+4]
		o[0] += r
		o[1] += g
		o[2] += bl
		o[3] += uint32(from[dx+1] - from[dx])
	}
}

// addRGBARow adds a row of premultiplied RGBA pixels, laid on white, to
// the sums of a thumbnail row: each colour plus what the alpha leaves of
// the white.
func addRGBARow(line []uint32, pix []uint8, from []int) {
	for dx := 0; dx+1 < len(from); dx++ {
		var r, g, bl, a uint32
		px := pix[4*from[dx] : 4*from[dx+1]]
		for x := 0; x+3 < len(px); x += 4 {
			r += uint32(px[x])
			g += uint32(px[x+1])
			bl += uint32(px[x+2])
			a += uint32(px[x+3])
		}
		n := uint32(from[dx+1] - from[dx])
		white := 255*n - a
		o := line[4*dx : 4*dx+4]
		o[0] += r + white
		o[1] += g + white
		o[2] += bl + white
		o[3] += n
	}
}

// readRow writes the pixels of row y of img into row as RGB over white,
// with fast paths for the decoders' usual types.
func readRow(img image.Image, y int, row []uint8) {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.NRGBA:
		px := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			a := uint32(px[4*x+3])
			for c := range 3 {
				row[3*x+c] = uint8((uint32(px[4*x+c])*a + 255*(255-a)) / 255)
			}
		}
	case *image.YCbCr:
		for x := range b.Dx() {
			yi, ci := m.YOffset(b.Min.X+x, y), m.COffset(b.Min.X+x, y)
			row[3*x], row[3*x+1], row[3*x+2] = color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
		}
	case *image.Gray:
		px := m.Pix[m.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			row[3*x], row[3*x+1], row[3*x+2] = px[x], px[x], px[x]
		}
	default:
		for x := range b.Dx() {
			r, g, bl, a := img.At(b.Min.X+x, y).RGBA() // premultiplied, 16 bits
			white := 0xffff - a
			row[3*x], row[3*x+1], row[3*x+2] = uint8((r+white)>>8), uint8((g+white)>>8), uint8((bl+white)>>8)
		}
	}
}
