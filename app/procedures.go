package app

import (
	"slices"
)

// Procedures as tracked paths: for each incident, where each procedure
// stands (an RSST entry written and unanswered, an accident declared and
// awaiting a decision, a protection request deemed rejected...), its next
// deadline, and the document Témoin writes to move it on. The states and
// their moves are those of docs/legal-spec-issue11.md § 8.

// Path kinds.
const (
	PathRSST         = "rsst"
	PathSickLeave    = "sick_leave"
	PathAccident     = "accident"
	PathProtection   = "protection"
	PathComplaint    = "complaint"
	PathSchoolReport = "school_report"
	PathOnline       = "online"
)

// Documents that move a path on.
const (
	DocRSST          = "rsst_text"
	DocAccidentHelp  = "accident_helper"
	DocSchoolReport  = "school_report_request"
	DocLetterRequest = "letter_request"        // A: first request for protection
	DocLetterAdd     = "letter_complement"     // B′: new facts for a pending request
	DocLetterExtend  = "letter_extension"      // B: extension of a granted protection
	DocLetterAppeal  = "letter_appeal"         // C: recours gracieux after an implicit rejection
	DocLetterRefusal = "letter_appeal_refusal" // C′: recours gracieux after a written refusal
	DocLetterReasons = "letter_reasons"        // D: the reasons of an implicit rejection
)

// Path is where one procedure stands for an incident.
type Path struct {
	Kind  string `json:"kind"`
	State string `json:"state"`
	// Since is when the path entered its state, when known.
	Since Date `json:"since,omitzero"`
	// Next is the next deadline of the path, if any.
	Next *Deadline `json:"next,omitempty"`
	// Document is what Témoin writes to move the path on ("" for none).
	Document string `json:"document,omitempty"`
}

// Landmarks Témoin chooses (not legal deadlines): after how many days a
// request to the head, or a takedown request, without news is pointed out.
const (
	SchoolReportSilenceDays = 8
	TakedownSilenceDays     = 7
)

// Paths returns where each procedure stands for an incident. all is the
// whole journal (a request for protection covers several incidents);
// profile says the person's system (agricultural education has no
// « Faits établissement »).
func Paths(in *Incident, all []*Incident, cal Calendar) []Path {
	ds := Deadlines(in, cal)
	next := func(rules ...string) *Deadline {
		for i := range ds {
			if slices.Contains(rules, ds[i].Rule) && !ds[i].Passed() {
				return &ds[i]
			}
		}
		for i := range ds {
			if slices.Contains(rules, ds[i].Rule) {
				return &ds[i]
			}
		}
		return nil
	}
	p := &pathFinder{in: in, cal: cal, next: next}
	out := []Path{p.rsst(), p.accident()}
	if sl := p.sickLeave(); sl != nil {
		out = append(out, *sl)
	}
	out = append(out, protectionPath(in, all, cal, next), p.complaint(), p.schoolReport())
	if in.IsPublic() {
		out = append(out, p.online())
	}
	return out
}

// pathFinder finds the paths of one incident.
type pathFinder struct {
	in   *Incident
	cal  Calendar
	next func(rules ...string) *Deadline
}

// last returns the latest step of a kind actually taken, nil when none.
func (p *pathFinder) last(kinds ...string) *Action {
	var out *Action
	for i, a := range p.in.Actions {
		if slices.Contains(kinds, a.Kind) && a.Taken() && (out == nil || !a.Date.Before(out.Date)) {
			out = &p.in.Actions[i]
		}
	}
	return out
}

func (p *pathFinder) rsst() Path {
	a := p.last("rsst")
	switch {
	case a == nil:
		return Path{Kind: PathRSST, State: "not_written", Document: DocRSST}
	case a.Answered():
		return Path{Kind: PathRSST, State: "answered", Since: a.AnswerDate}
	}
	if d := p.next(RuleRSSTSilence); d != nil {
		return Path{Kind: PathRSST, State: "silent", Since: a.Date, Next: d}
	}
	return Path{Kind: PathRSST, State: "written", Since: a.Date, Document: DocRSST}
}

func (p *pathFinder) sickLeave() *Path {
	a := p.last("sick_leave")
	if a == nil {
		return nil
	}
	if a.Status == "done" || a.Answered() {
		return &Path{Kind: PathSickLeave, State: "sent", Since: a.Date}
	}
	return &Path{Kind: PathSickLeave, State: "issued", Since: a.Date, Next: p.next(RuleSickLeave)}
}

