// Package mail reads an e-mail kept as evidence: an .eml file (RFC 5322,
// MIME), as mail programs save a message ("Enregistrer sous", drag and
// drop from Thunderbird or Outlook on the web).
//
// The file itself is the evidence: the caller stores its bytes unchanged
// and Read reports the SHA-256 of exactly the bytes it read, so the
// stored file and what was shown can be matched. Read extracts what a
// person and a report need: the date, the sender, the recipients, the
// subject (encoded words and ISO-8859-1, Windows-1252 or other charsets
// decoded), the text of the message, and its attachments, each with its
// name, type, size and SHA-256. Read streams: each attachment is handed
// to a callback as it is decoded and never held whole in memory; the text
// kept is bounded by MaxText.
//
// Outlook's .msg files are not read: no kept pure-Go library reads them.
// Outlook saves a message as .eml with "Enregistrer sous" → "Format
// Internet (.eml)"; Outlook on the web and the new Outlook download .eml.
package mail

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// MaxText is the most text Read keeps of a message's body.
const MaxText = 256 << 10

// maxHeader bounds the message's header; maxDepth the nesting of parts.
const (
	maxHeader = 1 << 20
	maxDepth  = 20
)

// Address is a sender or recipient.
type Address struct {
	Name  string // "Pierre Durand", may be empty
	Email string // "p.durand@exemple.fr"
}

func (a Address) String() string {
	if a.Name == "" {
		return a.Email
	}
	return a.Name + " <" + a.Email + ">"
}

// Attachment is a file attached to a message.
type Attachment struct {
	Index       int    // its place among the message's attachments, from 0
	Filename    string // as the sender named it; "" when unnamed
	ContentType string // "application/pdf"
	Size        int64  // decoded size, in bytes
	SHA256      string // of the decoded content, in hex
}

// Message is what Read found in an e-mail.
type Message struct {
	Date      time.Time // zero when the header has none or it is unreadable
	DateText  string    // the Date header as written
	From      []Address
	To, Cc    []Address
	ReplyTo   []Address
	Subject   string
	MessageID string
	// Text is the message's text: its plain-text part, or the text of its
	// HTML part when it has no plain one. At most MaxText bytes.
	Text          string
	TextTruncated bool
	Attachments   []Attachment
	// Size and SHA256 are those of the exact bytes read: the file.
	Size   int64
	SHA256 string
}

// ErrNotMail is returned for a file that is not an e-mail: no header
// naming a sender, a date or a subject.
var ErrNotMail = errors.New("not an e-mail")

// SaveFunc receives an attachment's decoded content as Read reaches it;
// a's Size and SHA256 are filled in once the content is read. Returning
// an error stops Read.
type SaveFunc func(a Attachment, content io.Reader) error

// Read reads an e-mail from r, to its end. save, if not nil, receives
// each attachment's content; attachments it leaves unread are hashed.
func Read(r io.Reader, save SaveFunc) (*Message, error) {
	sum := sha256.New()
	counted := &countingReader{r: io.TeeReader(r, sum), budget: maxHeader + 4096}
	br := bufio.NewReader(counted)
	th, err := textproto.ReadHeader(br)
	if err != nil {
		if errors.Is(err, errHeaderTooBig) {
			return nil, fmt.Errorf("read e-mail: header too big: %w", ErrNotMail)
		}
		return nil, fmt.Errorf("read e-mail header: %w", err)
	}
	counted.budget = -1
	h := gomail.Header{Header: message.Header{Header: th}}
	m := &Message{}
	if err := m.readHeader(h); err != nil {
		return nil, err
	}
	w := &walker{msg: m, save: save}
	if err := w.entity(h.Header, br, 0); err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("read e-mail: %w", err)
	}
	m.Text, m.TextTruncated = w.text()
	m.Size, m.SHA256 = counted.n, hex.EncodeToString(sum.Sum(nil))
	return m, nil
}

func (m *Message) readHeader(h gomail.Header) error {
	if !h.Has("From") && !h.Has("Date") && !h.Has("Subject") {
		return ErrNotMail
	}
	m.DateText = strings.TrimSpace(h.Get("Date"))
	if t, err := h.Date(); err == nil {
		m.Date = t
	}
	m.Subject = decodedText(h.Header, "Subject")
	m.From = addresses(h, "From")
	m.To = addresses(h, "To")
	m.Cc = addresses(h, "Cc")
	m.ReplyTo = addresses(h, "Reply-To")
	m.MessageID, _ = h.MessageID()
	return nil
}

