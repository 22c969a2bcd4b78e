package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// parent.eml is a French parent's message as Thunderbird receives it:
// ISO-8859-1 in quoted-printable, encoded words split over two lines in
// the subject, a multipart/alternative body (plain and HTML), a PDF
// attached with an RFC 2231 name.
func TestReadParentMessage(t *testing.T) {
	raw, err := os.ReadFile("testdata/parent.eml")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := os.ReadFile("testdata/compte-rendu.pdf")
	if err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	m, err := Read(bytes.NewReader(raw), func(a Attachment, content io.Reader) error {
		if a.Filename != "compte-rendu_réunion.pdf" || a.ContentType != "application/pdf" {
			t.Errorf("attachment handed as %+v", a)
		}
		_, err := io.Copy(&saved, content)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Size != int64(len(raw)) || m.SHA256 != sha(raw) {
		t.Errorf("the file read is not the file: %d bytes %s", m.Size, m.SHA256)
	}
	paris := time.FixedZone("CET", 3600) // Paris in March (a fixed zone: no time zone database needed)
	if !m.Date.Equal(time.Date(2026, 3, 13, 21, 46, 58, 0, paris)) || m.DateText != "Fri, 13 Mar 2026 21:46:58 +0100" {
		t.Errorf("date %v %q", m.Date, m.DateText)
	}
	if want := "Votre comportement inadmissible envers ma fille à propos du cours de vendredi – dernière alerte"; m.Subject != want {
		t.Errorf("subject\n got %q\nwant %q", m.Subject, want)
	}
	if len(m.From) != 1 || m.From[0] != (Address{"Pierre Durand", "p.durand@exemple.fr"}) {
		t.Errorf("from %+v", m.From)
	}
	if len(m.To) != 1 || m.To[0].String() != "Mme Léa Martin <lea.martin@ac-exemple.fr>" {
		t.Errorf("to %+v", m.To)
	}
	if len(m.Cc) != 2 || m.Cc[0].Email != "secretariat.college@ac-exemple.fr" || m.Cc[1].Name != "CPE - Vie scolaire" {
		t.Errorf("cc %+v", m.Cc)
	}
	if m.MessageID != "20260313214658.4411@exemple.fr" {
		t.Errorf("message id %q", m.MessageID)
	}
	for _, want := range []string{"passé vendredi en cours de français.", "Vous allez le regretter,\r\nje connais", "père d'Élise (4e B)"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text does not hold %q:\n%s", want, m.Text)
		}
	}
	if strings.Contains(m.Text, "<p>") {
		t.Errorf("the HTML part was taken for the text:\n%s", m.Text)
	}
	if len(m.Attachments) != 1 {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	a := m.Attachments[0]
	if a.Index != 0 || a.Size != int64(len(pdf)) || a.SHA256 != sha(pdf) || !bytes.Equal(saved.Bytes(), pdf) {
		t.Errorf("attachment %+v: not the PDF sent", a)
	}
}

func TestReadHTMLOnlyAndUnreadAttachments(t *testing.T) {
	msg := "From: Pronote <ne-pas-repondre@index-education.net>\r\n" +
		"To: lea.martin@ac-exemple.fr\r\n" +
		"Subject: =?utf-8?B?Tm91dmVhdSBtZXNzYWdlIGRlIE0uIER1cmFuZA==?=\r\n" +
		"Date: 14 Mar 2026 08:02:00 +0100\r\n" +
		"Content-Type: multipart/mixed; boundary=b1\r\n\r\n" +
		"--b1\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<html><head><style>p{color:red}</style></head><body><p>Vous n=92=EAtes pas =E0 la hauteur.</p><script>x()</script><p>M. Durand</p></body></html>\r\n" +
		"--b1\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename*=iso-8859-1''..%2F..%2Fcapture%20d%92%E9cran.png\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		"iVBORw0KGgo=\r\n" +
		"--b1\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y\r\nSubject: transfert\r\n\r\ncorps\r\n" +
		"--b1--\r\n"
	m, err := Read(strings.NewReader(msg), nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Nouveau message de M. Durand" || m.Text != "Vous n’êtes pas à la hauteur.\n\nM. Durand" {
		t.Errorf("subject %q, text %q", m.Subject, m.Text)
	}
	if len(m.Attachments) != 2 || m.Attachments[0].Filename != "capture d’écran.png" || m.Attachments[0].Size != 8 ||
		m.Attachments[1].ContentType != "message/rfc822" || m.Attachments[1].Index != 1 {
		t.Errorf("attachments %+v", m.Attachments)
	}
}

func TestReadRefusesWhatIsNoMail(t *testing.T) {
	if m, err := Read(strings.NewReader(nested(maxDepth-1)), nil); err != nil || m.Text != "fond" {
		t.Errorf("parts nested %d deep: %v", maxDepth-1, err)
	}
	for name, data := range map[string]string{
		"PDF":          "%PDF-1.4\n1 0 obj<<>>endobj\n",
		"empty":        "",
		"plain text":   "Bonjour,\nceci n'est pas un courriel.\n",
		"header bomb":  "X-A: " + strings.Repeat("a", 2<<20) + "\r\n\r\n",
		"nested parts": nested(maxDepth + 5),
	} {
		if _, err := Read(strings.NewReader(data), nil); err == nil {
			t.Errorf("%s: read as an e-mail", name)
		} else if name != "empty" && name != "plain text" && name != "PDF" && !errors.Is(err, ErrNotMail) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReadStreamsAttachments reads a message with a 64 MiB attachment
// and checks that memory does not grow with it.
func TestReadStreamsAttachments(t *testing.T) {
	const size = 64 << 20
	head := "From: a@b.fr\r\nSubject: gros\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n" +
		"--z\r\nContent-Type: text/plain\r\n\r\nvoir la vidéo\r\n" +
		"--z\r\nContent-Type: video/mp4\r\nContent-Disposition: attachment; filename=v.mp4\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	line := strings.Repeat("QUJD", 19) + "\r\n" // 57 bytes decoded per line
	lines := size / 57
	r := io.MultiReader(strings.NewReader(head), &repeatReader{s: line, n: lines}, strings.NewReader("--z--\r\n"))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := Read(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if len(m.Attachments) != 1 || m.Attachments[0].Size != int64(lines*57) {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	if grown := int64(after.HeapInuse) - int64(before.HeapInuse); grown > 8<<20 {
		t.Errorf("heap grew by %d MiB reading a %d MiB attachment", grown>>20, size>>20)
	}
}

// nested returns a message whose parts are nested depth deep.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString("From: a@b.fr\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nfond\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return b.String()
}

type repeatReader struct {
	s   string
	n   int
	off int
}

func (r *repeatReader) Read(b []byte) (int, error) {
	written := 0
	for written < len(b) {
		if r.n == 0 {
			if written == 0 {
				return 0, io.EOF
			}
			break
		}
		k := copy(b[written:], r.s[r.off:])
		written += k
		if r.off += k; r.off == len(r.s) {
			r.off = 0
			r.n--
		}
	}
	return written, nil
}

func FuzzRead(f *testing.F) {
	raw, _ := os.ReadFile("testdata/parent.eml")
	f.Add(raw)
	f.Add([]byte("From: a@b\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data), nil)
		if err != nil {
			return
		}
		if m.Size != int64(len(data)) || m.SHA256 != sha(data) {
			t.Fatalf("read %d bytes of %d", m.Size, len(data))
		}
	})
}
