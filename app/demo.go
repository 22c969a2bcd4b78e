package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// The demo journal: a lived-in journal for screenshots, manual trials and
// the documents' examples, that a reviewer can believe. A teacher of a
// lycée agricole (her letters go to the DRAAF, never to the recteur)
// records, over the ten months before now, intrusions in remote classes,
// a parent who insults, threatens and waits at the gate, a video posted
// online, and the steps taken: a protection granted, another unanswered
// past its implicit rejection, an RSST entry unanswered for months, an
// accident declaration awaiting its decision, a simple complaint on a
// public defamation, a union contact, a private note, a planned step.
// Events at school fall on school days (zone B); every weekday a text
// names is computed from the date; references carry the year of their
// step. The entries are written now: the documents say so.

// DemoPassphrase is the passphrase of the vaults made by `temoin demo`.
const DemoPassphrase = "demo-temoin-2026"

// demoSetting marks a journal filled by FillDemo: its documents say the
// incidents are invented.
const demoSetting = "demo"

// IsDemo reports whether the journal is the demo journal.
func (s *SettingService) IsDemo() bool {
	v, err := s.Get(demoSetting)
	return err == nil && v != ""
}

// DemoProfile is the author of the demo journal.
var DemoProfile = Profile{
	Name: "Claire Martin", Function: "professeure certifiée de biologie-écologie",
	Workplace: "Lycée agricole Jean-Monnet, Arras", Authority: "DRAAF Hauts-de-France", Town: "Arras", Agricultural: true,
	Addressee: "Monsieur le Directeur régional de l’alimentation, de l’agriculture et de la forêt des Hauts-de-France",
	Via:       "Monsieur le Directeur de l’EPLEFPA", Status: "titulaire",
}

// demoPeople is the demo's people list, with the forms a name takes.
var demoPeople = []Person{
	{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"},
	{Name: "M. Garnier", Pseudonym: "Parent P2", Role: "parent"},
	{Name: "Lucas Bernard", Pseudonym: "Élève A", Role: "élève de 1re STAV", Forms: []string{"Lucas", "L. B."}},
	{Name: "Nathan Dupuis", Pseudonym: "Élève B", Role: "élève de 2de B"},
	{Name: "Mme Roussel", Pseudonym: "Collègue C1", Role: "collègue"},
}

// demoEvidence is a piece of evidence of a demo incident: a link, or a
// small picture drawn on the spot (a screenshot of a message).
type demoEvidence struct {
	url, note string
	name      string
	lines     []string // the picture's text, one line each
	video     bool     // draw a video frame rather than a message
}

type demoItem struct {
	in       *Incident
	evidence []demoEvidence
	amend    func(*Incident) // a later correction, saved as revision 2
}

// FillDemo writes the demo incidents, the people list and the profile
// into an empty journal, as if the incidents had happened over the ten
// months before now. It returns how many incidents it wrote.
func FillDemo(ctx context.Context, j *Journal, now time.Time) (int, error) {
	for _, p := range demoPeople {
		if err := j.People.Add(p); err != nil {
			return 0, err
		}
	}
	if err := j.Settings.SetProfile(DemoProfile); err != nil {
		return 0, err
	}
	if err := j.Settings.Set(demoSetting, "1"); err != nil {
		return 0, err
	}
	items := append(demoStory(now), demoRoutine(now)...)
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		if err := fillDemoItem(ctx, j, it); err != nil {
			return i, fmt.Errorf("demo incident %d: %w", i+1, err)
		}
	}
	return len(items), nil
}

