package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationmonoregular"
	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-fonts/liberation/liberationserifitalic"
	"codeberg.org/go-fonts/liberation/liberationserifregular"

	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// The page: A4, generous margins, a header and a footer on every page but
// the first. Everything is laid out by hand (fpdf's automatic page break
// is off) so that headings stay with what follows, table headers repeat
// on each page and long texts break cleanly.

const (
	pageW    = 210.0
	pageH    = 297.0
	marginL  = 22.0
	marginR  = 22.0
	marginT  = 24.0
	marginB  = 22.0
	contentW = pageW - marginL - marginR
	bottomY  = pageH - marginB
	ptToMM   = 25.4 / 72
)

// rgb is a colour. The report has one accent colour; the rest is ink and
// greys.
type rgb struct{ r, g, b int }

var (
	accent = rgb{31, 58, 95}    // a deep blue: headings, rules, bars
	ink    = rgb{28, 28, 30}    // text
	muted  = rgb{96, 102, 112}  // labels, header, footer
	hair   = rgb{205, 210, 217} // rules between rows
	tint   = rgb{236, 240, 245} // table headers, boxes
)

// style is a font, a size in points and a colour.
type style struct {
	family, weight string
	size           float64
	color          rgb
}

var (
	stBody   = style{"sans", "", 10, ink}
	stBold   = style{"sans", "B", 10, ink}
	stItalic = style{"sans", "I", 10, ink}
	stSmall  = style{"sans", "", 8.5, ink}
	stLegal  = style{"sans", "", 8.5, ink}
	stSmallB = style{"sans", "B", 8.5, ink}
	stTable  = style{"sans", "", 8, ink}
	stLabel  = style{"sans", "", 8.5, muted}
	stMuted  = style{"sans", "I", 8.5, muted}
	stH1     = style{"sans", "B", 17, accent}
	stH2     = style{"sans", "B", 12.5, accent}
	stH3     = style{"sans", "B", 10.5, ink}
	stQuote  = style{"serif", "I", 11, ink}
	stMono   = style{"mono", "", 7.6, ink}
	stMonoS  = style{"mono", "", 8.5, ink}
	stHeader = style{"sans", "", 7.5, muted}
	stTitle  = style{"sans", "B", 23, ink}
	stSub    = style{"sans", "", 14, accent}
	stBigNum = style{"sans", "B", 20, accent}
	stKicker = style{"sans", "B", 9, accent}
)

// lineHeight is the distance between two lines of a style, in mm.
func (s style) lineHeight() float64 { return s.size * ptToMM * 1.38 }

// doc is a PDF being laid out, in one pass: what needs the pages of later
// parts (the table of contents, the chronology's page numbers, "page 3 /
// 40" in the footers) is written at the end, on the pages kept for it.
type doc struct {
	f *fpdf.Fpdf
	t *texts

	header, footer string // texts of the running header and footer (left)
	bare           map[int]bool
	cur            style
	styled         bool // cur is the style set on the current page

	anchors map[string]int    // page of each anchor
	links   map[string]int    // fpdf link of each anchor, made when first needed
	later   []func()          // what is written once every page is known
	used    map[int]float64   // how far down each page was filled, in mm
	images  map[string]string // registered images, by the SHA-256 of their data
}

// docMeta is the PDF's metadata.
type docMeta struct {
	title, subject, author string
	created                time.Time
}

