package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Deadline is a date by which something must be done, or after which an
// administration's silence means something. Every deadline is computed
// from what the person recorded; its rule is sourced in
// docs/legal-rules.md.
type Deadline struct {
	IncidentID string `json:"incident_id"`
	Rule       string `json:"rule"`
	Start      Date   `json:"start"` // when the clock started
	Due        Date   `json:"due"`   // the last day (or, for a silence, the day it is born)
	DaysLeft   int    `json:"days_left"`
	Reference  string `json:"reference"` // the legal text it comes from
	// Check: the rule itself is uncertain ("à vérifier" in
	// docs/legal-rules.md). Every deadline also depends on facts only the
	// person knows; that is said for all.
	Check bool `json:"to_check"`
	// Owner is who must act by Due: OwnerAgent (the person: declare,
	// complain, appeal) or OwnerAdministration (its time to answer, whose
	// passing is a silence). A document for the employer shows only the
	// administration's.
	Owner string `json:"owner"`
	// Landmark: not a legal deadline, a point Témoin marks (a complaint
	// without news for three months, an RSST entry without answer).
	Landmark bool `json:"landmark,omitempty"`
	// Earliest: the clock starts at receipt, which is unknown; Start is the
	// day the step was sent, the earliest receipt ("au plus tôt").
	Earliest bool `json:"earliest,omitempty"`
	// ActBy is, for a deadline that does not move when it ends on a
	// non-working day (the press law), the last working day before it.
	ActBy Date `json:"act_by,omitzero"`
	// Complaint is the date of a simple complaint, which does not stop the
	// press law's clock (the sentence says so).
	Complaint Date `json:"complaint,omitzero"`
	// Court is the last day to go to the administrative court once an
	// appeal to the employer is deemed rejected.
	Court Date `json:"court,omitzero"`
	// Discovered: the facts were discovered after their publication, and
	// the clock runs from the publication all the same.
	Discovered bool `json:"discovered,omitempty"`
	// Republished: the clock of a new publication of the same content.
	Republished bool `json:"republished,omitempty"`
	// Explicit: the appeal is against a written refusal (not a silence).
	Explicit bool `json:"explicit,omitempty"`
	// Reasonable: the written refusal did not give the routes of appeal;
	// the time is a reasonable one, in principle a year (uncertain).
	Reasonable bool `json:"reasonable,omitempty"`
	// Ref is the reference of the step concerned (an RSST entry's number).
	Ref string `json:"ref,omitempty"`
}

// Who must act by a deadline.
const (
	OwnerAgent          = "agent"
	OwnerAdministration = "administration"
)

// Passed reports whether the last day is behind us.
func (d Deadline) Passed() bool { return d.DaysLeft < 0 }

// Key identifies a deadline, to dismiss it.
func (d Deadline) Key() string {
	return d.IncidentID + "/" + d.Rule + "/" + d.Start.String()
}

// Deadline rules. Their labels and explanations are translated by the
// screens and the documents ("deadline.work_accident",
// "deadline.work_accident.help", "report.deadline.work_accident.coming").
const (
	// An accident de service (an aggression can be one, a purely
	// psychological injury included) is declared within 15 days of the
	// facts, or of a later medical finding (R1).
	RuleWorkAccident = "work_accident"
	// A sick note is sent to the employer within 48 hours (R2).
	RuleSickLeave = "sick_leave"
	// The employer decides on a declared accident within a month of its
	// receipt (three more with an inquiry); else provisional CITIS (R3).
	RuleAccidentDecision = "accident_decision"
	// A refusal of the accident can be challenged within two months.
	RuleAccidentAppeal = "accident_appeal"
	// The right to prosecute a public insult or defamation is time-barred
	// three months after publication unless interrupted (loi du 29
	// juillet 1881, art. 65); a simple complaint does not interrupt it (R4).
	RulePressComplaint = "press_complaint"
	// ... one year when it is discriminatory (art. 65-3).
	RulePressComplaintDiscrimination = "press_complaint_discrimination"
	// A non-public insult: three months too, if prosecuted as such (R4b).
	RulePrivateInsult = "private_insult"
	// Once prosecution started, no three months without an act (R5).
	RulePressNextAct = "press_next_act"
	// The employer's silence for two months after receipt of a request
	// for protection fonctionnelle is deemed a rejection (CRPA, art.
	// L231-4, 5°) (R6).
	RuleProtectionAnswer = "protection_answer"
	// A rejection can be challenged within two months, a délai franc (R7).
	RuleProtectionAppeal = "protection_appeal"
	// The reasons of an implicit rejection are given within a month (R8).
	RuleReasonsAnswer = "reasons_answer"
	// An appeal to the employer is deemed rejected after two months (R9).
	RuleGraciousAnswer = "gracious_answer"
	// A complaint without news for three months (R10, a landmark).
	RuleComplaintFollowup = "complaint_followup"
	// A complaint dismissed by the prosecutor (R10, a landmark).
	RuleComplaintDismissed = "complaint_dismissed"
	// An RSST entry without an answer (R11, a landmark).
	RuleRSSTSilence = "rsst_silence"
)

