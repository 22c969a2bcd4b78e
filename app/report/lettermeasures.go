package report

import (
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
)

// What a letter asks for, built from the recorded facts (§ 5.4), and the
// link between the facts and the author's duties, incident by incident
// (§ 5.5): a lawyer reads these first.

// forms returns what the letter asks for, one item each, the last one
// last (it is kept with the closing).
func (l *letterLayout) forms() []string {
	t := l.t
	if len(l.opts.Forms) > 0 {
		return l.opts.Forms
	}
	measures := l.opts.Measures
	if measures == nil {
		measures = l.measures()
	}
	var items []string
	stop := t.t("report.letter.form.stop")
	if l.kind == app.DocLetterExtend {
		stop = t.t("report.letter.form.strengthen")
	}
	if len(measures) > 0 {
		stop += t.t("report.letter.form.namely") + "\n" + "• " + strings.Join(measures, "\n• ")
	} else {
		stop += t.t("report.letter.form.end")
	}
	items = append(items, stop)
	assist := t.t("report.letter.form.assist")
	if l.offence() {
		assist += t.t("report.letter.form.article40")
	}
	items = append(items, assist+t.t("report.letter.form.end"))
	lawyer := "report.letter.form.fees." + l.kind
	if !t.Has(lawyer) {
		lawyer = "report.letter.form.fees.letter_request"
	}
	fees := t.t(lawyer)
	if name := strings.TrimSpace(l.opts.Lawyer); name != "" {
		fees += t.f("report.letter.form.fees_named", "Lawyer", t.printable(name))
	} else if l.kind != app.DocLetterExtend {
		fees += t.t("report.letter.form.fees_later")
	}
	items = append(items, fees+t.t("report.letter.form.end"))
	if !l.opts.NoSupport {
		items = append(items, t.t("report.letter.form.support")+t.t("report.letter.form.end"))
	}
	if !l.opts.NoLeave {
		items = append(items, t.t("report.letter.form.leave")+t.t("report.letter.form.end"))
	}
	return append(items, t.t("report.letter.form.repair"))
}

// offence reports whether the facts look like an offence the employer
// must report to the prosecutor (CPP, art. 40).
func (l *letterLayout) offence() bool {
	for _, it := range l.d.items {
		in := it.in
		for _, k := range []string{"threat", "outrage", "harassment", "cyberharassment", "physical", "doxxing", "impersonation", "image_spread"} {
			if in.HasKind(k) {
				return true
			}
		}
		if in.IsPublic() && (in.HasKind("insult") || in.HasKind("defamation")) {
			return true
		}
	}
	return false
}