func newDoc(t *texts, meta docMeta) *doc {
	f := fpdf.New("P", "mm", "A4", "")
	d := &doc{f: f, t: t, bare: map[int]bool{}, anchors: map[string]int{}, links: map[string]int{},
		used: map[int]float64{}, images: map[string]string{}}
	fonts := []struct {
		family, weight string
		data           []byte
	}{
		{"sans", "", liberationsansregular.TTF},
		{"sans", "B", liberationsansbold.TTF},
		{"sans", "I", liberationsansitalic.TTF},
		{"sans", "BI", liberationsansbolditalic.TTF},
		{"serif", "", liberationserifregular.TTF},
		{"serif", "I", liberationserifitalic.TTF},
		{"mono", "", liberationmonoregular.TTF},
	}
	for _, ft := range fonts {
		f.AddUTF8FontFromBytes(ft.family, ft.weight, ft.data)
	}
	f.SetMargins(marginL, marginT, marginR)
	f.SetAutoPageBreak(false, marginB)
	f.SetCellMargin(0)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	f.SetCreationDate(meta.created)
	f.SetModificationDate(meta.created)
	f.SetTitle(meta.title, true)
	f.SetSubject(meta.subject, true)
	if meta.author != "" {
		f.SetAuthor(meta.author, true)
	}
	f.SetCreator("Témoin "+app.Version, true)
	f.SetProducer("Témoin "+app.Version, true)
	f.SetLang(map[string]string{"fr": "fr-FR", "en": "en-GB"}[t.String()])
	f.SetDisplayMode("fullpage", "continuous")
	f.SetHeaderFuncMode(d.drawHeader, true)
	return d
}

// finish writes what waited for every page to be known: the parts kept
// for later, the links to anchors never reached (to the first page), and
// the footers with the number of pages.
func (d *doc) finish() {
	last := d.f.PageNo()
	d.used[last] = max(d.used[last], d.y())
	for _, write := range d.later {
		write()
	}
	for anchor, link := range d.links {
		if _, ok := d.anchors[anchor]; !ok {
			d.f.SetLink(link, 0, 1)
		}
	}
	for page := 1; page <= last; page++ {
		d.revisit(page)
		d.drawFooter(page, last)
	}
	d.revisit(last)
}

// revisit makes page the current one again, to write on it once later
// pages exist; the colours and the line width are set anew on it.
func (d *doc) revisit(page int) {
	d.f.SetPage(page)
	d.f.SetFillColor(tint.r, tint.g, tint.b)
	d.f.SetDrawColor(hair.r, hair.g, hair.b)
	d.f.SetLineWidth(0.2)
	d.styled = false
	d.setStyle(d.cur)
}

// registerImage registers an image's data once, named by its content:
// the PDF library keys its images by their data, and two names for the
// same data would write the same key twice in a page's resources.
func (d *doc) registerImage(data []byte, kind string) string {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:12])
	if name, ok := d.images[key]; ok {
		return name
	}
	name := "img-" + key
	d.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: kind}, bytes.NewReader(data))
	d.images[key] = name
	return name
}

// err returns the first error fpdf met, if any.
func (d *doc) err() error { return d.f.Error() }

// setStyle sets a style, unless it is already the current one on the
// page: every font change is written into the page's content, and a
// report writes thousands of cells.
func (d *doc) setStyle(s style) {
	if d.styled && s == d.cur {
		return
	}
	d.cur, d.styled = s, true
	d.f.SetFont(s.family, s.weight, s.size)
	d.f.SetTextColor(s.color.r, s.color.g, s.color.b)
}

func (d *doc) drawHeader() {
	if d.bare[d.f.PageNo()] || d.header == "" {
		return
	}
	saved := d.cur
	d.setStyle(stHeader)
	d.f.SetXY(marginL, 11)
	d.f.CellFormat(contentW*0.75, 4, d.header, "", 0, "L", false, 0, "")
	d.f.SetXY(marginL+contentW*0.75, 11)
	d.f.CellFormat(contentW*0.25, 4, d.t.t("report.doc.confidential"), "", 0, "R", false, 0, "")
	d.f.SetDrawColor(hair.r, hair.g, hair.b)
	d.f.SetLineWidth(0.2)
	d.f.Line(marginL, 16, pageW-marginR, 16)
	d.setStyle(saved)
}

