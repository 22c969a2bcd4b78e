package app

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/temoin-app/temoin/app/thumb"
	"github.com/temoin-app/temoin/vault"
)

// thumbRecords returns the blobs that have a thumbnail kept.
func thumbRecords(t *testing.T, j *Journal) []string {
	t.Helper()
	var keys []string
	err := j.Evidence.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained("thumb/", func(key string, _ vault.Value) error {
			keys = append(keys, key)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func testPNG(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b, a := c.RGBA()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestThumbnailKeptAtAttach: attaching a picture keeps its thumbnail,
// encrypted (neither its JPEG nor its stored form is on disk in clear),
// which the report reads without decoding the picture again; a file that
// is not a picture, or a picture that cannot be decoded, is attached all
// the same without one; removing the evidence, or its incident, removes
// the thumbnail.
func TestThumbnailKeptAtAttach(t *testing.T) {
	j, dir := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	photo, err := j.Evidence.AttachFile(t.Context(), in.ID, "photo.png", bytes.NewReader(testPNG(t, 900, 600, color.RGBA{200, 30, 30, 255})), nil)
	if err != nil {
		t.Fatal(err)
	}
	broken, err := j.Evidence.AttachFile(t.Context(), in.ID, "abimee.png", bytes.NewReader([]byte("\x89PNG\r\n\x1a\nnot really a picture")), nil)
	if err != nil || broken.SHA256 == "" {
		t.Fatalf("a picture that cannot be decoded is refused: %v", err)
	}
	video, err := j.Evidence.AttachFile(t.Context(), in.ID, "video.mp4", bytes.NewReader(bytes.Repeat([]byte("vidéo "), 200_000)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if keys := thumbRecords(t, j); len(keys) != 1 {
		t.Fatalf("thumbnails kept: %v, want the photo's only", keys)
	}
	th, err := j.Evidence.Thumbnail(t.Context(), photo.ID)
	if err != nil || th.W != thumb.Side || th.H != thumb.Side*600/900 {
		t.Fatalf("thumbnail of %d×%d, %v", th.W, th.H, err)
	}
	for _, ev := range []*Evidence{broken, video} {
		if _, err := j.Evidence.Thumbnail(t.Context(), ev.ID); !errors.Is(err, thumb.ErrNotImage) {
			t.Errorf("%s: %v, want ErrNotImage", ev.Name, err)
		}
	}

	// Nothing of it in clear on disk.
	stored, _ := th.Marshal()
	needles := [][]byte{th.JPEG[len(th.JPEG)/2 : len(th.JPEG)/2+48], stored[:64], []byte(base64.StdEncoding.EncodeToString(th.JPEG)[:64])}
	j.Lock()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		for _, n := range needles {
			if bytes.Contains(data, n) {
				t.Errorf("%s holds the thumbnail in clear", path)
			}
		}
		return nil
	})
	j = reopen(t, j, dir)
	if again, err := j.Evidence.Thumbnail(t.Context(), photo.ID); err != nil || !bytes.Equal(again.JPEG, th.JPEG) {
		t.Errorf("after a lock: %v", err)
	}

	if err := j.Evidence.Remove(photo.ID); err != nil {
		t.Fatal(err)
	}
	if keys := thumbRecords(t, j); len(keys) != 0 {
		t.Errorf("the thumbnail outlived its evidence: %v", keys)
	}
	other, _ := j.Incidents.Create(sample(t))
	if _, err := j.Evidence.AttachFile(t.Context(), other.ID, "photo.png", bytes.NewReader(testPNG(t, 40, 30, color.Black)), nil); err != nil {
		t.Fatal(err)
	}
	if err := j.Incidents.Delete(other.ID); err != nil {
		t.Fatal(err)
	}
	if keys := thumbRecords(t, j); len(keys) != 0 {
		t.Errorf("the thumbnail outlived its incident: %v", keys)
	}
}

// TestThumbnailMadeWhenFirstAsked: evidence attached before thumbnails
// were kept (or kept by another version) gets its thumbnail the first
// time it is asked for, and keeps it.
func TestThumbnailMadeWhenFirstAsked(t *testing.T) {
	j, _ := newTestJournal(t)
	in, _ := j.Incidents.Create(sample(t))
	photo, err := j.Evidence.AttachFile(t.Context(), in.ID, "photo.png", bytes.NewReader(testPNG(t, 400, 800, color.White)), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _, blob, _ := j.Evidence.find(photo.ID)
	for _, old := range [][]byte{nil, []byte(`{"v":0,"w":1,"h":1,"jpeg":"AA=="}`)} {
		err := j.Evidence.v.Update(func(tx *vault.Tx) error {
			if old == nil {
				tx.DeleteUnchained(thumbKey(blob))
				return nil
			}
			return tx.PutUnchained(thumbKey(blob), old)
		})
		if err != nil {
			t.Fatal(err)
		}
		th, err := j.Evidence.Thumbnail(t.Context(), photo.ID)
		if err != nil {
			t.Fatal(err)
		}
		if th.W != 160 || th.H != 320 {
			t.Errorf("thumbnail of %d×%d", th.W, th.H)
		}
		var data []byte
		j.Evidence.v.View(func(r *vault.Reader) error { data, err = r.GetUnchained(thumbKey(blob)); return err })
		if kept, err := thumb.Parse(data); err != nil || !bytes.Equal(kept.JPEG, th.JPEG) {
			t.Errorf("the thumbnail made when asked was not kept: %v", err)
		}
	}
}

// BenchmarkAttachPhoto attaches a phone photo (a 12-megapixel JPEG of
// 4000×3000 pixels) and, as its anchor, a file of the same size that is
// not a picture: the difference is what making the thumbnail adds to an
// attach.
func BenchmarkAttachPhoto(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	seed := uint32(1)
	for i := range img.Y {
		seed = seed*1664525 + 1013904223
		img.Y[i] = uint8(i%4000/16) + uint8(seed>>28)
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(i%2000/8), uint8(i/2000/6)
	}
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, img, &jpeg.Options{Quality: 85}); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, file string }{{"photo", "photo.jpg"}, {"other", "photo.bin"}} {
		b.Run(c.name, func(b *testing.B) {
			j, _ := newTestJournal(b)
			in, _ := j.Incidents.Create(sample(b))
			n := 0
			for b.Loop() {
				n++ // a different file each time: the same one twice is refused
				data := append(slices.Clip(photo.Bytes()), fmt.Sprint(n)...)
				if _, err := j.Evidence.AttachFile(b.Context(), in.ID, c.file, bytes.NewReader(data), nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(photo.Len())/(1<<20), "file-MiB")
		})
	}
}
