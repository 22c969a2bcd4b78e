package app

import (
	"slices"
	"testing"
)

// TestLegalDeadlineRules checks the rules of docs/legal-rules.md that the
// dated cases of TestDeadlineCases do not already prove. Each sub-test is
// named after its rule: -run 'TestLegalDeadlineRules/^CAL-5$'.
func TestLegalDeadlineRules(t *testing.T) {
	// rules lists the deadlines of an incident as rule:last day.
	rules := func(in Incident, cal Calendar) []string {
		var out []string
		for _, d := range Deadlines(&in, cal) {
			out = append(out, d.Rule+":"+d.Due.String())
		}
		return out
	}
	request := Action{Kind: "functional_protection", Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12), Status: "awaiting_answer"}
	cases := []struct {
		rule  string
		in    Incident
		cal   Calendar
		want  []string // deadlines that must be there
		never []string // rules that must not
	}{
		// CAL-5: in Alsace-Moselle, Good Friday is a holiday too. An
		// accident of Thursday 11 March 2027: 15 days end on Friday 26
		// March, Good Friday, then Easter Monday: Tuesday 30 March there,
		// Friday 26 March elsewhere.
		{"CAL-5", Incident{OccurredAt: at(2027, 3, 11)}, Calendar{Today: day(2027, 3, 12), AlsaceMoselle: true},
			[]string{"work_accident:2027-03-30"}, nil},
		{"CAL-5", Incident{OccurredAt: at(2027, 3, 11)}, Calendar{Today: day(2027, 3, 12)},
			[]string{"work_accident:2027-03-26"}, nil},
		// SAN-4: a medical finding counts only within two years of the
		// facts; later, or before the facts, the facts' day stays.
		{"SAN-4", Incident{OccurredAt: at(2024, 11, 20), MedicalFindingOn: day(2026, 11, 25)}, Calendar{Today: day(2026, 11, 26)},
			[]string{"work_accident:2024-12-05"}, nil},
		{"SAN-4", Incident{OccurredAt: at(2024, 11, 25), MedicalFindingOn: day(2026, 11, 25)}, Calendar{Today: day(2026, 11, 26)},
			[]string{"work_accident:2026-12-10"}, nil},
		{"SAN-4", Incident{OccurredAt: at(2026, 11, 25), MedicalFindingOn: day(2026, 11, 1)}, Calendar{Today: day(2026, 11, 26)},
			[]string{"work_accident:2026-12-10"}, nil},
		// PF-6: no time limit to ask for protection: facts without any
		// request carry no protection deadline.
		{"PF-6", Incident{OccurredAt: at(2025, 1, 6), Kinds: []string{"threat"}, Actions: []Action{declared}}, Calendar{Today: day(2026, 12, 1)},
			nil, []string{RuleProtectionAnswer, RuleProtectionAppeal}},
		// PF-9: a request only planned is not a request: no silence runs.
		{"PF-9", Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{declared,
			{Kind: "functional_protection", Date: day(2026, 9, 10), Status: "planned"}}}, Calendar{Today: day(2026, 12, 1)},
			nil, []string{RuleProtectionAnswer, RuleProtectionAppeal}},
		// PF-11: between the employer and its agents the time to appeal
		// runs from the implicit rejection even without any
		// acknowledgement: the request's receipt unknown, the appeal
		// clock runs all the same, from the earliest rejection.
		{"PF-11", Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{declared,
			{Kind: "functional_protection", Date: day(2026, 9, 12), Status: "done"}}}, Calendar{Today: day(2026, 12, 1)},
			[]string{"protection_answer:2026-11-12", "protection_appeal:2027-01-13"}, nil},
		// REC-6: an appeal to the employer counts from the day it was
		// sent, even when received after the last day (13 January).
		{"REC-6", Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{declared, request,
			{Kind: "gracious_appeal", Date: day(2027, 1, 13), ReceivedOn: day(2027, 1, 15), Status: "awaiting_answer"}}}, Calendar{Today: day(2027, 1, 20)},
			[]string{"gracious_answer:2027-03-15"}, []string{RuleProtectionAppeal}},
		// REC-7: the time for an appeal to the employer is a délai franc
		// too: sent on 13 January (12 November + 2 months + 1 day) it
		// counts; sent on 14 January it is late, and the passed appeal
		// deadline stays.
		{"REC-7", Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{declared, request,
			{Kind: "gracious_appeal", Date: day(2027, 1, 14), ReceivedOn: day(2027, 1, 15), Status: "awaiting_answer"}}}, Calendar{Today: day(2027, 1, 20)},
			[]string{"protection_appeal:2027-01-13"}, []string{RuleGraciousAnswer}},
		// REC-1: a refused accident de service is challenged within two
		// months of the refusal, a délai franc: 12 November → 13 January.
		{"REC-1", Incident{OccurredAt: at(2026, 10, 1), Actions: []Action{
			{Kind: "work_accident", Date: day(2026, 10, 5), Status: "refused", AnswerDate: day(2026, 11, 12)}}}, Calendar{Today: day(2026, 12, 1)},
			[]string{"accident_appeal:2027-01-13"}, []string{RuleAccidentDecision}},
		// PEN-1: the case law's example: words of 14 December can be
		// prosecuted on 14 March, not on the 15th (three months révolus).
		{"PEN-1", Incident{OccurredAt: at(2026, 12, 14), Kinds: []string{"insult"}, Diffusion: "public", Actions: []Action{declared}}, Calendar{Today: day(2026, 12, 15)},
			[]string{"press_complaint:2027-03-14"}, nil},
		// WEB-2: a PHAROS report or a takedown request stops no clock.
		{"WEB-2", Incident{OccurredAt: at(2026, 11, 2), Kinds: []string{"insult"}, Diffusion: "public", Actions: []Action{declared,
			{Kind: "online_report", Date: day(2026, 11, 3), Status: "done"},
			{Kind: "takedown_request", Date: day(2026, 11, 3), Status: "answered", AnswerDate: day(2026, 11, 5)}}}, Calendar{Today: day(2026, 12, 1)},
			[]string{"press_complaint:2027-02-02"}, nil},
	}
	// One sub-test per rule, which runs every case of that rule.
	for i, c := range cases {
		if i > 0 && cases[i-1].rule == c.rule {
			continue
		}
		t.Run(c.rule, func(t *testing.T) {
			for _, c := range cases[i:] {
				if c.rule != cases[i].rule {
					break
				}
				got := rules(c.in, c.cal)
				for _, w := range c.want {
					if !slices.Contains(got, w) {
						t.Errorf("no %s among %v", w, got)
					}
				}
				for _, d := range Deadlines(&c.in, c.cal) {
					if slices.Contains(c.never, d.Rule) {
						t.Errorf("%s shown: %v", d.Rule, got)
					}
				}
			}
		})
	}
}

