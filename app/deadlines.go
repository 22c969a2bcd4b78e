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
// administration's silence means something.
type Deadline struct {
	IncidentID string `json:"incident_id"`
	Rule       string `json:"rule"`
	Start      Date   `json:"start"` // when the clock started
	Due        Date   `json:"due"`   // the last day
	DaysLeft   int    `json:"days_left"`
	Reference  string `json:"reference"` // the legal text it comes from
	Check      bool   `json:"to_check"`  // guidance, not legal advice: show its source
}

// Passed reports whether the last day is behind us.
func (d Deadline) Passed() bool { return d.DaysLeft < 0 }

// Key identifies a deadline, to dismiss it.
func (d Deadline) Key() string {
	return d.IncidentID + "/" + d.Rule + "/" + d.Start.String()
}

// Deadline rules. Their labels and explanations are translated by the GUI
// and the report ("deadline.work_accident", "deadline.work_accident.help").
const (
	// An accident de service (an aggression can be one, a purely
	// psychological injury included) is declared within 15 days.
	RuleWorkAccident = "work_accident"
	// A complaint for a public insult or defamation lapses after 3 months.
	RulePressComplaint = "press_complaint"
	// ... one year when it is discriminatory (racist, sexist, homophobic).
	RulePressComplaintDiscrimination = "press_complaint_discrimination"
	// The employer's silence for 2 months on a request for protection
	// fonctionnelle is a refusal.
	RuleProtectionAnswer = "protection_answer"
	// An implicit refusal can be challenged before the administrative court
	// within 2 months.
	RuleProtectionAppeal = "protection_appeal"
)

// DeadlineRules lists every rule with its legal reference.
var DeadlineRules = map[string]string{
	RuleWorkAccident:                 "Décret n° 86-442 du 14 mars 1986, art. 47-3",
	RulePressComplaint:               "Loi du 29 juillet 1881 sur la liberté de la presse, art. 65",
	RulePressComplaintDiscrimination: "Loi du 29 juillet 1881 sur la liberté de la presse, art. 65-3",
	RuleProtectionAnswer:             "Code général de la fonction publique, art. L134-1 et s. ; CRPA, art. L231-4",
	RuleProtectionAppeal:             "Code de justice administrative, art. R421-1 et R421-2",
}

// IncidentDeadlines returns every deadline that applies to an incident on
// the day today, passed or not, soonest first.
func IncidentDeadlines(in *Incident, today Date) []Deadline {
	var out []Deadline
	add := func(rule string, start, due Date) {
		out = append(out, Deadline{
			IncidentID: in.ID, Rule: rule, Start: start, Due: due,
			DaysLeft: today.DaysUntil(due), Reference: DeadlineRules[rule], Check: true,
		})
	}
	facts := DateOf(in.OccurredAt)
	if !in.HasAction("work_accident") {
		add(RuleWorkAccident, facts, facts.AddDays(15))
	}
	public := in.Diffusion == "public" || (in.Diffusion == "" && in.HasChannel("social_network"))
	press := in.HasKind("insult") || in.HasKind("defamation") || in.HasKind("discrimination")
	if public && press && !in.HasAction("complaint") {
		if in.HasKind("discrimination") {
			add(RulePressComplaintDiscrimination, facts, facts.AddMonths(12))
		} else {
			add(RulePressComplaint, facts, facts.AddMonths(3))
		}
	}
	for _, a := range in.Actions {
		if a.Kind != "functional_protection" || a.Date.IsZero() || a.Answered() {
			continue
		}
		refusal := a.Date.AddMonths(2)
		add(RuleProtectionAnswer, a.Date, refusal)
		if refusal.Before(today) {
			add(RuleProtectionAppeal, refusal, refusal.AddMonths(2))
		}
	}
	slices.SortFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out
}

// RecentlyPassedDays is how long a passed deadline stays on the list.
const RecentlyPassedDays = 30

// DeadlineService gives the deadlines of the whole journal, and keeps
// those the person dismissed (outside the chain).
type DeadlineService struct {
	v         *vault.Vault
	incidents *IncidentService
}

// List returns, across the journal, the deadlines still to come and those
// passed in the last 30 days, except the ones the person dismissed,
// soonest first.
func (s *DeadlineService) List(now time.Time) ([]Deadline, error) {
	dismissed, err := s.dismissed()
	if err != nil {
		return nil, err
	}
	today := DateOf(now)
	var out []Deadline
	for _, in := range s.incidents.List(Filter{}) {
		for _, d := range IncidentDeadlines(in, today) {
			if d.DaysLeft >= -RecentlyPassedDays && !dismissed[d.Key()] {
				out = append(out, d)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return out, nil
}

// Dismiss hides a deadline that does not apply (no injury, say); key is
// its Key.
func (s *DeadlineService) Dismiss(key string) error {
	if strings.Count(key, "/") != 2 || strings.Contains(key, "\n") {
		return fmt.Errorf("invalid deadline %q", key)
	}
	return s.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained("dismissed/"+key, []byte{1}) })
}

func (s *DeadlineService) dismissed() (map[string]bool, error) {
	out := make(map[string]bool)
	err := s.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained("dismissed/", func(key string, _ vault.Value) error {
			out[strings.TrimPrefix(key, "dismissed/")] = true
			return nil
		})
	})
	if errors.Is(err, vault.ErrNoRecord) {
		err = nil
	}
	return out, err
}
