package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	_ "image/gif" // decoders of image evidence
	_ "image/png"

	_ "golang.org/x/image/bmp"
	"golang.org/x/image/draw"
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
func makeThumbs(ctx context.Context, j *app.Journal, items []*evItem, step func()) ([]string, error) {
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
				th, err := makeThumb(ctx, j, e.ev.ID)
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
	var warnings []string
	for r := range results {
		if r.err != nil && ctx.Err() == nil {
			warnings = append(warnings, "thumbnail:"+r.e.ev.ID)
		}
		r.e.thumb = r.th
		if ctx.Err() == nil {
			step()
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	slices.Sort(warnings)
	return warnings, nil
}

// makeThumb decodes a piece of image evidence and returns its thumbnail.
// It reads the file to its end, so that a file that no longer matches its
// SHA-256 is reported rather than shown.
func makeThumb(ctx context.Context, j *app.Journal, evidenceID string) (*thumb, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rc, _, err := j.OpenEvidence(evidenceID)
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

// scale fits img into a thumbSide square and encodes it as JPEG.
func scale(img image.Image) (*thumb, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > thumbSide || h > thumbSide {
		if w >= h {
			w, h = thumbSide, max(1, h*thumbSide/w)
		} else {
			w, h = max(1, w*thumbSide/h), thumbSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src) // transparent → white
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 82}); err != nil {
		return nil, fmt.Errorf("failed to encode a thumbnail: %w", err)
	}
	return &thumb{jpeg: buf.Bytes(), w: w, h: h}, nil
}