// DeadlineRule is what Témoin knows of a rule: its legal basis, and
// whether the rule itself is certain.
type DeadlineRule struct {
	Basis string
	Sure  bool
	Owner string
}

// DeadlineRules lists every rule with its legal basis (docs/legal-rules.md).
var DeadlineRules = map[string]DeadlineRule{
	RuleWorkAccident:                 {"Décret n° 86-442 du 14 mars 1986, art. 47-3", true, OwnerAgent},
	RuleSickLeave:                    {"Décret n° 86-442 du 14 mars 1986, art. 25", true, OwnerAgent},
	RuleAccidentDecision:             {"Décret n° 86-442 du 14 mars 1986, art. 47-5 (numéro à vérifier)", false, OwnerAdministration},
	RuleAccidentAppeal:               {"Code de justice administrative, art. R421-1\u00a0; CRPA, art. L411-2", true, OwnerAgent},
	RulePressComplaint:               {"Loi du 29 juillet 1881 sur la liberté de la presse, art. 65", true, OwnerAgent},
	RulePressComplaintDiscrimination: {"Loi du 29 juillet 1881 sur la liberté de la presse, art. 65 et 65-3", true, OwnerAgent},
	RulePrivateInsult:                {"Loi du 29 juillet 1881, art. 65\u00a0; code pénal, art. R621-2 et 433-5", false, OwnerAgent},
	RulePressNextAct:                 {"Loi du 29 juillet 1881 sur la liberté de la presse, art. 65", true, OwnerAgent},
	RuleProtectionAnswer:             {"Code des relations entre le public et l’administration, art. L231-4, 5°", true, OwnerAdministration},
	RuleProtectionAppeal:             {"Code de justice administrative, art. R421-1 et R421-2\u00a0; CRPA, art. L411-2 et L232-4", true, OwnerAgent},
	RuleReasonsAnswer:                {"Code des relations entre le public et l’administration, art. L232-4", true, OwnerAgent},
	RuleGraciousAnswer:               {"CRPA, art. L231-4 et L411-2\u00a0; code de justice administrative, art. R421-2", true, OwnerAgent},
	RuleComplaintFollowup:            {"Code de procédure pénale, art. 40-2 et 85", true, OwnerAgent},
	RuleComplaintDismissed:           {"Code de procédure pénale, art. 40-3 et 85", true, OwnerAgent},
	RuleRSSTSilence:                  {"Décret n° 82-453 du 28 mai 1982, art. 3-2", true, OwnerAdministration},
}

// Calendar is how deadlines are counted for a person: the day it is, and
// whether the local public holidays of Alsace-Moselle apply.
type Calendar struct {
	Today         Date
	AlsaceMoselle bool
}

// IncidentDeadlines returns every deadline that applies to an incident on
// the day today, passed or not, soonest first (national holidays).
func IncidentDeadlines(in *Incident, today Date) []Deadline {
	return Deadlines(in, Calendar{Today: today})
}