// decodedText decodes a header's encoded words; a word in an unknown
// charset is kept as written rather than lost.
func decodedText(h message.Header, key string) string {
	s, err := h.Text(key)
	if err != nil {
		return strings.TrimSpace(h.Get(key))
	}
	return strings.TrimSpace(fixC1(s))
}

// addresses parses an address list; one the parser refuses (a missing
// bracket, a bare name) is kept as written, as its name.
func addresses(h gomail.Header, key string) []Address {
	if !h.Has(key) {
		return nil
	}
	list, err := h.AddressList(key)
	if err != nil {
		return []Address{{Name: decodedText(h.Header, key)}}
	}
	out := make([]Address, len(list))
	for i, a := range list {
		out[i] = Address{Name: fixC1(a.Name), Email: a.Address}
	}
	return out
}

// walker goes through a message's parts.
type walker struct {
	msg        *Message
	save       SaveFunc
	plain, htm *limitedBuffer
}

func (w *walker) entity(h message.Header, body io.Reader, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("read e-mail: parts nested more than %d deep: %w", maxDepth, ErrNotMail)
	}
	ct, params, err := h.ContentType()
	if err != nil {
		ct = "text/plain" // RFC 2045's default, also for an unreadable one
	}
	if strings.HasPrefix(ct, "multipart/") && params["boundary"] != "" {
		mr := textproto.NewMultipartReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read e-mail part: %w", err)
			}
			if err := w.entity(message.Header{Header: p.Header}, p, depth+1); err != nil {
				return err
			}
		}
	}
	decoded := transferDecoded(h.Get("Content-Transfer-Encoding"), body)
	disp, dparams, _ := h.ContentDisposition()
	named := dparams["filename"] != "" || params["name"] != ""
	if disp != "attachment" && !named && (ct == "text/plain" || ct == "text/html") {
		return w.body(ct, params["charset"], decoded)
	}
	return w.attachment(h, ct, decoded)
}

// body keeps the first plain-text and the first HTML part, up to MaxText.
func (w *walker) body(ct, charset string, r io.Reader) error {
	dst := &w.plain
	if ct == "text/html" {
		dst = &w.htm
	}
	if *dst != nil {
		_, err := io.Copy(io.Discard, r)
		return err
	}
	*dst = &limitedBuffer{max: MaxText}
	text := utf8Reader(charset, r)
	_, err := io.Copy(*dst, text)
	return err
}

func (w *walker) text() (string, bool) {
	switch {
	case w.plain != nil:
		return strings.TrimSpace(strings.ToValidUTF8(w.plain.String(), "")), w.plain.truncated
	case w.htm != nil:
		return htmlText(strings.ToValidUTF8(w.htm.String(), "")), w.htm.truncated
	}
	return "", false
}

func (w *walker) attachment(h message.Header, ct string, r io.Reader) error {
	name := rfc2231Name(h.Get("Content-Disposition"), "filename")
	if name == "" {
		ah := gomail.AttachmentHeader{Header: h}
		name, _ = ah.Filename()
	}
	if name == "" {
		_, params, _ := h.ContentType()
		name = params["name"]
	}
	name = fixC1(name)
	a := Attachment{Index: len(w.msg.Attachments), Filename: cleanName(name), ContentType: ct}
	sum := sha256.New()
	counted := &countingReader{r: io.TeeReader(r, sum), budget: -1}
	if w.save != nil {
		if err := w.save(a, counted); err != nil {
			return err
		}
	}
	if _, err := io.Copy(io.Discard, counted); err != nil {
		return fmt.Errorf("read attachment %q: %w", a.Filename, err)
	}
	a.Size, a.SHA256 = counted.n, hexSum(sum)
	w.msg.Attachments = append(w.msg.Attachments, a)
	return nil
}

// cleanName keeps the last element of a file name (a sender may send
// "../../x" or "C:\x"), without control characters.
func cleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, name))
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

var errHeaderTooBig = errors.New("header too big")

// countingReader counts the bytes read; while budget is not negative, it
// fails once budget bytes were read.
type countingReader struct {
	r      io.Reader
	n      int64
	budget int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	if c.budget >= 0 && c.n >= c.budget {
		return 0, errHeaderTooBig
	}
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// limitedBuffer keeps the first max bytes written to it and drops the
// rest, saying so.
type limitedBuffer struct {
	strings.Builder
	max       int
	truncated bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	room := b.max - b.Len()
	if len(p) > room {
		b.truncated = true
		b.Builder.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Builder.Write(p)
}