// drawFooter writes the footer of a page: the document's line on the
// left, "page 3 / 40" on the right.
func (d *doc) drawFooter(page, total int) {
	if d.bare[page] {
		return
	}
	saved := d.cur
	d.setStyle(stHeader)
	if d.footer != "" {
		d.f.SetDrawColor(hair.r, hair.g, hair.b)
		d.f.SetLineWidth(0.2)
		d.f.Line(marginL, pageH-15, pageW-marginR, pageH-15)
	}
	d.f.SetXY(marginL, pageH-13)
	d.f.CellFormat(contentW*0.75, 4, d.footer, "", 0, "L", false, 0, "")
	label := d.t.f("report.doc.page", "Page", fmt.Sprint(page), "Total", fmt.Sprint(total))
	w := d.f.GetStringWidth(label)
	d.f.SetXY(pageW-marginR-w, pageH-13)
	d.f.CellFormat(w+1, 4, label, "", 0, "L", false, 0, "")
	d.setStyle(saved)
}

// newPage starts a page; bare pages have no header and footer.
func (d *doc) newPage(bare bool) {
	// AddPage draws the header of the page it opens: the bare flag is kept
	// per page, and set first.
	if page := d.f.PageNo(); page > 0 {
		d.used[page] = max(d.used[page], d.y())
	}
	if bare {
		d.bare[d.f.PageNo()+1] = true
	}
	d.f.AddPage()
	d.f.SetXY(marginL, marginT)
}

// y is the current vertical position.
func (d *doc) y() float64 { return d.f.GetY() }

// atTop reports whether nothing was written on the page yet.
func (d *doc) atTop() bool { return d.y() <= marginT+0.01 }

// need starts a new page unless h mm fit before the bottom margin. It
// reports whether it did.
func (d *doc) need(h float64) bool {
	if d.y()+h > bottomY && !d.atTop() {
		d.newPage(false)
		return true
	}
	return false
}

// space adds vertical space, except at the top of a page.
func (d *doc) space(h float64) {
	if d.atTop() {
		return
	}
	if d.y()+h > bottomY {
		d.newPage(false)
		return
	}
	d.f.SetY(d.y() + h)
}

// anchor records that the current place holds what key names (a
// section, an incident), for the table of contents and the links.
func (d *doc) anchor(key string) {
	d.anchors[key] = d.f.PageNo()
	d.f.SetLink(d.link(key), max(0, d.y()-4), -1)
}

// pageOf returns the page of an anchor, "" when it was not reached; known
// only once the document is laid out (in what is written later).
func (d *doc) pageOf(key string) string {
	if p, ok := d.anchors[key]; ok {
		return fmt.Sprint(p)
	}
	return ""
}

// link returns the fpdf link to an anchor, made when first asked for.
func (d *doc) link(key string) int {
	link, ok := d.links[key]
	if !ok {
		link = d.f.AddLink()
		d.links[key] = link
	}
	return link
}

// pageLater writes, once the document is laid out, the page of an anchor
// at a place of the current page (a cell of the chronology).
func (d *doc) pageLater(anchor string, x, y, w, h float64, align string, link int) {
	page, s := d.f.PageNo(), d.cur
	d.later = append(d.later, func() {
		d.revisit(page)
		d.setStyle(s)
		d.f.SetXY(x, y)
		d.f.CellFormat(w, h, d.pageOf(anchor), "", 0, align, false, link, "")
	})
}

// sectionRoom is the room a section needs left on a page to start there
// rather than on the next page.
const sectionRoom = 70.0

// h1 starts a section: on the current page when enough room is left,
// else on a new page (no page is left near-empty); a title in the accent
// colour over a rule, a bookmark at level in the PDF's outline, an
// anchor.
func (d *doc) h1(title, anchor string, level int) {
	if d.atTop() || d.y()+sectionRoom > bottomY {
		d.newPage(false)
	} else {
		d.f.SetY(d.y() + 9)
	}
	d.h1Here(title, anchor, level)
}

