package app

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// day is a date of the dated cases.
func day(y int, m time.Month, d int) Date { return Date{y, m, d} }

// at is the moment of facts on a day, at 10:00.
func at(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }

// declared is a work-accident declaration, so that a case's other
// deadlines are seen alone.
var declared = Action{Kind: "work_accident", Date: day(2026, 1, 5), Status: "answered", AnswerDate: day(2026, 1, 20)}

// TestDeadlineCases runs the dated cases of docs/legal-spec-issue11.md
// § 3.2: each is a journal, a day, and the deadlines expected that day
// (rule:last day:days left), soonest first.
func TestDeadlineCases(t *testing.T) {
	protection := func(a Action) Action { a.Kind = "functional_protection"; return a }
	d12 := protection(Action{Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12), Status: "awaiting_answer"})
	insult := func(y int, m time.Month, d int, kinds ...string) Incident {
		return Incident{OccurredAt: at(y, m, d), Kinds: kinds, Channels: []string{"social_network"}, Diffusion: "public"}
	}
	d8 := insult(2026, 9, 22, "insult")
	d8.Actions = []Action{declared, {Kind: "complaint", Date: day(2026, 10, 1), Status: "done"}}
	d11 := d8.Clone()
	d11.Actions = append(d11.Actions, Action{Kind: "civil_party_complaint", Date: day(2026, 11, 10), Status: "done"})
	d9 := insult(2026, 11, 30, "defamation")
	d9.Actions = []Action{declared}
	d10 := insult(2026, 2, 24, "insult", "discrimination")
	d10.DiscoveredOn, d10.Actions = day(2026, 3, 10), []Action{declared}
	cases := []struct {
		name  string
		in    Incident
		today Date
		want  string
	}{
		{"D1 accident: 15 days from the facts", Incident{OccurredAt: at(2026, 11, 25)}, day(2026, 12, 1),
			"[work_accident:2026-12-10:9]"},
		{"D2 accident: Christmas, then the weekend", Incident{OccurredAt: at(2026, 12, 10)}, day(2026, 12, 11),
			"[work_accident:2026-12-28:17]"},
		{"D3 accident: All Saints' Day on a Sunday", Incident{OccurredAt: at(2026, 10, 17)}, day(2026, 10, 20),
			"[work_accident:2026-11-02:13]"},
		{"D4 accident: from a later medical finding", Incident{OccurredAt: at(2026, 11, 25), MedicalFindingOn: day(2027, 1, 20)}, day(2027, 1, 21),
			"[work_accident:2027-02-04:14]"},
		{"D5 accident: a planned declaration stops nothing", Incident{OccurredAt: at(2026, 11, 25),
			Actions: []Action{{Kind: "work_accident", Date: day(2026, 11, 30), Status: "planned"}}}, day(2026, 12, 1),
			"[work_accident:2026-12-10:9]"},
		{"D6 sick note: 48 hours, no extension", Incident{OccurredAt: at(2026, 12, 3),
			Actions: []Action{declared, {Kind: "sick_leave", Date: day(2026, 12, 4), Status: "awaiting_answer"}}}, day(2026, 12, 4),
			"[sick_leave:2026-12-06:2]"},
		{"D7 accident decision: a month from receipt", Incident{OccurredAt: at(2026, 10, 20),
			Actions: []Action{{Kind: "work_accident", Date: day(2026, 10, 30), ReceivedOn: day(2026, 11, 2), Status: "awaiting_answer"}}}, day(2026, 11, 20),
			"[accident_decision:2026-12-02:12]"},
		{"D7 accident decision: three more months with an inquiry", Incident{OccurredAt: at(2026, 10, 20),
			Actions: []Action{{Kind: "work_accident", Date: day(2026, 10, 30), ReceivedOn: day(2026, 11, 2), Status: "awaiting_answer", ExtendedInquiry: true}}}, day(2026, 11, 20),
			"[accident_decision:2027-03-02:102]"},
		{"D8 press: a simple complaint does not stop the clock", d8, day(2026, 12, 1),
			"[press_complaint:2026-12-22:21 complaint_followup:2027-01-01:31]"},
		{"D9 press: last day a Sunday", d9, day(2026, 12, 1), "[press_complaint:2027-02-28:89]"},
		{"D10 press: discriminatory, from publication", d10, day(2026, 3, 11), "[press_complaint_discrimination:2027-02-24:350]"},
		{"D11 press: a civil-party complaint, then no three months without an act", *d11, day(2026, 12, 1),
			"[complaint_followup:2027-01-01:31 press_next_act:2027-02-10:71]"},
		{"D12 protection: deemed rejected from receipt, appeal a délai franc", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, d12}}, day(2026, 12, 1),
			"[protection_answer:2026-11-12:-19 protection_appeal:2027-01-13:43]"},
		{"D13 protection: receipt unknown", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 9, 12), Status: "done"})}}, day(2026, 10, 1),
			"[protection_answer:2026-11-12:42]"},
		{"D14 protection: received on 31 December", Incident{OccurredAt: at(2026, 12, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 12, 29), ReceivedOn: day(2026, 12, 31)})}}, day(2027, 3, 1),
			"[protection_answer:2027-02-28:-1 protection_appeal:2027-04-29:59]"},
		{"D15 protection: appeal ending on a Saturday", Incident{OccurredAt: at(2026, 3, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 3, 1), ReceivedOn: day(2026, 3, 3)})}}, day(2026, 6, 1),
			"[protection_answer:2026-05-03:-29 protection_appeal:2026-07-06:35]"},
		{"D16 protection: reasons asked and given", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, d12, {Kind: "reasons_request", Date: day(2026, 11, 18), ReceivedOn: day(2026, 11, 20), Status: "answered", AnswerDate: day(2026, 12, 15)}}}, day(2026, 12, 16),
			"[protection_answer:2026-11-12:-34 protection_appeal:2027-02-16:62]"},
		{"D16 protection: reasons asked, not given yet", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, d12, {Kind: "reasons_request", Date: day(2026, 11, 18), ReceivedOn: day(2026, 11, 20), Status: "awaiting_answer"}}}, day(2026, 12, 16),
			"[protection_answer:2026-11-12:-34 reasons_answer:2026-12-20:4]"},
		{"D17 protection: appeal to the employer", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, d12, {Kind: "gracious_appeal", Date: day(2026, 12, 1), ReceivedOn: day(2026, 12, 3), Status: "awaiting_answer"}}}, day(2026, 12, 10),
			"[protection_answer:2026-11-12:-28 gracious_answer:2027-02-03:55]"},
		{"D18 protection: written refusal", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 9, 10), Status: "refused", AnswerDate: day(2026, 11, 12)})}}, day(2026, 12, 1),
			"[protection_appeal:2027-01-13:43]"},
		{"D19 protection: refusal without the routes of appeal", Incident{OccurredAt: at(2026, 9, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 9, 10), Status: "refused", AnswerDate: day(2026, 11, 12), NoRecourseNotice: true})}}, day(2026, 12, 1),
			"[protection_appeal:2027-11-12:346]"},
		{"D20 protection: granted", Incident{OccurredAt: at(2026, 3, 1),
			Actions: []Action{declared, protection(Action{Date: day(2026, 3, 3), Status: "answered", AnswerDate: day(2026, 4, 2)})}}, day(2026, 6, 1),
			"[]"},
		{"D21 RSST entry without answer", Incident{OccurredAt: at(2026, 4, 3),
			Actions: []Action{declared, {Kind: "rsst", Date: day(2026, 4, 6), Reference: "2026-014", Status: "awaiting_answer"}}}, day(2026, 12, 1),
			"[rsst_silence:2026-05-06:-209]"},
		{"private insult: three months if prosecuted as such", Incident{OccurredAt: at(2026, 11, 22), Kinds: []string{"insult"}, Diffusion: "private",
			Actions: []Action{declared}}, day(2026, 12, 2),
			"[private_insult:2027-02-22:82]"},
		{"complaint dismissed", Incident{OccurredAt: at(2026, 3, 1), Kinds: []string{"threat"},
			Actions: []Action{declared, {Kind: "complaint", Date: day(2026, 3, 2), Status: "answered", AnswerDate: day(2026, 9, 1), Answer: "Classement sans suite"}}}, day(2026, 10, 1),
			"[complaint_dismissed:2026-09-01:-30]"},
	}
	for _, c := range cases {
		// Each case is a sub-test named after it, so that
		// docs/legal-rules.md can name it: -run 'TestDeadlineCases/^D7_'.
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range IncidentDeadlines(&c.in, c.today) {
				got = append(got, fmt.Sprintf("%s:%s:%d", d.Rule, d.Due, d.DaysLeft))
				if d.Reference == "" || d.Owner == "" {
					t.Errorf("rule %s has no legal basis or owner", d.Rule)
				}
			}
			if g := fmt.Sprint(got); g != c.want && !(c.want == "[]" && got == nil) {
				t.Errorf("\n got %s\nwant %s", g, c.want)
			}
		})
	}
}

