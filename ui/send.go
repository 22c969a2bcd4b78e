package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// The send screen: the representatives (sendreps.go: name, organisation,
// age public key, its fingerprint to compare by phone), then an encrypted
// bundle for one or more of them, or protected by a passphrase
// (sendexport.go): the report with the same choices as the report
// screen, incidents.json, the evidence chosen. The bundle is written
// straight to the file the person chooses, encrypted as it is written
// (package bundle): nothing readable touches the disk.

// Tabs of the send screen.
const (
	sendTabReps = iota
	sendTabExport
)

type sendScreen struct {
	g *gui
	m *mainScreen

	tabs   *container.AppTabs
	reps   []app.Representative // the representatives, as listed
	list   *repsTab
	export *exportTab
}

func (s *sendScreen) buildUI() fyne.CanvasObject {
	s.list = &repsTab{s: s}
	s.export = &exportTab{s: s}
	s.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.X("gui.share.reps.tab"), s.list.buildUI()),
		container.NewTabItem(i18n.X("gui.share.send.tab"), s.export.buildUI()),
	)
	s.refreshReps()
	if len(s.reps) > 0 {
		s.tabs.SelectIndex(sendTabExport)
	}
	top := container.NewVBox(heading(i18n.X("gui.share.send.title")),
		caption(i18n.X("gui.share.send.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, s.tabs)
}

// leave stops an export in progress.
func (s *sendScreen) leave() { s.export.stop() }

// refreshReps lists the representatives again, in both tabs.
func (s *sendScreen) refreshReps() {
	reps, err := s.g.journal.Representatives.List()
	if err != nil {
		s.list.showError(err)
		return
	}
	s.reps = reps
	s.list.show(reps)
	s.export.showRecipients(reps)
}

// addRep adds a representative; it says why it did not.
func (s *sendScreen) addRep(name, org, key string) error {
	s.g.touch()
	if _, err := s.g.journal.Representatives.Add(app.Representative{Name: name, Org: org, Key: key}); err != nil {
		return err
	}
	s.refreshReps()
	return nil
}

func (s *sendScreen) confirmRemove(r app.Representative) {
	s.g.confirm(i18n.X("gui.share.reps.remove_title"), i18n.X("gui.share.reps.remove_confirm", map[string]any{"Name": r.Name}),
		i18n.X("gui.share.reps.remove_yes"), i18n.X("gui.cancel"), func() { s.removeRep(r.Name) })
}

func (s *sendScreen) removeRep(name string) {
	if err := s.g.journal.Representatives.Remove(name); err != nil {
		s.g.showInfo(i18n.X("gui.share.reps.title"), s.g.say(err))
		return
	}
	s.refreshReps()
}