// h1Here writes a section title where the page stands.
func (d *doc) h1Here(title, anchor string, level int) {
	d.anchor(anchor)
	d.setStyle(stH1)
	d.f.Bookmark(title, level, -1)
	lines := d.wrap(title, contentW)
	lh := stH1.lineHeight()
	for _, l := range lines {
		d.f.SetX(marginL)
		d.f.CellFormat(contentW, lh, l, "", 2, "L", false, 0, "")
	}
	d.f.SetDrawColor(accent.r, accent.g, accent.b)
	d.f.SetLineWidth(0.6)
	y := d.y() + 1.5
	d.f.Line(marginL, y, marginL+24, y)
	d.f.SetY(y + 6)
}

// h2 writes a sub-heading, kept with at least keep mm of what follows.
func (d *doc) h2(title string, keep float64) {
	d.heading(stH2, title, 5, keep)
}

// h3 writes a minor heading, kept with what follows.
func (d *doc) h3(title string, keep float64) {
	d.heading(stH3, title, 3.2, keep)
}

func (d *doc) heading(s style, title string, before, keep float64) {
	d.setStyle(s)
	lines := d.wrap(title, contentW)
	lh := s.lineHeight()
	h := float64(len(lines))*lh + keep
	if !d.need(h + before) {
		d.space(before)
	}
	for _, l := range lines {
		d.f.SetX(marginL)
		d.f.CellFormat(contentW, lh, l, "", 2, "L", false, 0, "")
	}
	d.f.SetY(d.y() + 1.2)
}

// para writes text wrapped to the content width, breaking pages between
// lines.
func (d *doc) para(s style, text string) {
	d.paraAt(s, text, marginL, contentW, "L")
}

// paraAt writes text wrapped to width w from x.
func (d *doc) paraAt(s style, text string, x, w float64, align string) {
	d.setStyle(s)
	lh := s.lineHeight()
	d.flow(d.wrap(text, w), lh, func(_ int, l string) {
		d.f.SetX(x)
		d.f.CellFormat(w, lh, l, "", 2, align, false, 0, "")
	})
}

// height is the height of text wrapped to w in style s.
func (d *doc) height(s style, text string, w float64) float64 {
	d.setStyle(s)
	return float64(len(d.wrap(text, w))) * s.lineHeight()
}

// flow writes lines one under the other, breaking pages between them the
// way books do: a block of up to four lines is kept whole, a longer one
// leaves at least two lines at the foot of a page and carries at least
// two to the next.
func (d *doc) flow(lines []string, lh float64, draw func(i int, l string)) {
	n := len(lines)
	if n <= 4 {
		d.need(float64(n) * lh)
	} else {
		d.need(2 * lh)
	}
	for i, l := range lines {
		switch {
		case i > 0 && n-i == 2 && d.y()+2*lh > bottomY:
			d.newPage(false) // no single line left alone on the next page
		default:
			d.need(lh)
		}
		draw(i, l)
	}
}

// bullets writes a list, each item wrapped under its bullet.
func (d *doc) bullets(s style, items []string) {
	d.list(s, items, func(int) string { return "–" }, 5)
}

// numbered writes a numbered list, each item wrapped under its number.
func (d *doc) numbered(s style, items []string) {
	d.list(s, items, func(n int) string { return fmt.Sprintf("%d.", n+1) }, 6)
}

func (d *doc) list(s style, items []string, mark func(int) string, indent float64) {
	d.setStyle(s)
	lh := s.lineHeight()
	for n, it := range items {
		if n == len(items)-2 && n > 0 {
			// The last item never alone at the top of a page: with the one
			// before it, when both are short.
			h := d.height(s, it, contentW-indent) + d.height(s, items[n+1], contentW-indent) + 1.6
			if h < 6*lh {
				d.need(h)
			}
			d.setStyle(s)
		}
		d.flow(d.wrap(it, contentW-indent), lh, func(i int, l string) {
			if i == 0 {
				d.f.SetX(marginL + 0.5)
				d.f.CellFormat(indent-0.5, lh, mark(n), "", 0, "L", false, 0, "")
			}
			d.f.SetX(marginL + indent)
			d.f.CellFormat(contentW-indent, lh, l, "", 2, "L", false, 0, "")
		})
		d.f.SetY(d.y() + 0.8)
	}
}

