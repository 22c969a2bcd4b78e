package app

import (
	"fmt"
	"testing"
	"time"
)

func TestIncidentDeadlines(t *testing.T) {
	facts := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		in    Incident
		today Date
		want  string // rule:due:days_left, soonest first
	}{
		{
			name:  "private insult: only the accident declaration",
			in:    Incident{OccurredAt: facts, Kinds: []string{"insult"}, Diffusion: "private"},
			today: Date{2026, 12, 2},
			want:  "[work_accident:2026-12-07:5]",
		},
		{
			name:  "declared: no accident deadline",
			in:    Incident{OccurredAt: facts, Actions: []Action{{Kind: "work_accident", Date: Date{2026, 11, 25}}}},
			today: Date{2026, 11, 25},
			want:  "[]",
		},
		{
			name:  "public insult on a social network: 3 months for a complaint",
			in:    Incident{OccurredAt: facts, Kinds: []string{"insult"}, Channels: []string{"social_network"}},
			today: Date{2026, 11, 22},
			want:  "[work_accident:2026-12-07:15 press_complaint:2027-02-22:92]",
		},
		{
			name:  "discriminatory and public: one year",
			in:    Incident{OccurredAt: facts, Kinds: []string{"discrimination"}, Diffusion: "public"},
			today: Date{2026, 11, 22},
			want:  "[work_accident:2026-12-07:15 press_complaint_discrimination:2027-11-22:365]",
		},
		{
			name: "complaint filed: no press deadline",
			in: Incident{OccurredAt: facts, Kinds: []string{"defamation"}, Diffusion: "public",
				Actions: []Action{{Kind: "complaint"}, {Kind: "work_accident"}}},
			today: Date{2026, 11, 22},
			want:  "[]",
		},
		{
			name: "protection requested on 31 December: silence until 28 February",
			in: Incident{OccurredAt: facts, Actions: []Action{
				{Kind: "work_accident"}, {Kind: "functional_protection", Date: Date{2026, 12, 31}}}},
			today: Date{2027, 1, 10},
			want:  "[protection_answer:2027-02-28:49]",
		},
		{
			name: "no answer after 2 months: implicit refusal, 2 months to appeal",
			in: Incident{OccurredAt: facts, Actions: []Action{
				{Kind: "work_accident"}, {Kind: "functional_protection", Date: Date{2026, 3, 3}}}},
			today: Date{2026, 6, 1},
			want:  "[protection_answer:2026-05-03:-29 protection_appeal:2026-07-03:32]",
		},
		{
			name: "answered: nothing",
			in: Incident{OccurredAt: facts, Actions: []Action{
				{Kind: "work_accident"}, {Kind: "functional_protection", Date: Date{2026, 3, 3}, Status: "answered"}}},
			today: Date{2026, 6, 1},
			want:  "[]",
		},
	}
	for _, c := range cases {
		var got []string
		for _, d := range IncidentDeadlines(&c.in, c.today) {
			got = append(got, fmt.Sprintf("%s:%s:%d", d.Rule, d.Due, d.DaysLeft))
			if d.Reference == "" {
				t.Errorf("%s: rule %s has no legal reference", c.name, d.Rule)
			}
		}
		if g := fmt.Sprint(got); g != c.want && !(c.want == "[]" && got == nil) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, c.want)
		}
	}
}

func TestJournalDeadlinesAndDismiss(t *testing.T) {
	j, _ := newTestJournal(t)
	now := time.Now()
	recent := sample(t)
	recent.OccurredAt = now.AddDate(0, 0, -3)
	old := sample(t)
	old.OccurredAt = now.AddDate(-1, 0, 0)
	r, _ := j.Incidents.Create(recent)
	j.Incidents.Create(old)
	ds, err := j.Deadlines.List(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].IncidentID != r.ID || ds[0].Rule != RuleWorkAccident || ds[0].DaysLeft != 12 {
		t.Fatalf("deadlines: %+v", ds)
	}
	if err := j.Deadlines.Dismiss(ds[0].Key()); err != nil {
		t.Fatal(err)
	}
	if ds, _ := j.Deadlines.List(now); len(ds) != 0 {
		t.Fatalf("after dismissing: %+v", ds)
	}
}

func TestDateArithmetic(t *testing.T) {
	for _, c := range []struct {
		d      Date
		months int
		want   string
	}{
		{Date{2026, 1, 31}, 1, "2026-02-28"},
		{Date{2028, 1, 31}, 1, "2028-02-29"},
		{Date{2026, 11, 30}, 3, "2027-02-28"},
		{Date{2026, 3, 3}, 2, "2026-05-03"},
	} {
		if got := c.d.AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.d, c.months, got, c.want)
		}
	}
	if d, err := ParseDate("14/03/2026"); err != nil || d != (Date{2026, 3, 14}) {
		t.Errorf("French date: %v %v", d, err)
	}
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("30 February accepted")
	}
}
