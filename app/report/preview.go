package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os/exec"
	"strings"
	"time"
)

// The GUI shows the report's first page before it is written. Poppler's
// pdftoppm renders it: the PDF goes in through standard input and the PNG
// comes out through standard output, so no file is written.
//
// The output root must be left out: "pdftoppm … - -" writes a file named
// "-.png" (or "--1.png") in the current folder rather than to standard
// output, a readable copy of the page on disk.

// ErrNoPreview: pdftoppm (poppler-utils) is not installed.
var ErrNoPreview = errors.New("no preview: install poppler-utils (pdftoppm) to see the first page")

// previewTimeout bounds the rendering of a page.
const previewTimeout = 30 * time.Second

// PreviewDPI renders the first page of a PDF at the given resolution.
func PreviewDPI(ctx context.Context, pdf []byte, dpi int) (image.Image, error) {
	if len(pdf) == 0 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, errors.New("preview: not a PDF")
	}
	if dpi < 10 || dpi > 600 {
		return nil, fmt.Errorf("preview: resolution %d out of range", dpi)
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPreview
	}
	ctx, cancel := context.WithTimeout(ctx, previewTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-png", "-f", "1", "-l", "1", "-r", fmt.Sprint(dpi), "-singlefile", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("preview: pdftoppm failed: %w (%s)", err, strings.TrimSpace(stderr.String()))
	}
	img, err := png.Decode(&out)
	if err != nil {
		return nil, fmt.Errorf("preview: pdftoppm gave no image: %w", err)
	}
	return img, nil
}
