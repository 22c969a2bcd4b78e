package app

import (
	"fmt"
	"testing"
)

// TestChooseLetter is defect 4 of issue 11: an unanswered request, or a
// granted protection, must lead to the right letter (§ 5.1 of
// docs/legal-spec-issue11.md).
func TestChooseLetter(t *testing.T) {
	first := &Incident{ID: "first", OccurredAt: at(2026, 9, 1)}
	second := &Incident{ID: "second", OccurredAt: at(2026, 10, 20)}
	with := func(a ...Action) []*Incident {
		f := first.Clone()
		f.Actions = a
		return []*Incident{f, second}
	}
	req := Action{Kind: "functional_protection", Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12), Status: "awaiting_answer"}
	granted := req
	granted.Status, granted.AnswerDate = "answered", day(2026, 10, 1)
	refused := req
	refused.Status, refused.AnswerDate = "refused", day(2026, 11, 12)
	reasons := Action{Kind: "reasons_request", Date: day(2026, 11, 18), ReceivedOn: day(2026, 11, 20), Status: "answered", AnswerDate: day(2026, 12, 15)}
	appeal := Action{Kind: "gracious_appeal", Date: day(2026, 12, 1), ReceivedOn: day(2026, 12, 3)}
	planned := req
	planned.Status = "planned"
	for _, c := range []struct {
		name     string
		all      []*Incident
		selected []string
		today    Date
		want     string // document+also/state/note
	}{
		{"nothing asked yet", with(), []string{"first"}, day(2026, 10, 1), "letter_request+/none/"},
		{"a planned request is not a request", with(planned), []string{"first"}, day(2026, 10, 1), "letter_request+/none/"},
		{"pending, same facts", with(req), []string{"first"}, day(2026, 10, 1), "+/requested/pending"},
		{"pending, new facts", with(req), []string{"first", "second"}, day(2026, 10, 25), "letter_complement+/requested/complement"},
		{"granted, new facts", with(granted), []string{"second"}, day(2026, 11, 1), "letter_extension+/granted/"},
		{"granted, same facts", with(granted), []string{"first"}, day(2026, 11, 1), "+/granted/covered"},
		{"deemed rejected: reasons first, and the recours gracieux", with(req), []string{"first"}, day(2026, 12, 1), "letter_reasons+letter_appeal/rejected/"},
		{"reasons received: the recours gracieux", with(req, reasons), []string{"first"}, day(2026, 12, 16), "letter_appeal+/reasons_received/"},
		{"recours gracieux sent", with(req, appeal), []string{"first"}, day(2026, 12, 10), "+/recourse_sent/"},
		{"written refusal", with(refused), []string{"first"}, day(2026, 12, 1), "letter_appeal_refusal+/refused/"},
		{"time over, same facts", with(req), []string{"first"}, day(2027, 2, 1), "+/expired/expired_same_facts"},
		{"time over, new facts", with(req), []string{"second"}, day(2027, 2, 1), "letter_request+/expired/expired_new_facts"},
	} {
		ch := ChooseLetter(c.all, c.selected, Calendar{Today: c.today})
		if got := fmt.Sprintf("%s+%s/%s/%s", ch.Document, ch.Also, ch.State, ch.Note); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
	ch := ChooseLetter(with(req), []string{"first"}, Calendar{Today: day(2026, 12, 1)})
	if ch.Rejected != day(2026, 11, 12) || ch.Due != day(2027, 1, 13) || ch.RequestIncident != "first" {
		t.Errorf("the dates the letters quote: %+v", ch)
	}
}

// TestPaths follows an incident through its procedures.
func TestPaths(t *testing.T) {
	in := &Incident{ID: "x", OccurredAt: at(2026, 11, 2), Kinds: []string{"insult"}, Diffusion: "public",
		Actions: []Action{
			{Kind: "rsst", Date: day(2026, 11, 3), Reference: "2026-014", Status: "awaiting_answer"},
			{Kind: "work_accident", Date: day(2026, 11, 5), Status: "awaiting_answer"},
			{Kind: "complaint", Date: day(2026, 11, 6), Status: "done"},
			{Kind: "takedown_request", Date: day(2026, 11, 6), Status: "awaiting_answer"},
			{Kind: "school_report", Date: day(2026, 11, 3), Status: "awaiting_answer"},
		}}
	got := map[string]Path{}
	for _, p := range Paths(in, []*Incident{in}, Calendar{Today: day(2026, 12, 10)}) {
		got[p.Kind] = p
	}
	want := map[string]string{
		PathRSST: "silent", PathAccident: "provisional", PathProtection: "none", PathComplaint: "filed",
		PathSchoolReport: "silent", PathOnline: "still_online",
	}
	for kind, state := range want {
		if got[kind].State != state {
			t.Errorf("%s: %q, want %q", kind, got[kind].State, state)
		}
	}
	if n := got[PathComplaint].Next; n == nil || n.Rule != RulePressComplaint {
		t.Errorf("a simple complaint leaves the press clock running: %+v", n)
	}
	if got[PathProtection].Document != DocLetterRequest || got[PathAccident].Next == nil || got[PathAccident].Next.Rule != RuleAccidentDecision {
		t.Errorf("%+v %+v", got[PathProtection], got[PathAccident])
	}
}

// TestPathsProtectionNotCovered: an incident the journal's request for
// protection does not cover must not read "Demandée, réponse attendue"
// with that request's deadlines: it says the request leaves it out, and
// which letter brings it in.
func TestPathsProtectionNotCovered(t *testing.T) {
	first := &Incident{ID: "first", OccurredAt: at(2026, 9, 1), Actions: []Action{
		{Kind: "functional_protection", Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12), Status: "awaiting_answer"}}}
	second := &Incident{ID: "second", OccurredAt: at(2026, 10, 20)}
	all := []*Incident{first, second}
	protection := func(in *Incident) Path {
		for _, p := range Paths(in, all, Calendar{Today: day(2026, 10, 25)}) {
			if p.Kind == PathProtection {
				return p
			}
		}
		t.Fatal("no protection path")
		return Path{}
	}
	if p := protection(first); p.State != "requested" || p.Next == nil {
		t.Errorf("the covered incident: %+v", p)
	}
	p := protection(second)
	if p.State != "not_covered" || p.Document != DocLetterAdd || p.Next != nil || !p.Since.IsZero() {
		t.Errorf("the incident the request leaves out: state %q, document %q, next %+v, since %v", p.State, p.Document, p.Next, p.Since)
	}
}