// Deadlines returns every deadline that applies to an incident, passed or
// not, soonest first.
func Deadlines(in *Incident, cal Calendar) []Deadline {
	e := &engine{in: in, cal: cal}
	e.workAccident()
	e.sickLeave()
	e.press()
	e.protection()
	e.complaints()
	e.rsst()
	slices.SortStableFunc(e.out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return e.out
}

// engine computes the deadlines of one incident.
type engine struct {
	in  *Incident
	cal Calendar
	out []Deadline
}

// add appends a deadline of a rule, filled with the rule's facts.
func (e *engine) add(d Deadline) *Deadline {
	r := DeadlineRules[d.Rule]
	d.IncidentID, d.Reference, d.Check, d.Owner = e.in.ID, r.Basis, !r.Sure, r.Owner
	d.Landmark = d.Rule == RuleComplaintFollowup || d.Rule == RuleComplaintDismissed || d.Rule == RuleRSSTSilence
	d.DaysLeft = e.cal.Today.DaysUntil(d.Due)
	e.out = append(e.out, d)
	return &e.out[len(e.out)-1]
}

// working moves a last day that falls on a non-working day to the next
// working day.
func (e *engine) working(d Date) Date { return NextWorkingDay(d, e.cal.AlsaceMoselle) }

// appealDue is the last day of a two-month appeal from a decision of day
// d: a délai franc (d + 2 months + 1 day), moved to a working day (CJA,
// art. R421-1; CE, 19 September 2014, n° 362568).
func (e *engine) appealDue(d Date) Date { return e.working(d.AddMonths(2).AddDays(1)) }

// taken returns the actions of a kind actually taken (not planned),
// oldest first.
func (e *engine) taken(kind string) []Action {
	var out []Action
	for _, a := range e.in.Actions {
		if a.Kind == kind && a.Taken() {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b Action) int { return a.Date.Compare(b.Date) })
	return out
}

// workAccident: R1, the declaration within 15 days of the facts or of a
// later medical finding (within two years); R3, the employer's time to
// decide, and the appeal against a refusal.
func (e *engine) workAccident() {
	in := e.in
	declared := e.taken("work_accident")
	if len(declared) == 0 {
		facts := DateOf(in.OccurredAt)
		start := facts
		if f := in.MedicalFindingOn; !f.IsZero() && facts.Before(f) && !facts.AddMonths(24).Before(f) {
			start = f
		}
		e.add(Deadline{Rule: RuleWorkAccident, Start: start, Due: e.working(start.AddDays(15))})
		return
	}
	for _, a := range declared {
		switch {
		case a.Status == "refused" && !a.AnswerDate.IsZero():
			e.add(Deadline{Rule: RuleAccidentAppeal, Start: a.AnswerDate, Due: e.appealDue(a.AnswerDate), Explicit: true})
		case a.Answered() || a.Date.IsZero():
		default:
			start, known := a.Received()
			due := start.AddMonths(1)
			if a.ExtendedInquiry {
				due = due.AddMonths(3)
			}
			e.add(Deadline{Rule: RuleAccidentDecision, Start: start, Due: due, Earliest: !known})
		}
	}
}

// sickLeave: R2, the sick note sent within 48 hours (no working-day
// extension is written in art. 25).
func (e *engine) sickLeave() {
	for _, a := range e.taken("sick_leave") {
		if a.Date.IsZero() || a.Status == "done" || a.Answered() {
			continue
		}
		e.add(Deadline{Rule: RuleSickLeave, Start: a.Date, Due: a.Date.AddDays(2)})
	}
}

// IsPublic reports whether what was said or shown was public: so marked,
// or, when nothing was said, posted on a social network.
func (in *Incident) IsPublic() bool {
	return in.Diffusion == "public" || (in.Diffusion == "" && in.HasChannel("social_network"))
}

// IsPressOffence reports whether the incident may be an insult or a
// defamation under the press law (discriminatory words included).
func (in *Incident) IsPressOffence() bool {
	return in.HasKind("insult") || in.HasKind("defamation") || in.HasKind("discrimination")
}

// press: R4, the press law's three months (one year for discriminatory
// words) from each publication, which a simple complaint does not stop;
// R5 once a civil-party complaint started the prosecution; R4b for words
// that were not public.
func (e *engine) press() {
	in := e.in
	if !in.IsPressOffence() {
		return
	}
	if started := e.taken("civil_party_complaint"); len(started) > 0 {
		if in.IsPublic() {
			last := started[len(started)-1]
			act := last.Date
			if act.Before(last.AnswerDate) {
				act = last.AnswerDate
			}
			e.add(Deadline{Rule: RulePressNextAct, Start: act, Due: act.AddMonths(3)})
		}
		return
	}
	if !in.IsPublic() {
		if in.Diffusion == "private" || in.Diffusion == "restricted" {
			if in.HasKind("insult") || in.HasKind("defamation") {
				facts := DateOf(in.OccurredAt)
				e.add(Deadline{Rule: RulePrivateInsult, Start: facts, Due: facts.AddMonths(3)})
			}
		}
		return
	}
	rule, months := RulePressComplaint, 3
	if in.HasKind("discrimination") {
		rule, months = RulePressComplaintDiscrimination, 12
	}
	var complaint Date
	if cs := e.taken("complaint"); len(cs) > 0 {
		complaint = cs[len(cs)-1].Date
	}
	clock := func(start Date, republished bool) {
		due := start.AddMonths(months)
		d := e.add(Deadline{Rule: rule, Start: start, Due: due, Complaint: complaint, Republished: republished})
		if !IsWorkingDay(due, e.cal.AlsaceMoselle) {
			d.ActBy = PreviousWorkingDay(due, e.cal.AlsaceMoselle)
		}
		d.Discovered = !republished && !in.DiscoveredOn.IsZero() && start.Before(in.DiscoveredOn)
	}
	facts := DateOf(in.OccurredAt)
	clock(facts, false)
	for _, ev := range in.Evidence {
		if ev.IsLink() && facts.Before(ev.PublishedOn) {
			clock(ev.PublishedOn, true)
		}
	}
}

// protection: R6 to R9, for each request for protection fonctionnelle
// recorded on the incident.
func (e *engine) protection() {
	if len(e.taken("court_appeal")) > 0 {
		return // the tribunal is seized: the lawyer takes over the clocks
	}
	for _, a := range e.taken("functional_protection") {
		if a.Date.IsZero() {
			continue
		}
		switch {
		case a.Status == "refused" && !a.AnswerDate.IsZero():
			e.appeal(a.AnswerDate, true, a.NoRecourseNotice)
		case a.Answered():
			// granted: no clock; new facts call for an extension
		default:
			start, known := a.Received()
			ir := start.AddMonths(2)
			e.add(Deadline{Rule: RuleProtectionAnswer, Start: start, Due: ir, Earliest: !known})
			if e.cal.Today.Before(ir) {
				continue
			}
			e.appeal(ir, false, false)
		}
	}
}

// appeal adds the clocks that follow a rejection of day rejected: the
// two months to appeal (R7), unless an appeal to the employer (R9) or a
// request for the reasons (R8) changed them.
func (e *engine) appeal(rejected Date, explicit, noNotice bool) {
	due := e.appealDue(rejected)
	if noNotice {
		due = rejected.AddMonths(12) // a reasonable time, in principle one year (CJA, art. R421-5)
	}
	if g := e.takenAfter("gracious_appeal", rejected, due); g != nil {
		e.gracious(*g)
		return
	}
	if !explicit {
		if r := e.takenAfter("reasons_request", rejected, due); r != nil {
			if r.AnswerDate.IsZero() {
				start, known := r.Received()
				e.add(Deadline{Rule: RuleReasonsAnswer, Start: start, Due: start.AddMonths(1), Earliest: !known})
				return // the time to appeal starts when the reasons are received
			}
			rejected, due, explicit = r.AnswerDate, e.appealDue(r.AnswerDate), true
			if g := e.takenAfter("gracious_appeal", rejected, due); g != nil {
				e.gracious(*g)
				return
			}
		}
	}
	d := e.add(Deadline{Rule: RuleProtectionAppeal, Start: rejected, Due: due, Explicit: explicit, Reasonable: noNotice})
	if noNotice {
		d.Check = true
	}
}

// takenAfter returns the first step of a kind taken from day from to day
// to, nil when none.
func (e *engine) takenAfter(kind string, from, to Date) *Action {
	for _, a := range e.taken(kind) {
		if !a.Date.IsZero() && !a.Date.Before(from) && !to.Before(a.Date) {
			return &a
		}
	}
	return nil
}

// gracious: R9, an appeal to the employer deemed rejected two months
// after its receipt, then the court within two months (a délai franc).
func (e *engine) gracious(g Action) {
	if g.Status == "refused" && !g.AnswerDate.IsZero() {
		e.add(Deadline{Rule: RuleProtectionAppeal, Start: g.AnswerDate, Due: e.appealDue(g.AnswerDate), Explicit: true})
		return
	}
	if g.Answered() {
		return
	}
	start, known := g.Received()
	ir := start.AddMonths(2)
	e.add(Deadline{Rule: RuleGraciousAnswer, Start: start, Due: ir, Court: e.appealDue(ir), Earliest: !known})
	if !e.cal.Today.Before(ir) {
		e.add(Deadline{Rule: RuleProtectionAppeal, Start: ir, Due: e.appealDue(ir)})
	}
}

// complaints: R10, a complaint without news for three months, or
// dismissed by the prosecutor.
func (e *engine) complaints() {
	for _, a := range e.taken("complaint") {
		if a.Date.IsZero() {
			continue
		}
		if a.Answered() {
			if !a.AnswerDate.IsZero() && isDismissal(a.Answer) {
				e.add(Deadline{Rule: RuleComplaintDismissed, Start: a.AnswerDate, Due: a.AnswerDate, Ref: a.Reference})
			}
			continue
		}
		e.add(Deadline{Rule: RuleComplaintFollowup, Start: a.Date, Due: a.Date.AddMonths(3), Ref: a.Reference})
	}
}

// isDismissal reports whether an answer to a complaint says it was
// dismissed ("classement sans suite", "classée sans suite").
func isDismissal(answer string) bool {
	a := Fold(answer)
	return strings.Contains(a, "sans suite") || strings.Contains(a, "classement")
}

// rsst: R11, an RSST entry still without an answer a month after it was
// written.
func (e *engine) rsst() {
	for _, a := range e.taken("rsst") {
		if a.Date.IsZero() || a.Answered() {
			continue
		}
		if due := a.Date.AddMonths(1); !e.cal.Today.Before(due) {
			e.add(Deadline{Rule: RuleRSSTSilence, Start: a.Date, Due: due, Ref: a.Reference})
		}
	}
}

// Elapsed returns the time from one day to another in whole months and
// the days left over, as people say it: « 7 mois et 25 jours ».
func Elapsed(from, to Date) (months, days int) {
	if to.Before(from) {
		return 0, 0
	}
	for !to.Before(from.AddMonths(months + 1)) {
		months++
	}
	return months, from.AddMonths(months).DaysUntil(to)
}

// RecentlyPassedDays is how long a passed deadline stays on the list.
const RecentlyPassedDays = 30

// DeadlineService gives the deadlines of the whole journal, and keeps
// those the person dismissed (outside the chain).
type DeadlineService struct {
	v         *vault.Vault
	incidents *IncidentService
	settings  *SettingService
}

// Calendar returns how the person's deadlines are counted on the day of
// now (the profile says whether Alsace-Moselle's holidays apply).
func (s *DeadlineService) Calendar(now time.Time) Calendar {
	cal := Calendar{Today: DateOf(now)}
	if s.settings != nil {
		if p, err := s.settings.Profile(); err == nil {
			cal.AlsaceMoselle = p.AlsaceMoselle
		}
	}
	return cal
}

// List returns, across the journal, the deadlines still to come and those
// passed in the last 30 days, except the ones the person dismissed,
// soonest first.
func (s *DeadlineService) List(now time.Time) ([]Deadline, error) {
	return s.list(now, func(d Deadline, gone bool) bool { return d.DaysLeft >= -RecentlyPassedDays && !gone })
}

// ListDismissed returns the deadlines the person dismissed, passed or
// not, soonest first, so that a deadline dismissed by mistake (a
// two-month appeal) can be seen and restored.
func (s *DeadlineService) ListDismissed(now time.Time) ([]Deadline, error) {
	return s.list(now, func(_ Deadline, gone bool) bool { return gone })
}

// list returns the journal's deadlines that keep keeps, soonest first.
func (s *DeadlineService) list(now time.Time, keep func(d Deadline, dismissed bool) bool) ([]Deadline, error) {
	dismissed, err := s.Dismissed()
	if err != nil {
		return nil, err
	}
	cal := s.Calendar(now)
	var out []Deadline
	for _, in := range s.incidents.List(Filter{}) {
		for _, d := range Deadlines(in, cal) {
			if _, gone := dismissed[d.Key()]; keep(d, gone) {
				out = append(out, d)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out, nil
}

// Dismiss hides a deadline that does not apply (no injury, say); key is
// its Key. The day it was dismissed is kept: a lawyer's file says it.
func (s *DeadlineService) Dismiss(key string) error {
	return s.DismissOn(key, DateOf(time.Now()))
}

// DismissOn hides a deadline, recording the day of the decision.
func (s *DeadlineService) DismissOn(key string, day Date) error {
	if strings.Count(key, "/") != 2 || strings.Contains(key, "\n") {
		return fmt.Errorf("invalid deadline %q", key)
	}
	return s.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained("dismissed/"+key, []byte(day.String())) })
}

// Restore shows again a deadline the person dismissed.
func (s *DeadlineService) Restore(key string) error {
	return s.v.Update(func(tx *vault.Tx) error { tx.DeleteUnchained("dismissed/" + key); return nil })
}

// Dismissed returns the keys of the deadlines the person dismissed, with
// the day of each decision (zero when it was not recorded).
func (s *DeadlineService) Dismissed() (map[string]Date, error) {
	out := make(map[string]Date)
	err := s.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained("dismissed/", func(key string, v vault.Value) error {
			var day Date
			if data, err := v(); err == nil {
				day, _ = ParseDate(string(data))
			}
			out[strings.TrimPrefix(key, "dismissed/")] = day
			return nil
		})
	})
	if errors.Is(err, vault.ErrNoRecord) {
		err = nil
	}
	return out, err
}
