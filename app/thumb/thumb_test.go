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

// TestJPEGPlanesScaledAsColours: a JPEG's planes, averaged each on its
// own, give the thumbnail that averaging its pixels' colours gives, to
// rounding, whatever the chroma subsampling: here a photo-like picture
// (smooth colours, grain). Where colours change sharply from one pixel
// to the next, a block's edge may count a chroma sample on one side or
// the other: a tenth of a millimetre at the printed size.
func TestJPEGPlanesScaledAsColours(t *testing.T) {
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		m := image.NewYCbCr(image.Rect(0, 0, 1001, 777), ratio)
		for i := range m.Y {
			x, y := i%m.YStride, i/m.YStride
			m.Y[i] = uint8(30 + x/10 + y/8 + i*7%17) // 30 to 243
		}
		for i := range m.Cb {
			x, y := i%m.CStride, i/m.CStride
			m.Cb[i], m.Cr[i] = uint8(90+x/8), uint8(170-y/8)
		}
		fast := thumb.BoxScale(m, 320, 248)
		slow := thumb.BoxScale(struct{ image.Image }{m}, 320, 248) // colour by colour
		worst := 0
		for i := range fast.Pix {
			worst = max(worst, abs(int(fast.Pix[i])-int(slow.Pix[i])))
		}
		if worst > 3 {
			t.Errorf("%v: a thumbnail pixel differs by %d levels", ratio, worst)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