// TestDeadlineFacts checks what the sentences need beyond the dates: the
// complaint that does not stop the press clock, the last working day
// before a Sunday, the discovery after publication, "au plus tôt", the
// court after an appeal to the employer, the uncertain reasonable time.
func TestDeadlineFacts(t *testing.T) {
	find := func(in Incident, today Date, rule string) Deadline {
		t.Helper()
		for _, d := range IncidentDeadlines(&in, today) {
			if d.Rule == rule {
				return d
			}
		}
		t.Fatalf("no %s deadline", rule)
		return Deadline{}
	}
	pub := Incident{OccurredAt: at(2026, 9, 22), Kinds: []string{"insult"}, Diffusion: "public",
		Actions: []Action{{Kind: "complaint", Date: day(2026, 10, 1), Status: "done"}}}
	if d := find(pub, day(2026, 12, 1), RulePressComplaint); d.Complaint != day(2026, 10, 1) || d.Owner != OwnerAgent {
		t.Errorf("D8: the complaint is not named: %+v", d)
	}
	sunday := Incident{OccurredAt: at(2026, 11, 30), Kinds: []string{"defamation"}, Diffusion: "public"}
	if d := find(sunday, day(2026, 12, 1), RulePressComplaint); d.ActBy != day(2027, 2, 26) {
		t.Errorf("D9: act by %s, want Friday 2027-02-26", d.ActBy)
	}
	found := Incident{OccurredAt: at(2026, 2, 24), DiscoveredOn: day(2026, 3, 10), Kinds: []string{"discrimination"}, Diffusion: "public"}
	if d := find(found, day(2026, 3, 11), RulePressComplaintDiscrimination); !d.Discovered || d.Start != day(2026, 2, 24) {
		t.Errorf("D10: %+v", d)
	}
	repost := sunday
	repost.Evidence = []Evidence{{URL: "https://x.example/p", PublishedOn: day(2027, 1, 5)}}
	if ds := IncidentDeadlines(&repost, day(2027, 1, 6)); len(ds) != 3 || !ds[2].Republished || ds[2].Due != day(2027, 4, 5) {
		t.Errorf("a new publication starts a new clock: %+v", ds)
	}
	unknown := Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{{Kind: "functional_protection", Date: day(2026, 9, 12), Status: "done"}}}
	if d := find(unknown, day(2026, 10, 1), RuleProtectionAnswer); !d.Earliest || d.Owner != OwnerAdministration {
		t.Errorf("D13: %+v", d)
	}
	appealed := Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{
		{Kind: "functional_protection", Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12)},
		{Kind: "gracious_appeal", Date: day(2026, 12, 1), ReceivedOn: day(2026, 12, 3)}}}
	if d := find(appealed, day(2026, 12, 10), RuleGraciousAnswer); d.Court != day(2027, 4, 5) {
		t.Errorf("D17: court until %s, want Monday 2027-04-05", d.Court)
	}
	noNotice := Incident{OccurredAt: at(2026, 9, 1), Actions: []Action{
		{Kind: "functional_protection", Date: day(2026, 9, 10), Status: "refused", AnswerDate: day(2026, 11, 12), NoRecourseNotice: true}}}
	if d := find(noNotice, day(2026, 12, 1), RuleProtectionAppeal); !d.Check || !d.Explicit {
		t.Errorf("D19: the reasonable time is not marked uncertain: %+v", d)
	}
	court := appealed
	court.Actions = append(slices.Clone(court.Actions), Action{Kind: "court_appeal", Date: day(2027, 1, 5)})
	for _, d := range IncidentDeadlines(&court, day(2027, 1, 6)) {
		if d.Rule != RuleWorkAccident {
			t.Errorf("the tribunal is seized, yet %s is shown", d.Rule)
		}
	}
}

