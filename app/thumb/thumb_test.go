package thumb_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/thumb"
)

func TestEXIFOrientation(t *testing.T) {
	for o := byte(1); o <= 8; o++ {
		if got := thumb.ExifOrientation(apptest.RotatedJPEG(t, o)); got != int(o) {
			t.Errorf("orientation %d read as %d", o, got)
		}
	}
	for _, bad := range [][]byte{nil, {0xFF, 0xD8}, {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E'}, []byte("not a jpeg")} {
		if got := thumb.ExifOrientation(bad); got != 1 {
			t.Errorf("%q: %d", bad, got)
		}
	}
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	src.Set(0, 0, color.RGBA{255, 0, 0, 255})
	for o, want := range map[int]image.Point{6: {1, 0}, 8: {0, 2}, 3: {2, 1}, 2: {2, 0}} {
		got := thumb.Orient(src, o)
		if r, _, _, _ := got.At(want.X, want.Y).RGBA(); r>>8 != 255 {
			t.Errorf("orientation %d: the corner is not at %v", o, want)
		}
	}
}
