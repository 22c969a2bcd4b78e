package ui

import (
	"bytes"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Who made a case: the first bundle of a colleague is signed by a key to
// compare with them (its fingerprint, and a QR code), then recognised
// under a name ("Reconnaître cette clé"); a bundle signed by another key,
// or not signed, is left out of the synthesis unless the representative
// accepts it ("Accepter quand même"). Both decisions are records in the
// representative's vault, in its history.

// signerUI says who signed a case, with what the representative can do.
func (s *representativeScreen) signerUI(c bundle.CaseInfo, cc *caseCard) []fyne.CanvasObject {
	sg := c.Signer
	line := wrapped(present.SignerShort(sg))
	switch {
	case sg.Status == bundle.SignerTrusted:
		line.Importance = widget.SuccessImportance
	case sg.Status == bundle.SignerChanged && !sg.Accepted:
		line.Importance = widget.DangerImportance
		line.TextStyle.Bold = true
	default:
		line.Importance = widget.WarningImportance
	}
	objs := []fyne.CanvasObject{line}
	if sg.Signer != nil && sg.Status != bundle.SignerTrusted {
		objs = append(objs, monospace(i18n.X("bundle.signer.fingerprint", map[string]any{"F": sg.Signer.Fingerprint})))
	}
	var buttons []fyne.CanvasObject
	if sg.Signer != nil && sg.Status == bundle.SignerNew {
		cc.trust = &widget.Button{Text: i18n.X("gui.share.rep.trust"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance,
			OnTapped: func() { s.trustDialog(c) }}
		buttons = append(buttons, cc.trust)
	}
	if !sg.Counts() && sg.Status != bundle.SignerNew {
		cc.accept = &widget.Button{Text: i18n.X("gui.share.rep.accept"), Icon: theme.WarningIcon(),
			OnTapped: func() { s.acceptDialog(c) }}
		buttons = append(buttons, cc.accept)
	}
	if !sg.Counts() {
		objs = append(objs, caption(i18n.X("signer.not_counted")))
	}
	if len(buttons) > 0 {
		objs = append(objs, container.NewHBox(buttons...))
	}
	return objs
}

// trustDialog shows the fingerprint of the key that signed a case (and a
// QR code) to compare with the colleague, and asks for a name; the key is
// recognised only on "Reconnaître cette clé". For a key already
// recognised, it changes the name.
func (s *representativeScreen) trustDialog(c bundle.CaseInfo) {
	s.g.touch()
	if c.Summary == nil || c.Summary.Manifest == nil || c.Signer.Signer == nil {
		return
	}
	vaultID, key := c.Summary.Manifest.VaultID, c.Signer.Signer.PublicKey
	name := widget.NewEntry()
	name.SetPlaceHolder(i18n.X("gui.share.rep.trust_name_hint"))
	if k := s.colleagues[vaultID]; k != nil && k.Name != "" {
		name.SetText(k.Name) // the name already given to the colleague
	}
	fp := widget.NewLabel(c.Signer.Signer.Fingerprint)
	fp.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	fp.SizeName = theme.SizeNameSubHeadingText
	content := []fyne.CanvasObject{wrapped(i18n.X("bundle.signer.compare")), fp}
	if img, err := signerQR(key); err == nil {
		content = append(content, container.NewCenter(img))
	}
	content = append(content, labelled(i18n.X("gui.share.rep.trust_name"), name))
	d := dialog.NewCustomConfirm(i18n.X("gui.share.rep.trust_title"), i18n.X("gui.share.rep.trust_confirm"), i18n.X("gui.cancel"),
		card(500, container.NewVBox(content...)), func(ok bool) {
			if !ok {
				return
			}
			sg, err := s.g.journal.Cases.TrustSigner(vaultID, key, name.Text)
			if err != nil {
				s.g.showError(err)
				return
			}
			s.g.closeDialogs() // the bundle just received said "a key to compare"
			s.refreshCases()
			s.g.showInfo(i18n.X("gui.share.rep.trust_title"), i18n.X("bundle.signer.trust_done", map[string]any{"Name": sg.Name}))
		}, s.g.win)
	name.OnSubmitted = func(string) { d.Confirm() }
	s.trustForm = name
	s.g.showDialog(d)
	s.g.win.Canvas().Focus(name)
}

// signerQR is the QR code of a signing key and its fingerprint, to
// compare with the colleague's screen through a phone's camera.
func signerQR(key string) (*canvas.Image, error) {
	data, err := app.SignerQRCode(key, 5)
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	qr := canvas.NewImageFromImage(img)
	qr.FillMode = canvas.ImageFillContain
	qr.ScaleMode = canvas.ImageScalePixels
	qr.SetMinSize(fyne.NewSize(150, 150))
	return qr, nil
}

// acceptDialog counts a case in the synthesis although its signer is not
// the colleague's recognised key, after the representative says they
// know where it comes from.
func (s *representativeScreen) acceptDialog(c bundle.CaseInfo) {
	s.g.touch()
	msg := present.SignerLines(c.Signer)[0] + "\n\n" + i18n.X("gui.share.rep.accept_confirm")
	s.g.confirm(i18n.X("gui.share.rep.accept_title"), msg, i18n.X("gui.share.rep.accept"), i18n.X("gui.cancel"), func() {
		if err := s.g.journal.Cases.AcceptCase(c.ID); err != nil {
			s.g.showError(err)
			return
		}
		s.g.closeDialogs() // the bundle just received said "not counted"
		s.refreshCases()
	})
}
