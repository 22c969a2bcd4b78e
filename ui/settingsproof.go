package ui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The settings of proof: the fingerprint of the key that signs the
// person's bundles (to read to their representative), and the trusted
// time-stamps (opt-in, the authority asked, "horodater maintenant", the
// status).

// proofSettings are the widgets of those two sections, kept for tests.
type proofSettings struct {
	g *gui

	fingerprint string
	fpLabel     *widget.Label
	copyFP      *widget.Button
	stampOn     *widget.Check
	authority   *widget.Select
	stampNow    *widget.Button
	status      *widget.Label
}

// signingUI shows the fingerprint of the journal's signing key and its QR
// code.
func (p *proofSettings) signingUI() []fyne.CanvasObject {
	key, err := p.g.journal.SigningPublicKey()
	if err != nil {
		return []fyne.CanvasObject{wrapped(p.g.say(err))}
	}
	p.fingerprint = app.SignerFingerprint(key)
	fp := widget.NewLabel(p.fingerprint)
	fp.TextStyle = fyne.TextStyle{Monospace: true, Bold: true}
	fp.SizeName = theme.SizeNameSubHeadingText
	p.fpLabel = fp
	p.copyFP = &widget.Button{Text: i18n.X("gui.settings.copy_fingerprint"), Icon: theme.ContentCopyIcon(),
		OnTapped: func() { p.g.copyText(p.fingerprint) }}
	text := container.NewVBox(wrapped(i18n.X("gui.settings.signing_help")), fp, container.NewHBox(p.copyFP))
	var qr fyne.CanvasObject = layout.NewSpacer()
	if img, err := signerQR(key); err == nil {
		qr = img
	}
	return []fyne.CanvasObject{container.NewBorder(nil, nil, nil, qr, text)}
}

// timestampUI is the opt-in with its whole explanation, the authority,
// "horodater maintenant" and the status.
func (p *proofSettings) timestampUI() []fyne.CanvasObject {
	j := p.g.journal
	on, err := j.Timestamps.Enabled()
	if err != nil {
		return []fyne.CanvasObject{wrapped(p.g.say(err))}
	}
	p.stampOn = widget.NewCheck(i18n.X("gui.settings.timestamp_on"), nil)
	p.stampOn.SetChecked(on)
	p.stampOn.OnChanged = p.setStamps
	p.authority = widget.NewSelect(p.authorityURLs(), p.setAuthority)
	if auths, err := j.Timestamps.Authorities(); err == nil && len(auths) > 0 {
		p.authority.Selected = auths[0].URL
	}
	p.stampNow = &widget.Button{Text: i18n.X("gui.settings.timestamp_now"), Icon: theme.HistoryIcon(), OnTapped: p.stampNowTapped}
	p.status = caption("")
	p.refreshStatus()
	return []fyne.CanvasObject{
		wrapped(i18n.X("timestamp.optin")),
		p.stampOn,
		form(field(i18n.X("gui.settings.timestamp_authority"), p.authority, i18n.X("gui.settings.timestamp_authority_hint"))),
		container.NewHBox(p.stampNow),
		p.status,
	}
}

// authorityURLs are the authorities offered: the configured ones first,
// then the defaults.
func (p *proofSettings) authorityURLs() []string {
	var urls []string
	auths, _ := p.g.journal.Timestamps.Authorities()
	for _, a := range append(auths, app.DefaultAuthorities...) {
		if !slices.Contains(urls, a.URL) {
			urls = append(urls, a.URL)
		}
	}
	return urls
}

func (p *proofSettings) setStamps(on bool) {
	p.g.touch()
	if err := p.g.journal.Timestamps.SetEnabled(on); err != nil {
		p.g.showError(err)
		return
	}
	if on {
		j := p.g.journal
		p.g.async(func() { sendStamps(j) })
	}
	p.refreshStatus()
}

// setAuthority asks the authority chosen first, the others after it.
func (p *proofSettings) setAuthority(url string) {
	p.g.touch()
	j := p.g.journal
	auths, err := j.Timestamps.Authorities()
	if err != nil {
		p.g.showError(err)
		return
	}
	list := []app.Authority{{URL: url}}
	for _, a := range auths {
		if a.URL == url {
			list[0] = a // keeps its certificate
		} else {
			list = append(list, a)
		}
	}
	if err := j.Timestamps.SetAuthorities(list); err != nil {
		p.g.showError(err)
	}
}

// stampNowTapped asks for a time-stamp now, off the UI thread.
func (p *proofSettings) stampNowTapped() {
	p.g.touch()
	j := p.g.journal
	ctx, cancel := context.WithTimeout(context.Background(), stampWait)
	dlg := p.g.showProgress(i18n.X("gui.settings.timestamp_now"), i18n.X("gui.settings.timestamp_asking"), cancel)
	p.g.async(func() {
		ts, err := j.Timestamps.StampNow(ctx)
		cancel()
		fyne.Do(func() {
			dlg.close()
			if err != nil {
				p.g.showError(err)
			} else {
				p.g.showInfo(i18n.X("gui.settings.timestamp_title"), present.TimestampDone(ts))
			}
			p.refreshStatus()
		})
	})
}

// refreshStatus says when the history was last time-stamped, and whether
// a request waits.
func (p *proofSettings) refreshStatus() {
	if p.status == nil || p.g.journal == nil {
		return
	}
	ts := p.g.journal.Timestamps
	text := i18n.X("timestamp.cli.never")
	if last, err := ts.Last(); err != nil {
		text = present.Error(err, present.Where{Vault: p.g.dir})
	} else if last != nil {
		text = i18n.X("timestamp.cli.last", map[string]any{"TSA": last.Authority, "Date": i18n.DateTime(last.Time.Local()), "Seq": last.Seq})
	}
	if pending, err := ts.Pending(); err == nil && pending {
		text += "\n" + i18n.X("timestamp.queued")
	}
	p.status.SetText(text)
}
