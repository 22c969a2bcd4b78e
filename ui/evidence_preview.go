package ui

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif" // previews
	_ "image/jpeg"
	_ "image/png"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Limits of the previews: they are decoded in memory only, never written
// anywhere, and only for pictures of reasonable size.
const (
	maxPreviewBytes  = 30 << 20
	maxPreviewPixels = 50_000_000
)

// errTooLarge: a picture too large to decode safely for a preview.
var errTooLarge = errors.New("too large to preview")

func isPreviewable(ev app.Evidence) bool {
	switch ev.MediaType {
	case "image/png", "image/jpeg", "image/gif":
		return ev.Size > 0 && ev.Size <= maxPreviewBytes
	}
	return false
}

// loadPreview decrypts and decodes a picture off the UI thread, in
// memory only.
func (s *evidenceSection) loadPreview(ev app.Evidence, into *fyne.Container) {
	j := s.g.journal
	loading := widget.NewActivity()
	loading.Start()
	into.Objects = []fyne.CanvasObject{container.NewCenter(loading)}
	s.g.async(func() {
		img, err := decodePreview(j, ev.ID)
		fyne.Do(func() {
			loading.Stop()
			if err != nil || img == nil {
				into.Objects = []fyne.CanvasObject{caption(i18n.X("gui.evidence.no_preview"))}
				into.Refresh()
				return
			}
			c := canvas.NewImageFromImage(img)
			c.FillMode = canvas.ImageFillContain
			c.ScaleMode = canvas.ImageScaleSmooth
			c.SetMinSize(fyne.NewSize(360, 260))
			into.Objects = []fyne.CanvasObject{c}
			into.Refresh()
		})
	})
}

// decodePreview reads a picture from the vault into memory and decodes
// it, refusing ones too large to decode safely.
func decodePreview(j *app.Journal, id string) (image.Image, error) {
	rc, _, err := j.Evidence.Open(id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPreviewBytes+1))
	if err != nil {
		return nil, err
	}
	defer clear(data)
	if len(data) > maxPreviewBytes {
		return nil, errTooLarge
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width*cfg.Height > maxPreviewPixels {
		return nil, errTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	return img, err
}