// TestLegalHolidays is rule CAL-5: every public holiday of code du travail
// art. L3133-1 in 2026 and 2027, and the two of Alsace-Moselle there only.
func TestLegalHolidays(t *testing.T) {
	national := []Date{
		day(2026, 1, 1), day(2026, 4, 6), day(2026, 5, 1), day(2026, 5, 8), day(2026, 5, 14), day(2026, 5, 25),
		day(2026, 7, 14), day(2026, 8, 15), day(2026, 11, 1), day(2026, 11, 11), day(2026, 12, 25),
		day(2027, 1, 1), day(2027, 3, 29), day(2027, 5, 1), day(2027, 5, 6), day(2027, 5, 8), day(2027, 5, 17),
		day(2027, 7, 14), day(2027, 8, 15), day(2027, 11, 1), day(2027, 11, 11), day(2027, 12, 25),
	}
	local := []Date{day(2026, 4, 3), day(2026, 12, 26), day(2027, 3, 26), day(2027, 12, 26)}
	for d := day(2026, 1, 1); d.Year < 2028; d = d.AddDays(1) {
		_, nat := Holiday(d, false)
		_, am := Holiday(d, true)
		wantNat := slices.Contains(national, d)
		if nat != wantNat || am != (wantNat || slices.Contains(local, d)) {
			t.Errorf("%s: holiday %v (Alsace-Moselle %v)", d, nat, am)
		}
	}
}