// fillDemoItem writes one demo incident, its evidence and its amendment.
func fillDemoItem(ctx context.Context, j *Journal, it demoItem) error {
	created, err := j.Incidents.Create(it.in)
	if err != nil {
		return err
	}
	for _, ev := range it.evidence {
		if ev.url != "" {
			if _, err := j.Evidence.AttachLink(created.ID, ev.url, DateOf(created.OccurredAt), ev.note); err != nil {
				return err
			}
			continue
		}
		pic, err := demoPicture(ev.lines, ev.video)
		if err != nil {
			return err
		}
		if _, err := j.Evidence.AttachFile(ctx, created.ID, ev.name, bytes.NewReader(pic), nil); err != nil {
			return err
		}
	}
	if it.amend != nil {
		c, err := j.Incidents.Get(created.ID)
		if err != nil {
			return err
		}
		it.amend(c)
		if _, err := j.Incidents.Amend(created.ID, c); err != nil {
			return err
		}
	}
	return nil
}

// demoClock places the demo's events relative to now.
type demoClock struct{ now time.Time }

// at is daysAgo days before now, at the given time of day.
func (c demoClock) at(daysAgo, hour, minute int) time.Time {
	d := c.now.AddDate(0, 0, -daysAgo)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, c.now.Location())
}

// school is like at, moved back to the nearest school day; a practical
// class of a lycée is never in the exam weeks of late June.
func (c demoClock) school(daysAgo, hour, minute int) time.Time {
	t := c.at(daysAgo, hour, minute)
	if t.Month() == time.June && t.Day() > 12 {
		t = time.Date(t.Year(), time.June, 12, hour, minute, 0, 0, t.Location())
	}
	return LastSchoolDay(t)
}

// after is the working day n days after t (a step taken at school).
func after(t time.Time, n int) Date { return NextWorkingDay(DateOf(t).AddDays(n), false) }

// on is the day n days after t, whatever the weekday (a message, a call).
func on(t time.Time, n int) Date { return DateOf(t).AddDays(n) }

// weekday names the day of the week of t, in French: the demo's texts are
// French.
func weekday(t time.Time) string {
	return [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}[t.Weekday()]
}

// demoPicture draws a small screenshot: a message on a phone-like card,
// or a video frame with its title.
func demoPicture(lines []string, video bool) ([]byte, error) {
	const w, h = 420, 300
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{0xf3, 0xf4, 0xf6, 0xff}
	draw.Draw(img, img.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	ink := color.RGBA{0x22, 0x2b, 0x36, 0xff}
	if video {
		frame := image.Rect(20, 20, w-20, h-80)
		draw.Draw(img, frame, &image.Uniform{color.RGBA{0x1f, 0x29, 0x37, 0xff}}, image.Point{}, draw.Src)
		// a person at a desk, blurred into blocks, and a play button
		draw.Draw(img, image.Rect(150, 70, 270, 200), &image.Uniform{color.RGBA{0x4b, 0x55, 0x63, 0xff}}, image.Point{}, draw.Src)
		draw.Draw(img, image.Rect(185, 40, 235, 90), &image.Uniform{color.RGBA{0x6b, 0x72, 0x80, 0xff}}, image.Point{}, draw.Src)
		for y := 0; y < 40; y++ { // a triangle
			for x := 0; x < y/2+1; x++ {
				img.Set(195+x, 110+y, color.White)
				img.Set(195+x, 150-y, color.White)
			}
		}
		draw.Draw(img, image.Rect(20, h-86, w-20, h-80), &image.Uniform{color.RGBA{0xdc, 0x26, 0x26, 0xff}}, image.Point{}, draw.Src)
		for i, l := range lines {
			demoText(img, 24, h-56+i*20, l, ink)
		}
	} else {
		card := image.Rect(20, 16, w-20, h-16)
		draw.Draw(img, card, &image.Uniform{color.White}, image.Point{}, draw.Src)
		head := image.Rect(20, 16, w-20, 46)
		draw.Draw(img, head, &image.Uniform{color.RGBA{0x3b, 0x5b, 0x7a, 0xff}}, image.Point{}, draw.Src)
		for i, l := range lines {
			c := ink
			y := 36 + i*22
			if i == 0 {
				c = color.RGBA{0xff, 0xff, 0xff, 0xff}
			}
			demoText(img, 32, y, l, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func demoText(img draw.Image, x, y int, s string, c color.Color) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
