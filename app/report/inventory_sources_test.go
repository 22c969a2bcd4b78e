package report

import (
	"context"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
)

// TestInventoryListsMailHeaders: the evidence inventory says of an
// e-mail its date, sender, recipients and subject, of a pasted message
// its sender, date and channel, of an attachment the e-mail it came with;
// with pseudonyms, names are replaced and addresses left out.
func TestInventoryListsMailHeaders(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	j, in := secretJournal(t)
	if err := j.People.Add(secretPeople[0]); err != nil {
		t.Fatal(err)
	}
	eml := "From: Mme Lemaire <c.lemaire@exemple.fr>\r\nTo: prof@ac-exemple.fr\r\nDate: Fri, 13 Mar 2026 21:46:58 +0100\r\n" +
		"Subject: Dernier avertissement\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain\r\n\r\nVous allez le regretter.\r\n" +
		"--b\r\nContent-Type: application/pdf; name=\"convocation.pdf\"\r\nContent-Disposition: attachment; filename=\"convocation.pdf\"\r\n\r\n%PDF-1.4 test\r\n--b--\r\n"
	mail, _, err := j.Evidence.AttachMail(context.Background(), in.ID, "avertissement.eml", strings.NewReader(eml), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachMailPart(context.Background(), mail.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachText(context.Background(), in.ID, "Tu vas voir demain.", app.Evidence{Sender: "Mme Lemaire", SentAt: "14/03 07:12", Channel: "sms"}); err != nil {
		t.Fatal(err)
	}
	pdf, _ := writeReport(t, JournalSource(j), Options{})
	text := squash(pdfText(t, pdf))
	for _, want := range []string{"Courriel du 13 mars 2026", "de Parent P1, à adresse masquée", "Objet : « Dernier avertissement »",
		"1 pièce jointe", "Pièce jointe du courriel P", "Message collé · Parent P1 · 14/03 07:12 · SMS"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the inventory does not say %q", want)
		}
	}
	if strings.Contains(text, "c.lemaire@exemple.fr") || strings.Contains(text, "Lemaire") {
		t.Error("the inventory names the sender although names are replaced")
	}
	pdf, _ = writeReport(t, JournalSource(j), Options{NoPseudonymize: true})
	if text := squash(pdfText(t, pdf)); !strings.Contains(text, squash("de Mme Lemaire <c.lemaire@exemple.fr>")) {
		t.Error("the inventory without pseudonyms does not give the sender's address")
	}
}
