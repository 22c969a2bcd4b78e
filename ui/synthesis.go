package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The anonymous synthesis for the F3SCT: the cases ticked, combined into
// one PDF saved where the representative chooses.

// synthesisInputs returns the cases ticked for the synthesis. A case
// whose signer is not a colleague's recognised key, and that the
// representative did not accept, is never counted (bundle.SynthesisCases
// says the same): a forger who knows a colleague's journal id cannot feed
// the committee's figures.
func (s *representativeScreen) synthesisInputs() ([]bundle.SynthesisInput, error) {
	var inputs []bundle.SynthesisInput
	for _, c := range s.cases {
		if ch := s.inSynthesis[c.ID]; ch == nil || !ch.Checked || !c.Signer.Counts() {
			continue
		}
		in, err := bundle.InputOfCase(c)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}

func (s *representativeScreen) synthesis() {
	s.g.touch()
	inputs, err := s.synthesisInputs()
	if err != nil {
		s.g.showError(err)
		return
	}
	if len(inputs) == 0 {
		msg := i18n.X("gui.share.rep.synthesis_none")
		if left := s.leftOut(); left > 0 {
			msg += "\n\n" + i18n.N("bundle.signer.left_out", left)
		}
		s.g.showInfo(i18n.X("gui.share.rep.synthesis_title"), msg)
		return
	}
	opts := s.synthesisOptions()
	s.g.pick.save(datedName(opts.Lang.X("gui.filename.synthesis"), s.g.now()), func(path string) {
		s.g.async(func() {
			st, err := s.synthesisTo(path, inputs, opts)
			fyne.Do(func() { s.synthesisDone(path, st, err) })
		})
	})
}

// synthesisOptions are the choices made on the screen: the document's
// language, the descriptions.
func (s *representativeScreen) synthesisOptions() bundle.SynthesisOptions {
	return bundle.SynthesisOptions{Lang: docLanguage(s.synthLang), IncludeDescriptions: s.descriptions.Checked, Now: s.g.now()}
}

// synthesisTo writes the synthesis of inputs to path, readable by its
// owner only.
func (s *representativeScreen) synthesisTo(path string, inputs []bundle.SynthesisInput, opts bundle.SynthesisOptions) (*bundle.Stats, error) {
	out, err := present.CreatePrivate(path, true)
	if err != nil {
		return nil, err
	}
	st, err := bundle.WriteSynthesis(inputs, opts, out)
	return st, out.Finish(err)
}

func (s *representativeScreen) synthesisDone(path string, st *bundle.Stats, err error) {
	if err != nil {
		s.g.showError(present.In(err, present.Where{File: path}))
		return
	}
	objs := []fyne.CanvasObject{
		wrapped(i18n.X("gui.share.rep.synthesis_done", map[string]any{"Incidents": i18n.N("count.incidents", st.Incidents),
			"Bundles": i18n.N("count.bundles", st.Bundles), "Colleagues": i18n.N("count.colleagues", st.Colleagues)})),
	}
	if st.Overlaps > 0 {
		objs = append(objs, caption(i18n.N("bundle.synthesis.overlaps_cli", st.Overlaps)))
	}
	if left := s.leftOut(); left > 0 {
		w := wrapped(i18n.N("bundle.signer.left_out", left))
		w.Importance = widget.WarningImportance
		objs = append(objs, w)
	}
	if st.Diverged > 0 {
		w := wrapped(i18n.N("gui.share.rep.synthesis_diverged", st.Diverged))
		w.Importance = widget.DangerImportance
		objs = append(objs, w)
	}
	objs = append(objs, monospace(path))
	d := dialog.NewCustomConfirm(i18n.X("gui.share.rep.synthesis_saved"), i18n.X("gui.share.open"), i18n.X("gui.share.close"), card(480, container.NewVBox(objs...)), func(open bool) {
		if open {
			s.g.openFile(path)
		}
	}, s.g.win)
	s.g.showDialog(d)
}

// leftOut counts the cases the synthesis leaves out for their signer.
func (s *representativeScreen) leftOut() int {
	n := 0
	for _, c := range s.cases {
		if !c.Signer.Counts() {
			n++
		}
	}
	return n
}
