package report

import (
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Deadlines said in sentences. The screens address the person (« vous »:
// keys "deadline.<rule>.<state>"), the documents speak of the author
// ("report.deadline.<rule>.<state>"); both give the last day with its
// weekday (« jusqu'au jeudi 10 décembre 2026 inclus »), never « avant
// le », and add what the rule's facts call for: a simple complaint that
// does not stop the press clock, a last day on a Sunday, a receipt not
// recorded.

// Voice is who a deadline's sentence speaks to.
type Voice int

const (
	// ToAuthor speaks to the person, in the app.
	ToAuthor Voice = iota
	// AboutAuthor speaks of the author, in a document.
	AboutAuthor
)

// DeadlineText says a deadline in sentences, in language l.
func DeadlineText(l i18n.Lang, dl app.Deadline, today app.Date, voice Voice) string {
	return deadlineText(&texts{Lang: l}, dl, today, voice)
}

func deadlineText(t *texts, dl app.Deadline, today app.Date, voice Voice) string {
	prefix := "deadline."
	if voice == AboutAuthor {
		prefix = "report.deadline."
	}
	state := "coming"
	switch {
	case dl.Passed():
		state = "passed"
	case dl.DaysLeft == 0:
		state = "today"
	}
	key := prefix + dl.Rule + "." + state
	earliest := false
	switch {
	case dl.Reasonable && t.Has(key+"_reasonable"):
		key += "_reasonable"
	case dl.Explicit && t.Has(key+"_explicit"):
		key += "_explicit"
	case dl.Earliest && t.Has(key+"_earliest"):
		key, earliest = key+"_earliest", true
	}
	s := t.f(key, deadlineData(t, dl, today)...)
	for _, extra := range deadlineExtras(dl, state) {
		if extra == "earliest" && earliest {
			continue
		}
		s += " " + t.f(prefix+"extra."+extra, deadlineData(t, dl, today)...)
	}
	return s
}

// deadlineExtras names the sentences added to a deadline's.
func deadlineExtras(dl app.Deadline, state string) []string {
	var out []string
	if dl.Republished {
		out = append(out, "republished")
	}
	if state != "passed" {
		if !dl.Complaint.IsZero() {
			out = append(out, "complaint")
		}
		if !dl.ActBy.IsZero() {
			out = append(out, "act_by")
		}
	}
	if dl.Discovered {
		out = append(out, "discovered")
	}
	if dl.Earliest {
		out = append(out, "earliest")
	}
	return out
}

// deadlineData fills a deadline's sentence.
func deadlineData(t *texts, dl app.Deadline, today app.Date) []string {
	return []string{
		"Start", t.day(dl.Start), "Due", t.longDay(dl.Due), "Days", t.n("report.deadline.in_days", dl.DaysLeft),
		"Complaint", t.day(dl.Complaint), "Court", t.longDay(dl.Court), "ActBy", t.longDay(dl.ActBy),
		"Weekday", t.weekday(dl.Due), "Elapsed", t.elapsed(dl.Start, today), "Ref", t.printable(refNumber(dl.Ref)),
	}
}

// deadlineStatus says where a deadline stands, for a table.
func deadlineStatus(t *texts, dl app.Deadline) string {
	switch {
	case dl.Passed() && (dl.Rule == app.RuleProtectionAnswer || dl.Rule == app.RuleGraciousAnswer):
		return t.t("report.deadline.status.implicit_rejection")
	case dl.Landmark:
		return t.t("report.deadline.status.landmark")
	case dl.Passed():
		return t.t("report.deadline.status.passed")
	case dl.DaysLeft == 0:
		return t.t("report.deadline.status.today")
	}
	return t.n("report.deadline.status.days", dl.DaysLeft)
}

// longDay formats a day with its weekday: « jeudi 10 décembre 2026 ».
func (t *texts) longDay(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	return t.LongDate(d.In(time.UTC))
}

// weekday names the day of the week of d.
func (t *texts) weekday(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	long := t.LongDate(d.In(time.UTC))
	return strings.TrimSuffix(long, " "+t.day(d))
}

// elapsed says how long from one day to another: « 7 mois et 25 jours »,
// « 3 semaines », « 12 jours ».
func (t *texts) elapsed(from, to app.Date) string {
	if from.IsZero() || to.Before(from) {
		return ""
	}
	months, days := app.Elapsed(from, to)
	switch {
	case months > 0 && days > 0:
		return t.f("report.elapsed.months_days", "Months", t.n("report.elapsed.months", months), "Days", t.n("count.days", days))
	case months > 0:
		return t.n("report.elapsed.months", months)
	case days >= 14 && days%7 == 0:
		return t.n("report.elapsed.weeks", days/7)
	}
	return t.n("count.days", days)
}
