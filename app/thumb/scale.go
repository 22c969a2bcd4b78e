package thumb

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"slices"
)

// Scaling: each thumbnail pixel is the average of the source pixels it
// covers, laid on white, in one pass over the source.

// scale fits img into a Side square, laid on white (transparent
// parts become white), turns it as the EXIF orientation says, and encodes
// it as JPEG. Each thumbnail pixel is the average of the source pixels it
// covers: as sharp as a reduction can be, in one pass over the source.
func scale(img image.Image, orientation int) (*Thumb, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if w > Side || h > Side {
		if w >= h {
			dw, dh = Side, max(1, h*Side/w)
		} else {
			dw, dh = max(1, w*Side/h), Side
		}
	}
	dst := orient(boxScale(img, dw, dh), orientation)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("failed to encode a thumbnail: %w", err)
	}
	r := dst.Bounds()
	return &Thumb{JPEG: buf.Bytes(), W: r.Dx(), H: r.Dy()}, nil
}

// boxScale reduces img to dw×dh pixels, each the average of the block of
// source pixels it covers, over white.
func boxScale(img image.Image, dw, dh int) *image.RGBA {
	if m, ok := img.(*image.YCbCr); ok {
		if dst := boxScaleYCbCr(m, dw, dh); dst != nil {
			return dst
		}
	}
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

// boxScaleYCbCr is boxScale for a JPEG's planes, several times faster: the
// luma and the two chroma planes are averaged each on its own (a chroma
// sample counts in the block of the first pixel it covers), and each
// thumbnail pixel is turned into RGB once. The conversion being affine,
// the colour of the averages is the average of the colours, to rounding.
// It returns nil for a picture this does not fit (a thumbnail pixel
// smaller than a chroma sample, a picture that does not start at the
// origin).
func boxScaleYCbCr(m *image.YCbCr, dw, dh int) *image.RGBA {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	fx, fy := 1, 1 // the pixels a chroma sample covers
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		fx = 2
	case image.YCbCrSubsampleRatio420:
		fx, fy = 2, 2
	case image.YCbCrSubsampleRatio440:
		fy = 2
	case image.YCbCrSubsampleRatio411:
		fx = 4
	case image.YCbCrSubsampleRatio410:
		fx, fy = 4, 2
	}
	if m.Rect.Min != (image.Point{}) {
		return nil
	}
	luma := grid{w: w, h: h, dw: dw, dh: dh, fx: 1, fy: 1}
	chroma := grid{w: w, h: h, dw: dw, dh: dh, fx: fx, fy: fy}
	ys, yn := luma.sums(m.Y, m.YStride)
	cbs, cn := chroma.sums(m.Cb, m.CStride)
	crs, _ := chroma.sums(m.Cr, m.CStride)
	if slices.Contains(cn, 0) || slices.Contains(yn, 0) {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for i := range ys {
		r, g, b := color.YCbCrToRGB(uint8(ys[i]/yn[i]), uint8(cbs[i]/cn[i]), uint8(crs[i]/cn[i]))
		dst.Pix[4*i], dst.Pix[4*i+1], dst.Pix[4*i+2], dst.Pix[4*i+3] = r, g, b, 255
	}
	return dst
}

// grid maps the samples of a plane of a w×h picture, each covering fx×fy
// pixels, to the blocks of a dw×dh thumbnail.
type grid struct{ w, h, dw, dh, fx, fy int }

// sums adds the samples of the plane into the thumbnail's blocks and
// returns each block's sum and count.
func (g grid) sums(pix []uint8, stride int) (sums, counts []uint32) {
	sums, counts = make([]uint32, g.dw*g.dh), make([]uint32, g.dw*g.dh)
	pw, ph := (g.w+g.fx-1)/g.fx, (g.h+g.fy-1)/g.fy
	// The samples of thumbnail column dx: from[dx] to from[dx+1], those
	// whose first pixel is in the block.
	from := make([]int, g.dw+1)
	for dx := range from {
		from[dx] = (dx*g.w/g.dw + g.fx - 1) / g.fx
	}
	for y := range ph {
		row := pix[y*stride : y*stride+pw]
		o := (y * g.fy * g.dh / g.h) * g.dw
		for dx := range g.dw {
			var sum uint32
			for _, v := range row[from[dx]:from[dx+1]] {
				sum += uint32(v)
			}
			sums[o+dx] += sum
			counts[o+dx] += uint32(from[dx+1] - from[dx])
		}
	}
	return sums, counts
}