// TestHolidays checks the public holidays of 2026 and 2027, the movable
// ones computed from Easter, and Alsace-Moselle's two more.
func TestHolidays(t *testing.T) {
	for _, c := range []struct {
		d    Date
		name string
	}{
		{day(2026, 4, 6), "easter_monday"}, {day(2027, 3, 29), "easter_monday"},
		{day(2026, 5, 14), "ascension"}, {day(2027, 5, 6), "ascension"},
		{day(2026, 5, 25), "whit_monday"}, {day(2027, 5, 17), "whit_monday"},
		{day(2026, 7, 14), "national_day"}, {day(2026, 11, 11), "armistice"}, {day(2027, 1, 1), "new_year"},
	} {
		if name, ok := Holiday(c.d, false); !ok || name != c.name {
			t.Errorf("%s: %q %v, want %s", c.d, name, ok, c.name)
		}
	}
	if _, ok := Holiday(day(2026, 4, 3), false); ok {
		t.Error("Good Friday is a holiday outside Alsace-Moselle")
	}
	if _, ok := Holiday(day(2026, 4, 3), true); !ok {
		t.Error("Good Friday is not a holiday in Alsace-Moselle")
	}
	if got := NextWorkingDay(day(2026, 12, 25), true); got != day(2026, 12, 28) {
		t.Errorf("after Christmas in Alsace-Moselle: %s", got)
	}
	if IsWorkingDay(day(2026, 12, 26), false) || !IsWorkingDay(day(2026, 12, 28), false) {
		t.Error("Saturday 26 or Monday 28 December 2026")
	}
}

