package report

import (
	"bytes"
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Charts are drawn with gonum/plot into PNG images in memory, at print
// resolution, and placed in the PDF. Bars in the accent colour, the count
// written at the end of each bar, no grid, no frame: the numbers are on
// the bars.

const chartDPI = 150

// chart is a PNG image and its size on the page, in mm.
type chart struct {
	png  []byte
	w, h float64
}

var (
	barColor  = color.RGBA{uint8(accent.r), uint8(accent.g), uint8(accent.b), 255}
	gridColor = color.RGBA{225, 229, 235, 255}
	textColor = color.RGBA{60, 64, 72, 255}
)

// BarChartPNG draws a chart of one bar per label, in the report's style,
// as a PNG image of wMM×hMM: for other documents (the committee
// synthesis). shown, when not nil, replaces the value written on each bar
// ("moins de 3").
func BarChartPNG(labels []string, values []int, shown []string, horizontal bool, wMM, hMM float64) ([]byte, error) {
	c, err := barChartShown(labels, values, shown, horizontal, wMM, hMM)
	if err != nil {
		return nil, err
	}
	return c.png, nil
}

// barChart draws one bar per label. Horizontal charts list categories
// (the longest first at the top); vertical charts are time series.
func barChart(labels []string, values []int, horizontal bool, wMM, hMM float64) (*chart, error) {
	return barChartShown(labels, values, nil, horizontal, wMM, hMM)
}

func barChartShown(labels []string, values []int, shown []string, horizontal bool, wMM, hMM float64) (*chart, error) {
	if len(labels) == 0 || len(labels) != len(values) {
		return nil, fmt.Errorf("chart: %d labels for %d values", len(labels), len(values))
	}
	n := len(values)
	labels = append([]string(nil), labels...)
	vals := make(plotter.Values, n)
	maxV := 1
	for i, v := range values {
		vals[i] = float64(v)
		maxV = max(maxV, v)
	}
	texts := make([]string, n)
	for i, v := range values {
		texts[i] = fmt.Sprint(v)
		if i < len(shown) && shown[i] != "" {
			texts[i] = shown[i]
		}
	}
	if horizontal { // gonum puts the first value at the bottom
		slices.Reverse(vals)
		slices.Reverse(labels)
		slices.Reverse(texts)
	}
	p := newPlot()
	bars, err := plotter.NewBarChart(vals, barWidth(n, horizontal, wMM, hMM))
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	bars.Color = barColor
	bars.LineStyle.Width = 0
	bars.Horizontal = horizontal
	lbl, err := valueLabels(vals, texts, horizontal)
	if err != nil {
		return nil, err
	}
	// A thin base line, in place of the axis.
	base, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 0}, {X: float64(n) - 0.5, Y: 0}})
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	base.Color, base.Width = gridColor, vg.Points(0.8)
	top := float64(maxV) * 1.12
	none := plot.TickerFunc(func(lo, hi float64) []plot.Tick { return nil })
	if horizontal {
		base.XYs = plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(n) - 0.5}}
		p.NominalY(labels...)
		p.X.Min, p.X.Max = 0, top
		p.X.Tick.Marker = none
		p.X.Tick.Label.Font.Size = 0
		lbl.Offset = vg.Point{X: vg.Points(3)}
	} else {
		// Many months: name every second or third one.
		if step := (n + 11) / 12; step > 1 {
			for i := range labels {
				if i%step != 0 {
					labels[i] = ""
				}
			}
		}
		p.NominalX(labels...)
		p.Y.Min, p.Y.Max = 0, top
		p.Y.Tick.Marker = none
		p.Y.Tick.Label.Font.Size = 0
		lbl.Offset = vg.Point{Y: vg.Points(2.5)}
	}
	p.Add(base, bars, lbl)
	return drawPNG(p, wMM, hMM)
}

// newPlot returns an empty plot in the report's style: white, no axis
// lines nor ticks, labels in Liberation Sans.
func newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = color.White
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		tickStyle(&ax.Tick.Label, 8)
		tickStyle(&ax.Label.TextStyle, 8)
		ax.LineStyle.Width = 0
		ax.Tick.LineStyle.Width = 0
		ax.Tick.Length = 0
		ax.Padding = 0
	}
	return p
}

func tickStyle(s *text.Style, size vg.Length) {
	s.Font = font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
	s.Color = textColor
}

// barWidth is the width of each of n bars in a chart of wMM×hMM.
func barWidth(n int, horizontal bool, wMM, hMM float64) vg.Length {
	if !horizontal {
		area := vg.Length(wMM-10) * vg.Millimeter
		return min(area/vg.Length(n)*0.5, 7*vg.Millimeter)
	}
	area := vg.Length(hMM-8) * vg.Millimeter
	return min(area/vg.Length(n)*0.55, 4.5*vg.Millimeter)
}

// valueLabels writes each bar's value at its end.
func valueLabels(vals plotter.Values, texts []string, horizontal bool) (*plotter.Labels, error) {
	var xys plotter.XYs
	for i, v := range vals {
		if horizontal {
			xys = append(xys, plotter.XY{X: v, Y: float64(i)})
		} else {
			xys = append(xys, plotter.XY{X: float64(i), Y: v})
		}
	}
	lbl, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	for i := range lbl.TextStyle {
		tickStyle(&lbl.TextStyle[i], 7.5)
		if horizontal {
			lbl.TextStyle[i].YAlign = text.YCenter
		} else {
			lbl.TextStyle[i].XAlign = text.XCenter
		}
	}
	return lbl, nil
}

// drawPNG draws a plot as a PNG image of wMM×hMM.
func drawPNG(p *plot.Plot, wMM, hMM float64) (*chart, error) {
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(wMM)*vg.Millimeter, vg.Length(hMM)*vg.Millimeter),
		vgimg.UseDPI(chartDPI),
		vgimg.UseBackgroundColor(color.White),
	)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return &chart{png: buf.Bytes(), w: wMM, h: hMM}, nil
}
