package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// whatTab is the editor's "What happened": the kinds, the channels, the
// facts and the exact words, and the details of a video call.
type whatTab struct {
	e           *editorScreen
	kinds       *codeChecks
	channels    *codeChecks
	diffusion   *codeChoice
	description *control.Entry
	exactWords  *control.Entry
	videoBox    *fyne.Container
	vcPlatform  *control.Entry
	vcMeeting   *control.Entry
	vcPublic    *control.Check
	vcWaiting   *control.Check
	vcIntruders *control.Entry
	links       linksSection
}

func (t *whatTab) buildUI() fyne.CanvasObject {
	e := t.e
	t.links.e = e
	t.kinds = newCodeChecks("kind", 2, e.changed, e.g.escape)
	t.channels = newCodeChecks("channel", 3, func() { e.changed(); t.showVideo() }, e.g.escape)
	t.diffusion = newCodeChoice("diffusion", e.changed, e.g.escape)
	t.description = e.newText(6)
	t.description.SetPlaceHolder(i18n.X("gui.editor.description_placeholder"))
	t.exactWords = e.newText(3)
	t.exactWords.SetPlaceHolder(i18n.X("gui.editor.words_placeholder"))
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.what")),
		widget.NewLabel(i18n.X("field.kinds")), t.kinds.box,
		widget.NewLabel(i18n.X("field.channels")), t.channels.box,
		form(
			field(i18n.X("field.diffusion"), t.diffusion.sel, i18n.X("gui.editor.diffusion_hint")),
			field(i18n.X("field.description"), t.description, i18n.X("gui.editor.description_hint")),
			field(i18n.X("field.exact_words"), t.exactWords, ""),
		),
		t.videoUI(),
		t.links.buildUI(),
	)
}

// videoUI is the details of a video call, shown when the channel is one.
func (t *whatTab) videoUI() fyne.CanvasObject {
	e := t.e
	t.vcPlatform, t.vcMeeting = e.newEntry(), e.newEntry()
	t.vcPlatform.SetPlaceHolder("Zoom, Teams, classe virtuelle du CNED, ENT…")
	t.vcPublic = e.newCheck(i18n.X("field.video_call.public_link"))
	t.vcWaiting = e.newCheck(i18n.X("field.video_call.waiting_room"))
	t.vcIntruders = e.newText(2)
	t.vcIntruders.SetPlaceHolder(i18n.X("gui.editor.intruders_placeholder"))
	t.videoBox = container.NewVBox(
		widget.NewSeparator(),
		subheading(i18n.X("field.video_call")),
		form(
			field(i18n.X("field.video_call.platform"), t.vcPlatform, ""),
			field(i18n.X("field.video_call.meeting_id"), t.vcMeeting, ""),
		),
		t.vcPublic, t.vcWaiting,
		form(field(i18n.X("field.video_call.intruders"), t.vcIntruders, "")),
	)
	t.videoBox.Hide()
	return t.videoBox
}

// showVideo shows the video-call details when the channel includes a
// video call.
func (t *whatTab) showVideo() {
	if t.videoBox == nil {
		return
	}
	if t.channels.has("video_call") {
		t.videoBox.Show()
	} else {
		t.videoBox.Hide()
	}
}

func (t *whatTab) load(in *app.Incident) {
	t.kinds.set(in.Kinds)
	t.channels.set(in.Channels)
	t.diffusion.set(in.Diffusion)
	t.description.SetText(in.Description)
	t.exactWords.SetText(in.ExactWords)
	vc := in.VideoCall
	if vc == nil {
		vc = &app.VideoCall{}
	}
	t.vcPlatform.SetText(vc.Platform)
	t.vcMeeting.SetText(vc.MeetingID)
	t.vcPublic.SetChecked(vc.PublicLink)
	t.vcWaiting.SetChecked(vc.WaitingRoom)
	t.vcIntruders.SetText(strings.Join(vc.Intruders, "\n"))
	t.showVideo()
	t.links.load(in)
}

func (t *whatTab) collect(in *app.Incident) {
	in.Kinds = t.kinds.get()
	in.Channels = t.channels.get()
	in.Diffusion = t.diffusion.get()
	in.Description = t.description.Text
	in.ExactWords = t.exactWords.Text
	t.links.collect(in)
	in.VideoCall = nil
	if t.channels.has("video_call") {
		in.VideoCall = &app.VideoCall{
			Platform: strings.TrimSpace(t.vcPlatform.Text), MeetingID: strings.TrimSpace(t.vcMeeting.Text),
			PublicLink: t.vcPublic.Checked, WaitingRoom: t.vcWaiting.Checked, Intruders: lines(t.vcIntruders.Text),
		}
	}
}

// lines returns the lines of s that are not blank, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
