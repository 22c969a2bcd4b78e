package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
)

// The representative's side ("Je suis représentant·e"): a key pair kept
// in the vault, whose public key colleagues encrypt their bundles to
// (shown as text and as a QR code); bundles received (receive.go),
// checked, then kept encrypted in the vault as read-only cases
// (cases.go), with the report one click away (through the viewer folder)
// and the continuity of each colleague's history; and the anonymous
// synthesis for the F3SCT (synthesis.go).

// representativeScreen is the representative's side.
type representativeScreen struct {
	g *gui
	m *mainScreen

	body *fyne.Container

	createBtn  *widget.Button
	key        string
	copyBtn    *widget.Button
	qr         *canvas.Image
	receiveBtn *widget.Button

	cases        []bundle.CaseInfo
	caseBox      *fyne.Container
	inSynthesis  map[string]*widget.Check // case id → ticked for the synthesis
	descriptions *widget.Check
	synthLang    *widget.Select // the synthesis' language
	synthBtn     *widget.Button
	leftOutNote  *widget.Label // how many cases the synthesis leaves out for their signer

	caseCards  map[string]*caseCard      // case id → its buttons
	colleagues map[string]*app.Colleague // vault id → the name and notes kept
	colleague  *colleaguePanel           // the colleague's dialog last shown (tests)
	trustForm  *widget.Entry             // the name in the last trust dialog (tests)
	browsing   []fyne.CanvasObject       // the incidents of the case browsed (tests)

	receivedTrust, receivedAccept *widget.Button // in the dialog of the last bundle received

	cancel   context.CancelFunc // the reception in progress, if any
	received *bundle.Received   // the last bundle received (tests)
}

func (s *representativeScreen) buildUI() fyne.CanvasObject {
	s.body = container.NewVBox()
	s.refresh()
	top := container.NewVBox(heading(i18n.X("gui.share.rep.title")),
		caption(i18n.X("gui.share.rep.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(860, s.body))))
}

// leave stops a reception in progress.
func (s *representativeScreen) leave() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *representativeScreen) refresh() {
	key, err := s.g.journal.Cases.PublicKey()
	switch {
	case errors.Is(err, app.ErrNoIdentity):
		s.body.Objects = []fyne.CanvasObject{s.introUI()}
	case err != nil:
		s.body.Objects = []fyne.CanvasObject{wrapped(s.g.say(err))}
	default:
		s.key = key
		s.body.Objects = []fyne.CanvasObject{s.keyUI(), s.casesUI()}
	}
	s.body.Refresh()
}

// introUI offers to create the key.
func (s *representativeScreen) introUI() fyne.CanvasObject {
	s.createBtn = &widget.Button{Text: i18n.X("gui.share.rep.create"), Icon: theme.AccountIcon(),
		Importance: widget.HighImportance, OnTapped: s.createIdentity}
	return widget.NewCard("", "", container.NewVBox(
		subheading(i18n.X("gui.share.rep.intro_title")),
		wrapped(i18n.X("gui.share.rep.intro")),
		caption(i18n.X("gui.share.rep.intro_backup")),
		container.NewHBox(s.createBtn)))
}

func (s *representativeScreen) createIdentity() {
	s.g.touch()
	if _, err := s.g.journal.Cases.CreateIdentity(); err != nil {
		s.g.showError(err)
		return
	}
	s.refresh()
}

// keyUI shows the public key as text, as a QR code and its fingerprint.
func (s *representativeScreen) keyUI() fyne.CanvasObject {
	keyLabel := widget.NewLabel(s.key)
	keyLabel.TextStyle.Monospace = true
	keyLabel.Wrapping = fyne.TextWrapBreak
	keyLabel.Selectable = true
	s.copyBtn = &widget.Button{Text: i18n.X("gui.share.rep.copy_key"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		s.g.touch()
		s.g.copyText(s.key)
	}}
	fp := widget.NewLabel(app.KeyFingerprint(s.key))
	fp.TextStyle.Monospace = true
	fp.TextStyle.Bold = true
	text := container.NewVBox(
		wrapped(i18n.X("gui.share.rep.key_help")),
		keyLabel,
		container.NewHBox(s.copyBtn),
		container.NewHBox(widget.NewLabel(i18n.X("gui.share.fingerprint")), fp),
		caption(i18n.X("gui.share.rep.fingerprint_help")),
	)
	var left fyne.CanvasObject = layout.NewSpacer()
	if img, err := qrImage(s.key); err == nil {
		s.qr = canvas.NewImageFromImage(img)
		s.qr.FillMode = canvas.ImageFillContain
		s.qr.ScaleMode = canvas.ImageScalePixels
		s.qr.SetMinSize(fyne.NewSize(190, 190))
		left = container.NewVBox(s.qr)
	}
	return widget.NewCard("", "", container.NewVBox(
		subheading(i18n.X("gui.share.rep.key_title")),
		container.NewBorder(nil, nil, left, nil, text)))
}

// qrImage decodes the key's QR code in memory.
func qrImage(key string) (image.Image, error) {
	data, err := app.PublicKeyQRCode(key, 6)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(data))
}