// box writes text in a tinted box with an accent bar on its left; it
// breaks across pages like a paragraph.
func (d *doc) box(s style, text string) {
	d.setStyle(s)
	lh := s.lineHeight()
	const pad = 3.0
	lines := d.wrap(text, contentW-2*pad-1.2)
	// Keep a short box whole.
	if h := float64(len(lines))*lh + 2*pad; h < 60 {
		d.need(h)
	}
	fill := func(y, h float64) {
		d.f.SetFillColor(tint.r, tint.g, tint.b)
		d.f.Rect(marginL, y, contentW, h, "F")
		d.f.SetFillColor(accent.r, accent.g, accent.b)
		d.f.Rect(marginL, y, 1.2, h, "F")
	}
	fill(d.y(), pad)
	d.f.SetY(d.y() + pad)
	for _, l := range lines {
		if d.need(lh + pad) {
			fill(d.y(), pad)
			d.f.SetY(d.y() + pad)
		}
		fill(d.y(), lh)
		d.f.SetX(marginL + 1.2 + pad)
		d.f.CellFormat(contentW-2*pad-1.2, lh, l, "", 2, "L", false, 0, "")
	}
	fill(d.y(), pad)
	d.f.SetY(d.y() + pad)
}

// image places a registered image of w×h mm at the left margin, on a
// new page if it does not fit.
func (d *doc) image(name string, w, h float64) {
	d.need(h)
	y := d.y()
	d.f.ImageOptions(name, marginL, y, w, h, false, fpdf.ImageOptions{}, 0, "")
	d.f.SetY(y + h)
}

// rule draws a thin line across the content width.
func (d *doc) rule(c rgb, width float64) {
	d.f.SetDrawColor(c.r, c.g, c.b)
	d.f.SetLineWidth(width)
	d.f.Line(marginL, d.y(), marginL+contentW, d.y())
}

// kv writes label–value pairs: labels in a narrow column, values wrapped
// beside them. Empty values are left out.
func (d *doc) kv(labelW float64, pairs [][2]string) {
	for _, p := range pairs {
		if strings.TrimSpace(p[1]) == "" {
			continue
		}
		d.setStyle(stLabel)
		labels := d.wrap(p[0], labelW-2)
		d.setStyle(stBody)
		values := d.wrap(p[1], contentW-labelW)
		lh := stBody.lineHeight()
		d.need(lh * float64(min(len(values), 3)))
		for i := 0; i < max(len(labels), len(values)); i++ {
			if i > 0 {
				d.need(lh)
			}
			y := d.y()
			if i < len(labels) {
				d.setStyle(stLabel)
				d.f.SetXY(marginL, y)
				d.f.CellFormat(labelW-2, lh, labels[i], "", 0, "L", false, 0, "")
			}
			if i < len(values) {
				d.setStyle(stBody)
				d.f.SetXY(marginL+labelW, y)
				d.f.CellFormat(contentW-labelW, lh, values[i], "", 0, "L", false, 0, "")
			}
			d.f.SetY(y + lh)
		}
		d.f.SetY(d.y() + 1)
	}
}

