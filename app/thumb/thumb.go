// Package thumb makes the thumbnails of image evidence: a small JPEG,
// decoded in memory from the vault's decrypting reader, scaled down,
// turned the way the photo's EXIF orientation says, and encoded again
// (which also drops the photo's metadata: GPS position, camera). Nothing
// touches the disk. The journal makes a thumbnail once, when the file is
// attached, and keeps it encrypted beside the file (app.EvidenceService);
// the report prints it.
package thumb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"strings"

	_ "image/gif" // decoders of image evidence
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// Thumb is a small JPEG of a piece of image evidence.
type Thumb struct {
	JPEG []byte
	W, H int // pixels
}

// Limits that keep a hostile or huge file from exhausting memory, and
// the size of a thumbnail.
const (
	MaxPixels = 50_000_000 // decoded images above this are skipped
	MaxBytes  = 64 << 20   // files above this are skipped
	Side      = 320        // the longest side of a thumbnail, in pixels
	quality   = 82         // of the JPEG
)

// version names how a thumbnail is made (Side, quality, the scaling): a
// stored thumbnail of another version is made again.
const version = 1

// ErrNotImage: the file is not an image a thumbnail can be made of.
var ErrNotImage = errors.New("not an image a thumbnail can be made of")

// Eligible reports whether a file of this media type and size may get a
// thumbnail.
func Eligible(mediaType string, size int64) bool {
	if size > MaxBytes {
		return false
	}
	switch strings.ToLower(mediaType) {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp":
		return true
	}
	return false
}

// Make decodes an image and returns its thumbnail. It reads r to its end,
// so that a reader that checks the content's SHA-256 at the end (the
// vault's) reports a file that no longer matches it rather than let it be
// shown. The error wraps ErrNotImage when the content is not a picture.
func Make(ctx context.Context, r io.Reader) (*Thumb, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var head bytes.Buffer
	cfg, format, err := image.DecodeConfig(io.TeeReader(r, &head))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrNotImage, cfg.Width, cfg.Height)
	}
	var orientation int
	if format == "jpeg" {
		orientation = exifOrientation(head.Bytes())
	}
	rest := io.MultiReader(&head, r)
	img, _, err := image.Decode(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if _, err := io.Copy(io.Discard, rest); err != nil {
		return nil, fmt.Errorf("failed to read the evidence: %w", err)
	}
	return scale(img, orientation)
}

// stored is a thumbnail as the journal keeps it.
type stored struct {
	Version int    `json:"v"`
	W       int    `json:"w"`
	H       int    `json:"h"`
	JPEG    []byte `json:"jpeg"`
}

// Marshal returns the thumbnail as the journal keeps it.
func (t *Thumb) Marshal() ([]byte, error) {
	return json.Marshal(stored{Version: version, W: t.W, H: t.H, JPEG: t.JPEG})
}

// ErrStale: a stored thumbnail was made another way; make it again.
var ErrStale = errors.New("the thumbnail was made by another version")

// Parse reads a thumbnail as the journal keeps it; ErrStale when it was
// made by another version.
func Parse(data []byte) (*Thumb, error) {
	var s stored
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("read a thumbnail: %w", err)
	}
	if s.Version != version {
		return nil, ErrStale
	}
	if s.W <= 0 || s.H <= 0 || s.W > Side || s.H > Side || len(s.JPEG) == 0 {
		return nil, fmt.Errorf("read a thumbnail: %d×%d pixels, %d bytes", s.W, s.H, len(s.JPEG))
	}
	return &Thumb{JPEG: s.JPEG, W: s.W, H: s.H}, nil
}