func (p *pathFinder) accident() Path {
	a := p.last("work_accident")
	switch {
	case a == nil:
		d := p.next(RuleWorkAccident)
		if d != nil && d.Passed() {
			return Path{Kind: PathAccident, State: "late", Next: d, Document: DocAccidentHelp}
		}
		return Path{Kind: PathAccident, State: "possible", Next: d, Document: DocAccidentHelp}
	case a.Status == "refused":
		return Path{Kind: PathAccident, State: "refused", Since: a.AnswerDate, Next: p.next(RuleAccidentAppeal)}
	case a.Answered():
		return Path{Kind: PathAccident, State: "recognised", Since: a.AnswerDate}
	}
	d := p.next(RuleAccidentDecision)
	if d != nil && d.Passed() {
		return Path{Kind: PathAccident, State: "provisional", Since: d.Due, Next: d}
	}
	return Path{Kind: PathAccident, State: "declared", Since: a.Date, Next: d}
}

func (p *pathFinder) complaint() Path {
	if a := p.last("civil_party_complaint"); a != nil {
		return Path{Kind: PathComplaint, State: "prosecution", Since: a.Date, Next: p.next(RulePressNextAct)}
	}
	a := p.last("complaint")
	switch {
	case a == nil:
		return Path{Kind: PathComplaint, State: "possible",
			Next: p.next(RulePressComplaint, RulePressComplaintDiscrimination, RulePrivateInsult)}
	case a.Answered() && isDismissal(a.Answer):
		return Path{Kind: PathComplaint, State: "dismissed", Since: a.AnswerDate, Next: p.next(RuleComplaintDismissed)}
	case a.Answered():
		return Path{Kind: PathComplaint, State: "answered", Since: a.AnswerDate}
	}
	next := p.next(RulePressComplaint, RulePressComplaintDiscrimination)
	if next == nil || next.Passed() {
		next = p.next(RuleComplaintFollowup)
	}
	return Path{Kind: PathComplaint, State: "filed", Since: a.Date, Next: next}
}

func (p *pathFinder) schoolReport() Path {
	a := p.last("school_report")
	switch {
	case a == nil:
		return Path{Kind: PathSchoolReport, State: "not_asked", Document: DocSchoolReport}
	case a.Status == "done" || a.Answered():
		return Path{Kind: PathSchoolReport, State: "entered", Since: a.Date}
	}
	path := Path{Kind: PathSchoolReport, State: "asked", Since: a.Date}
	if !a.Date.IsZero() && !p.cal.Today.Before(a.Date.AddDays(SchoolReportSilenceDays)) {
		path.State = "silent"
	}
	return path
}

func (p *pathFinder) online() Path {
	press := p.next(RulePressComplaint, RulePressComplaintDiscrimination)
	if a := p.last("takedown_request"); a != nil {
		switch {
		case a.Answered():
			return Path{Kind: PathOnline, State: "removed", Since: a.AnswerDate, Next: press}
		case !a.Date.IsZero() && !p.cal.Today.Before(a.Date.AddDays(TakedownSilenceDays)):
			return Path{Kind: PathOnline, State: "still_online", Since: a.Date, Next: press}
		}
		return Path{Kind: PathOnline, State: "takedown_asked", Since: a.Date, Next: press}
	}
	if a := p.last("online_report"); a != nil {
		return Path{Kind: PathOnline, State: "reported", Since: a.Date, Next: press}
	}
	return Path{Kind: PathOnline, State: "published", Since: DateOf(p.in.OccurredAt), Next: press}
}

// protectionPath is where the protection fonctionnelle stands for an
// incident: the state of the request that covers it, if any.
func protectionPath(in *Incident, all []*Incident, cal Calendar, next func(...string) *Deadline) Path {
	choice := ChooseLetter(all, []string{in.ID}, cal)
	path := Path{Kind: PathProtection, State: choice.State, Document: choice.Document}
	if choice.Request != nil && !slices.Contains(choice.Covered, in.ID) {
		// The journal's request names other facts: its dates and
		// deadlines are not this incident's; the letter that brings
		// these facts in is.
		path.State = "not_covered"
		return path
	}
	if choice.Request != nil {
		path.Since = choice.Request.Date
	}
	if holder := choice.holder; holder != nil && holder.ID == in.ID {
		path.Next = next(RuleProtectionAnswer, RuleProtectionAppeal, RuleReasonsAnswer, RuleGraciousAnswer)
	} else if holder != nil {
		for _, d := range Deadlines(holder, cal) {
			switch d.Rule {
			case RuleProtectionAnswer, RuleProtectionAppeal, RuleReasonsAnswer, RuleGraciousAnswer:
				if path.Next == nil || path.Next.Passed() && !d.Passed() {
					path.Next = &d
				}
			}
		}
	}
	return path
}