// wrap breaks text into lines no wider than w in the current font. Lines
// break at spaces (never at no-break spaces), at explicit new lines, and
// inside a word only when the word alone is too wide (a long address, a
// hash), preferably after a slash or a hyphen.
func (d *doc) wrap(text string, w float64) []string {
	if d.t.Lang == i18n.French {
		text = keepTogether.Replace(text)
	} else {
		text = plainSpaces.Replace(text)
	}
	var out []string
	space := d.f.GetStringWidth(" ")
	for _, para := range strings.Split(text, "\n") {
		words := strings.Split(para, " ")
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			out = append(out, line.String())
			line.Reset()
			lineW = 0
		}
		for _, word := range words {
			if word == "" {
				continue
			}
			ww := d.f.GetStringWidth(word)
			if line.Len() > 0 && lineW+space+ww <= w {
				line.WriteByte(' ')
				line.WriteString(word)
				lineW += space + ww
				continue
			}
			if line.Len() > 0 {
				flush()
			}
			for ww > w {
				head, rest := d.cut(word, w)
				out = append(out, head)
				word = rest
				ww = d.f.GetStringWidth(word)
			}
			line.WriteString(word)
			lineW = ww
		}
		if line.Len() > 0 || len(out) == 0 || para == "" {
			flush()
		}
	}
	// No trailing empty lines.
	for len(out) > 1 && strings.TrimSpace(out[len(out)-1]) == "" {
		out = out[:len(out)-1]
	}
	return out
}

// keepTogether tidies what people typed before it is wrapped: no line
// break between « and the word it opens, nor before » : ; ! ? (the French
// way: a no-break space).
var keepTogether = strings.NewReplacer(
	"\r\n", "\n", "\t", " ",
	"« ", "«\u00a0", " »", "\u00a0»",
	" :", "\u00a0:", " ;", "\u00a0;", " !", "\u00a0!", " ?", "\u00a0?",
)

// plainSpaces tidies English text: only new lines and tabs.
var plainSpaces = strings.NewReplacer("\r\n", "\n", "\t", " ")

// cut splits a word too wide for w: the longest start that fits, ending
// after a slash, hyphen or similar when there is one in its second half.
func (d *doc) cut(word string, w float64) (string, string) {
	runes := []rune(word)
	n, acc := 0, 0.0
	for n < len(runes) {
		cw := d.f.GetStringWidth(string(runes[n]))
		if acc+cw > w && n > 0 {
			break
		}
		acc += cw
		n++
	}
	for i := n - 1; i > n/2; i-- {
		if strings.ContainsRune("/-_.?&=", runes[i]) {
			n = i + 1
			break
		}
	}
	return string(runes[:n]), string(runes[n:])
}

// ellipsize shortens text to at most maxLines lines of width w, ending
// with "…" when it was cut.
func (d *doc) ellipsize(text string, w float64, maxLines int) []string {
	lines := d.wrap(strings.Join(strings.Fields(text), " "), w)
	if len(lines) <= maxLines {
		return lines
	}
	lines = lines[:maxLines]
	last := lines[maxLines-1]
	for last != "" && d.f.GetStringWidth(last+"…") > w {
		_, size := utf8.DecodeLastRuneInString(last)
		last = last[:len(last)-size]
	}
	lines[maxLines-1] = strings.TrimRight(last, " ,;:") + "…"
	return lines
}

// column of a table.
type column struct {
	title string
	width float64 // mm; the last column may be 0: the rest of the width
	align string  // "L", "C", "R"
	style *style  // nil: the table's style
	max   int     // most lines in a cell; 0: no limit
}

// cell of a table row: text, and an anchor to link to. A cell whose
// page is set shows the page of that anchor, written once it is known.
type cell struct {
	text, link, page string
}

// table writes rows under a header that repeats on every page. A row
// taller than a page is split between pages.
func (d *doc) table(cols []column, rows [][]cell, s style) {
	t := &tableLayout{d: d, cols: cols, widths: make([]float64, len(cols)), s: s}
	used := 0.0
	for i, c := range cols {
		t.widths[i] = c.width
		used += c.width
	}
	for i := range t.widths {
		if t.widths[i] == 0 {
			t.widths[i] = contentW - used
		}
	}
	d.need(3*s.lineHeight() + 12)
	t.header()
	for _, row := range rows {
		t.row(row)
	}
	d.f.SetY(d.y() + 2)
}