func TestElapsed(t *testing.T) {
	for _, c := range []struct {
		from, to     Date
		months, days int
	}{
		{day(2026, 4, 6), day(2026, 12, 1), 7, 25},
		{day(2026, 1, 31), day(2026, 2, 28), 1, 0},
		{day(2026, 3, 3), day(2026, 3, 24), 0, 21},
		{day(2026, 3, 3), day(2026, 3, 1), 0, 0},
	} {
		if m, d := Elapsed(c.from, c.to); m != c.months || d != c.days {
			t.Errorf("%s → %s: %d months %d days, want %d and %d", c.from, c.to, m, d, c.months, c.days)
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
	due := NextWorkingDay(DateOf(recent.OccurredAt).AddDays(15), false)
	if len(ds) != 1 || ds[0].IncidentID != r.ID || ds[0].Rule != RuleWorkAccident || ds[0].Due != due {
		t.Fatalf("deadlines: %+v", ds)
	}
	if err := j.Deadlines.Dismiss(ds[0].Key()); err != nil {
		t.Fatal(err)
	}
	if ds, _ := j.Deadlines.List(now); len(ds) != 0 {
		t.Fatalf("after dismissing: %+v", ds)
	}
	if gone, err := j.Deadlines.Dismissed(); err != nil || gone[r.ID+"/"+RuleWorkAccident+"/"+DateOf(recent.OccurredAt).String()] != DateOf(time.Now()) {
		t.Errorf("the day of the dismissal is not kept: %v %v", gone, err)
	}
	// Dismissed by mistake: seen on demand, and restored (issue 12, bug 10).
	hidden, err := j.Deadlines.ListDismissed(now)
	if err != nil || len(hidden) != 1 || hidden[0].Key() != ds[0].Key() {
		t.Fatalf("dismissed deadlines: %+v %v", hidden, err)
	}
	if err := j.Deadlines.Restore(ds[0].Key()); err != nil {
		t.Fatal(err)
	}
	if again, _ := j.Deadlines.List(now); len(again) != 1 || again[0].Key() != ds[0].Key() {
		t.Errorf("after restoring: %+v", again)
	}
	if hidden, _ := j.Deadlines.ListDismissed(now); len(hidden) != 0 {
		t.Errorf("still dismissed after restoring: %+v", hidden)
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