// measures are the concrete measures the facts call for, one per factor,
// without duplicates.
func (l *letterLayout) measures() []string {
	t := l.t
	var out []string
	add := func(key string, pairs ...string) {
		if s := t.f("report.letter.measure."+key, pairs...); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	refs := map[string]int{}
	for _, it := range l.d.items {
		if r := app.Fold(strings.TrimSpace(it.in.PerpetratorRef)); r != "" {
			refs[r]++
		}
	}
	for _, it := range l.d.items {
		in := it.in
		if in.Perpetrator == "parent" {
			who := strings.TrimSpace(in.PerpetratorRef)
			if who == "" {
				who = t.t("report.letter.this_parent")
			}
			add("parent_letter", "Who", who)
			add("parent_meetings")
		}
		if (in.HasChannel("phone") || in.HasChannel("sms")) && l.personalNumber(in) {
			add("personal_number")
		}
		if in.HasChannel("school_messaging") || in.HasChannel("email") {
			add("messaging")
		}
		if in.IsPublic() && (in.HasChannel("social_network") || in.HasKind("image_spread") || in.HasKind("doxxing") || in.HasKind("defamation")) {
			add("takedown")
		}
		if in.HasKind("doxxing") {
			add("doxxing")
		}
		if in.HasKind("threat") || in.HasKind("physical") || in.HasKind("intimidation") || in.Setting == "surroundings" {
			add("safety")
		}
		if in.HasKind("video_intrusion") {
			add("video")
		}
		if in.Perpetrator == "pupil" {
			add("pupil")
		}
		if r := app.Fold(strings.TrimSpace(in.PerpetratorRef)); r != "" && refs[r] >= 2 {
			add("repeated")
		}
	}
	return out
}

// personalNumber reports whether the facts say the author's personal
// number was used.
func (l *letterLayout) personalNumber(in *app.Incident) bool {
	text := app.Fold(in.Description + " " + in.Consequences)
	return strings.Contains(text, "personnel") || strings.Contains(text, "portable") || strings.Contains(text, "personal") || in.Setting == "remote_home"
}

// link writes the link between the facts and the author's duties.
func (l *letterLayout) link() {
	t := l.t
	l.heading2(t.t("report.letter.sec.link"))
	l.doc.para(stBody, t.f("report.letter.link_intro", "Function", l.or(l.p.Function)))
	l.doc.space(1)
	l.doc.bullets(stBody, l.links())
	if s := l.repetition(); s != "" {
		l.doc.para(stBody, s)
	}
}

// links says, for each incident, how it is linked to the duties; an
// incident the journal cannot link leaves a visible blank to fill.
func (l *letterLayout) links() []string {
	t := l.t
	var out []string
	for _, it := range l.d.items {
		if !l.concerns(it) {
			continue
		}
		in := it.in
		pairs := []string{"Date", t.Date(in.OccurredAt), "Activity", lowerFirst(strings.TrimSpace(in.Activity)),
			"Function", l.or(l.p.Function), "Workplace", l.or(l.p.Workplace), "Dispute", in.Dispute}
		var base string
		switch {
		case slices.Contains([]string{"classroom", "workshop", "school_life", "boarding"}, in.Setting):
			base = "on_duty"
		case in.Setting == "surroundings":
			base = "surroundings"
		case in.Setting == "remote_home" && in.Activity != "":
			base = "remote"
		case in.TargetsJob:
			base = "online_job"
		case in.Activity != "":
			base = "activity"
		}
		s := ""
		if base != "" {
			key := "report.letter.link." + base
			if in.Activity != "" && t.Has(key+"_activity") {
				key += "_activity"
			}
			s = t.f(key, pairs...)
		}
		if in.Perpetrator == "parent" {
			parent := "report.letter.link.parent"
			if in.Dispute != "" {
				parent = "report.letter.link.parent_dispute"
			}
			if s == "" {
				s = t.f("report.letter.link.date", pairs...)
			}
			s += t.f(parent, pairs...)
		}
		if s == "" {
			s = t.f("report.letter.link.blank", pairs...)
			l.warn(WarnLinkBlank)
		}
		out = append(out, s+t.t("report.letter.form.end"))
	}
	return out
}

// repetition says the facts are repeated, when the same author is in
// several of them.
func (l *letterLayout) repetition() string {
	t := l.t
	best, first, last := 0, app.Date{}, app.Date{}
	counts := map[string][]*item{}
	for _, it := range l.d.items {
		if r := app.Fold(strings.TrimSpace(it.in.PerpetratorRef)); r != "" {
			counts[r] = append(counts[r], it)
		}
	}
	for _, its := range counts {
		if len(its) > best {
			best, first, last = len(its), app.DateOf(its[0].in.OccurredAt), app.DateOf(its[len(its)-1].in.OccurredAt)
		}
	}
	if best < 2 {
		return ""
	}
	return t.n("report.letter.repeated", best, "First", t.day(first), "Last", t.day(last))
}

// linkSummary sums up the link with the duties in a clause, for the
// recours gracieux.
func (l *letterLayout) linkSummary() string {
	links := l.links()
	if len(links) == 1 {
		return strings.TrimSuffix(strings.TrimSuffix(links[0], l.t.t("report.letter.form.end")), ";")
	}
	return l.t.f("report.letter.link.summary", "Function", l.or(l.p.Function))
}