// tableLayout writes a table.
type tableLayout struct {
	d      *doc
	cols   []column
	widths []float64 // mm
	s      style
}

// Padding of a table's cells, in mm.
const padX, padY = 1.6, 1.3

// header writes the table's header: the columns' titles on a tint, over
// a line.
func (t *tableLayout) header() {
	d := t.d
	d.setStyle(stSmallB)
	hlh := stSmallB.lineHeight()
	var hl [][]string
	n := 1
	for i, c := range t.cols {
		l := d.wrap(c.title, t.widths[i]-2*padX)
		hl = append(hl, l)
		n = max(n, len(l))
	}
	h := float64(n)*hlh + 2*padY
	y := d.y()
	d.f.SetFillColor(tint.r, tint.g, tint.b)
	d.f.Rect(marginL, y, contentW, h, "F")
	x := marginL
	for i := range t.cols {
		for k, l := range hl[i] {
			d.f.SetXY(x+padX, y+padY+float64(k)*hlh)
			d.f.CellFormat(t.widths[i]-2*padX, hlh, l, "", 0, t.cols[i].align, false, 0, "")
		}
		x += t.widths[i]
	}
	d.f.SetY(y + h)
	d.f.SetDrawColor(accent.r, accent.g, accent.b)
	d.f.SetLineWidth(0.3)
	d.f.Line(marginL, d.y(), marginL+contentW, d.y())
}

// style returns the style of a column.
func (t *tableLayout) style(c column) style {
	if c.style != nil {
		return *c.style
	}
	return t.s
}

// row writes a row, on as many pages as it needs, the header repeated on
// each new one.
func (t *tableLayout) row(row []cell) {
	d, lh := t.d, t.s.lineHeight()
	lines := make([][]string, len(t.cols))
	n := 1
	for i, c := range t.cols {
		d.setStyle(t.style(c))
		text := ""
		if i < len(row) {
			text = row[i].text
		}
		if c.max > 0 {
			lines[i] = d.ellipsize(text, t.widths[i]-2*padX, c.max)
		} else {
			lines[i] = d.wrap(text, t.widths[i]-2*padX)
		}
		n = max(n, len(lines[i]))
	}
	for start := 0; start < n; {
		avail := bottomY - d.y() - 2*padY
		fit := int(math.Floor(avail / lh))
		if fit < min(n-start, 2) {
			d.newPage(false)
			t.header()
			continue
		}
		end := min(n, start+fit)
		t.lines(row, lines, start, end)
		start = end
		if start < n {
			d.newPage(false)
			t.header()
		}
	}
}

// lines writes the lines start to end of a row's cells, and a line
// under them.
func (t *tableLayout) lines(row []cell, lines [][]string, start, end int) {
	d, lh := t.d, t.s.lineHeight()
	y := d.y()
	x := marginL
	for i, c := range t.cols {
		d.setStyle(t.style(c))
		for k := start; k < end && k < len(lines[i]); k++ {
			d.f.SetXY(x+padX, y+padY+float64(k-start)*lh)
			link := 0
			if i < len(row) && row[i].link != "" {
				link = d.link(row[i].link)
			}
			if i < len(row) && row[i].page != "" && k == start {
				d.pageLater(row[i].page, x+padX, y+padY, t.widths[i]-2*padX, lh, c.align, link)
			}
			d.f.CellFormat(t.widths[i]-2*padX, lh, lines[i][k], "", 0, c.align, false, link, "")
		}
		x += t.widths[i]
	}
	d.f.SetY(y + float64(end-start)*lh + 2*padY)
	d.f.SetDrawColor(hair.r, hair.g, hair.b)
	d.f.SetLineWidth(0.15)
	d.f.Line(marginL, d.y(), marginL+contentW, d.y())
}
