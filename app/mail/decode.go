package mail

import (
	"encoding/base64"
	"io"
	"mime/quotedprintable"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/charset"
	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
)

func init() {
	// Header words and text parts go through message.CharsetReader.
	message.CharsetReader = charsetReader
}

// charsetReader converts text in a named charset to UTF-8. Mail programs
// label Windows-1252 text as ISO-8859-1 (Outlook's "’", "–", "€" and "œ"
// are in 0x80-0x9F): it is decoded as Windows-1252, as browsers do.
func charsetReader(name string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "iso-8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	return charset.Reader(name, r)
}

// utf8Reader decodes a text part; an unknown charset is read as UTF-8
// rather than lost (invalid bytes become U+FFFD).
func utf8Reader(name string, r io.Reader) io.Reader {
	if name == "" || strings.EqualFold(name, "utf-8") {
		return r
	}
	if d, err := charsetReader(name, r); err == nil {
		return d
	}
	return r
}

// transferDecoded undoes a Content-Transfer-Encoding; an unknown one is
// read as it is.
func transferDecoded(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, &noSpaceReader{r: r})
	}
	return r
}

// noSpaceReader drops the line breaks and spaces of base64 text, which
// encoding/base64 only partly ignores.
type noSpaceReader struct{ r io.Reader }

func (n *noSpaceReader) Read(b []byte) (int, error) {
	for {
		k, err := n.r.Read(b)
		j := 0
		for _, c := range b[:k] {
			if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
				b[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// htmlText returns the text of an HTML body: paragraphs and line breaks
// kept, scripts and styles left out.
func htmlText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(collapseBlankLines(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "head":
				skip++
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "blockquote":
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "head":
				skip = max(skip-1, 0)
			case "p", "div", "blockquote":
				b.WriteByte('\n')
			}
		}
	}
}

func collapseBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if blank++; blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// fixC1 turns the C1 control characters (U+0080-U+009F) that Go's
// decoder of ISO-8859-1 encoded words produces into the Windows-1252
// signs the sender meant ("\u0096" → "–").
func fixC1(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x80 && r <= 0x9f {
			if d := charmap.Windows1252.DecodeByte(byte(r)); d != utf8.RuneError {
				return d
			}
		}
		return r
	}, s)
}

// rfc2231Name decodes a parameter written "name*=charset'lang'%E9t%E9"
// in any charset (the standard library knows only UTF-8 and ASCII).
// It returns "" when the parameter is absent or cannot be decoded.
func rfc2231Name(header, param string) string {
	for field := range strings.SplitSeq(header, ";") {
		key, value, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(key), param+"*") {
			continue
		}
		cs, rest, ok := strings.Cut(strings.Trim(strings.TrimSpace(value), `"`), "'")
		if !ok {
			return ""
		}
		_, pct, ok := strings.Cut(rest, "'")
		if !ok {
			return ""
		}
		raw, err := url.PathUnescape(pct)
		if err != nil {
			return ""
		}
		r, err := charsetReader(cs, strings.NewReader(raw))
		if err != nil {
			return ""
		}
		out, err := io.ReadAll(r)
		if err != nil {
			return ""
		}
		return string(out)
	}
	return ""
}
