package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
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
// decrypting reader, scaled down and encoded again as JPEG (which also
// drops the photo's metadata: GPS position, camera). Nothing touches the
// disk.

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

// makeThumbs decodes the thumbnails of items, a few at a time, and
// returns a warning for each image it could not show. step is called once
// per item, from the calling goroutine.
func makeThumbs(ctx context.Context, files EvidenceOpener, items []*evItem, step func()) ([]Warning, error) {
	if len(items) == 0 {
		return nil, nil
	}
	type result struct {
		e   *evItem
		th  *thumb
		err error
	}
	jobs, results := make(chan *evItem), make(chan result)
	var wg sync.WaitGroup
	for range min(4, runtime.GOMAXPROCS(0), len(items)) {
		wg.Go(func() {
			for e := range jobs {
				th, err := makeThumb(ctx, files, e.ev.ID)
				results <- result{e, th, err}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, e := range items {
			select {
			case jobs <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	var warnings []Warning
	for r := range results {
		if r.err != nil && ctx.Err() == nil {
			warnings = append(warnings, Warning{Kind: WarnThumbnail, Evidence: r.e.ev.ID})
		}
		r.e.thumb = r.th
		if ctx.Err() == nil {
			step()
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
	cfg, _, err := image.DecodeConfig(io.TeeReader(rc, &head))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > thumbMaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", errNotImage, cfg.Width, cfg.Height)
	}
	rest := io.MultiReader(&head, rc)
	img, _, err := image.Decode(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotImage, err)
	}
	if _, err := io.Copy(io.Discard, rest); err != nil {
		return nil, fmt.Errorf("failed to read the evidence: %w", err)
	}
	return scale(img)
}

// scale fits img into a thumbSide square and encodes it as JPEG. The
// image is first laid on white (transparent parts become white), then
// reduced by averaging the pixels each thumbnail pixel covers: as sharp as
// a reduction can be, and quick.
func scale(img image.Image) (*thumb, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	flat := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	dw, dh := w, h
	if w > thumbSide || h > thumbSide {
		if w >= h {
			dw, dh = thumbSide, max(1, h*thumbSide/w)
		} else {
			dw, dh = max(1, w*thumbSide/h), thumbSide
		}
	}
	dst := boxScale(flat, dw, dh)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("failed to encode a thumbnail: %w", err)
	}
	return &thumb{jpeg: buf.Bytes(), w: dw, h: dh}, nil
}

// boxScale reduces src to dw×dh pixels, each the average of the block of
// source pixels it covers.
func boxScale(src *image.RGBA, dw, dh int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if dw == sw && dh == sh {
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := range dh {
		y0, y1 := dy*sh/dh, max((dy+1)*sh/dh, dy*sh/dh+1)
		for dx := range dw {
			x0, x1 := dx*sw/dw, max((dx+1)*sw/dw, dx*sw/dw+1)
			var r, g, bl, a, n uint32
			for y := y0; y < y1; y++ {
				row := src.Pix[y*src.Stride+x0*4 : y*src.Stride+x1*4]
				for i := 0; i < len(row); i += 4 {
					r += uint32(row[i])
					g += uint32(row[i+1])
					bl += uint32(row[i+2])
					a += uint32(row[i+3])
					n++
				}
			}
			o := dy*dst.Stride + dx*4
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = uint8(r/n), uint8(g/n), uint8(bl/n), uint8(a/n)
		}
	}
	return dst
}
