package apptest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// RotatedJPEG returns a 200×100 JPEG whose EXIF Orientation tag says how
// to turn it (6: a quarter, as a phone held upright writes).
func RotatedJPEG(t testing.TB, orientation byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 200 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y * 2), 100, 255})
		}
	}
	var body bytes.Buffer
	if err := jpeg.Encode(&body, img, nil); err != nil {
		t.Fatal(err)
	}
	// An APP1 segment right after SOI: "Exif\0\0", a little-endian TIFF
	// header, one directory with the Orientation tag.
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(seg) + 2) >> 8), byte(len(seg) + 2)}, seg...)
	jpg := body.Bytes()
	return append(append([]byte{0xFF, 0xD8}, app1...), jpg[2:]...)
}
