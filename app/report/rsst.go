package report

import (
	"context"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// The "fiche RSST": the text of an entry in the registre santé et
// sécurité au travail (décret 82-453, art. 3-2), ready to paste into the
// online register. An entry is not anonymous (the writer's name and
// function), strictly factual, with roles or pseudonyms for the pupils and
// no medical data: the people list is always applied, the medical note and
// the consequences (often about health) are left out, the effect on the
// work is kept.

// RSSTOptions are the choices for the RSST text.
type RSSTOptions struct {
	Lang i18n.Lang // French (the zero value) or English
	Now  time.Time // zero for now
}

// RSST returns the RSST text of an incident (its id or the start of it).
func RSST(src Source, id string, opts RSSTOptions) (string, error) {
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	d, err := gather(context.Background(), src, Options{IncidentIDs: []string{id}, Lang: t.Lang, Now: now}, t, now)
	if err != nil {
		return "", err
	}
	in := d.items[0].in
	p := d.profile

	var b strings.Builder
	line := func(label, value string) {
		if value = strings.TrimSpace(value); value == "" {
			return
		}
		b.WriteString(t.Colon(label) + " " + value + "\n")
	}
	block := func(label, value string) {
		if value = strings.TrimSpace(value); value == "" {
			return
		}
		b.WriteString("\n" + t.Colon(label) + "\n" + value + "\n")
	}
	b.WriteString(t.t("report.rsst.title") + "\n\n")
	agent := strings.Join(nonEmpty(p.Name, p.Function), ", ")
	if p.Workplace != "" {
		agent = strings.Join(nonEmpty(agent, p.Workplace), " — ")
	}
	if agent == "" {
		agent = t.t("report.rsst.agent_missing")
	}
	line(t.t("report.rsst.agent"), agent)
	line(t.t("report.rsst.when"), when(t, in))
	line(t.t("report.rsst.where"), strings.Join(nonEmpty(joinDash(t.code("setting", in.Setting), in.Place), in.Workplace), ", "))
	line(t.field("activity"), in.Activity)
	line(t.field("channels"), t.codes("channel", in.Channels))
	line(t.field("kinds"), t.codes("kind", in.Kinds))
	line(t.field("video_call"), videoCall(t, in.VideoCall))
	line(t.field("perpetrator"), perpetrator(t, in, true))
	line(t.field("witnesses"), witnesses(t, in.Witnesses))
	block(t.field("description"), in.Description)
	if s := strings.TrimSpace(in.ExactWords); s != "" {
		block(t.field("exact_words"), t.Quote(s))
	}
	block(t.field("work_impact"), in.WorkImpact)
	var steps []string
	for _, a := range in.Actions {
		if a.Kind == "rsst" {
			continue
		}
		s := t.code("action", a.Kind)
		if !a.Date.IsZero() {
			s = t.Colon(t.day(a.Date)) + " " + s
		}
		steps = append(steps, "- "+s)
	}
	block(t.t("report.rsst.steps"), strings.Join(steps, "\n"))
	block(t.t("report.rsst.measures"), strings.Join(measures(t, in), "\n"))
	// Plain no-break spaces may upset a web form: ordinary spaces.
	return strings.ReplaceAll(b.String(), "\u00a0", " "), nil
}

// measures proposes prevention measures fitting the incident, for the
// person to adapt: the register asks for proposals.
func measures(t *texts, in *app.Incident) []string {
	var out []string
	add := func(key string) {
		s := "- " + t.t("rsst.measure."+key)
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	if in.HasKind("video_intrusion") || in.HasChannel("video_call") {
		add("video")
	}
	if in.HasChannel("phone") || in.HasChannel("sms") {
		add("phone")
	}
	if in.HasChannel("school_messaging") || in.HasChannel("email") {
		add("messaging")
	}
	if in.HasChannel("social_network") || in.HasKind("image_spread") || in.HasKind("doxxing") || in.HasKind("cyberharassment") {
		add("online")
	}
	if in.HasKind("physical") || in.HasKind("threat") || in.Setting == "surroundings" {
		add("safety")
	}
	if in.Perpetrator == "parent" {
		add("parents")
	}
	add("support")
	return out
}
