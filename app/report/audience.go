package report

import (
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
)

// What each reader sees (docs/legal-spec-issue11.md § 6): the committee's
// report is read by the employer, who chairs the F3SCT; a union contact
// (union membership is sensitive data, RGPD art. 9) and the author's own
// deadlines and strategy never go into it, nor the complaint's number,
// nor health detail. The representative's and the lawyer's documents
// hold them; the author's private notes and health data go only where the
// author ticks them.

// clean returns a copy of a stored incident fit for the reader: names
// replaced, what the reader must not see removed, the texts printable.
func (d *dossier) clean(stored *app.Incident) *app.Incident {
	c := d.ps.Incident(stored, d.healthDetail())
	if d.opts.WitnessContacts && d.opts.Audience == ForLawyer {
		for i := range c.Witnesses {
			c.Witnesses[i].Contact = d.ps.Text(stored.Witnesses[i].Contact)
		}
	}
	if !d.opts.IncludeNotes {
		c.Notes = ""
	}
	actions := c.Actions[:0]
	for _, a := range c.Actions {
		if d.showsAction(a) {
			if d.opts.Audience.employer() && isComplaint(a.Kind) {
				a.Reference = ""
			}
			actions = append(actions, a)
		}
	}
	c.Actions = actions
	printableIncident(d.t, c)
	return c
}

// showsAction reports whether a step is shown to the reader: never a
// union contact to the employer; health steps (sick leave, occupational
// doctor) only with health data, and never to the committee.
func (d *dossier) showsAction(a app.Action) bool {
	switch a.Kind {
	case "union":
		return !d.opts.Audience.employer()
	case "sick_leave", "occupational_doctor":
		return d.healthDetail()
	}
	return true
}

// isComplaint reports whether a step is a complaint, whose number the
// committee's report does not give.
func isComplaint(kind string) bool {
	return kind == "complaint" || kind == "civil_party_complaint" || kind == "police_record"
}

// printableIncident makes every text of an incident printable.
func printableIncident(t *texts, c *app.Incident) {
	for _, s := range []*string{&c.Place, &c.Workplace, &c.Authority, &c.Activity, &c.Description,
		&c.ExactWords, &c.PerpetratorRef, &c.Consequences, &c.WorkImpact, &c.MedicalNote, &c.Notes, &c.Dispute} {
		*s = t.printable(*s)
	}
	for i := range c.Witnesses {
		w := &c.Witnesses[i]
		w.Role, w.Pseudonym, w.Contact = t.printable(w.Role), t.printable(w.Pseudonym), t.printable(w.Contact)
	}
	for i := range c.Actions {
		a := &c.Actions[i]
		a.Reference, a.Answer, a.Note = t.printable(a.Reference), t.printable(a.Answer), t.printable(a.Note)
	}
	if vc := c.VideoCall; vc != nil {
		vc.Platform, vc.MeetingID = t.printable(vc.Platform), t.printable(vc.MeetingID)
		for i := range vc.Intruders {
			vc.Intruders[i] = t.printable(vc.Intruders[i])
		}
	}
	for i := range c.Evidence {
		e := &c.Evidence[i]
		e.Name, e.Note, e.URL = t.printable(e.Name), t.printable(e.Note), t.printable(e.URL)
	}
}

// deadlines returns the deadlines of a stored incident the reader sees:
// for the committee, the administration's time to answer and its
// silences; for the others, the author's own deadlines too (the sick
// note only with health data; for the representative, not the dismissed
// ones nor the accident declaration passed long ago).
func (d *dossier) deadlines(stored *app.Incident) []app.Deadline {
	var out []app.Deadline
	for _, dl := range app.Deadlines(stored, d.cal) {
		_, dismissed := d.dismissed[dl.Key()]
		switch {
		case d.opts.Audience.employer() && dl.Owner != app.OwnerAdministration:
		case dl.Rule == app.RuleSickLeave && !d.healthDetail():
		case dismissed && d.opts.Audience != ForLawyer:
		case dl.Rule == app.RuleWorkAccident && dl.DaysLeft < -app.RecentlyPassedDays:
		default:
			out = append(out, dl)
		}
	}
	return out
}

// dismissedOn returns the day the author dismissed a deadline (the
// lawyer's file says it); ok is false when it was not dismissed.
func (d *dossier) dismissedOn(dl app.Deadline) (app.Date, bool) {
	day, ok := d.dismissed[dl.Key()]
	return day, ok
}

// recording is when an entry was written, against the facts (defect 1
// of issue 11: what is true for each entry, not a general claim).
type recording struct {
	at         time.Time // the first revision
	days       int       // calendar days after the facts, or after their discovery
	discovered app.Date  // set when counted from the discovery
	imported   bool      // entered from a spreadsheet of earlier notes
	stamp      Stamp     // a trusted time-stamp, if any
}

// recording tells when a stored incident was first written.
func (d *dossier) recording(ts TimestampReader, stored *app.Incident) recording {
	loc := d.now.Location()
	r := recording{at: stored.CreatedAt.In(loc), imported: d.imported[stored.ID]}
	from := app.DateOf(stored.OccurredAt.In(loc))
	if disc := stored.DiscoveredOn; !disc.IsZero() && from.Before(disc) {
		from, r.discovered = disc, disc
	}
	r.days = max(0, from.DaysUntil(app.DateOf(r.at)))
	if ts != nil {
		if s, ok := ts.Earliest(stored.ID); ok {
			s.At = s.At.In(loc)
			r.stamp = s
		}
	}
	return r
}

// prompt reports whether an entry was written the day of the facts or the
// next day.
func (r recording) prompt() bool { return !r.imported && r.days <= 1 }

// sentence says when an entry was written: « Consignée le jour même, le
// 3 mars 2026 à 14 h 05. »
func (r recording) sentence(t *texts) string {
	var s string
	switch {
	case r.imported:
		s = t.f("report.inc.recorded.imported", "Date", t.Date(r.at))
	case !r.discovered.IsZero():
		s = t.n("report.inc.recorded.discovered", r.days, "Discovered", t.day(r.discovered), "Date", t.Date(r.at))
	case r.days == 0:
		s = t.f("report.inc.recorded.same_day", "Date", t.Date(r.at), "Time", t.Clock(r.at))
	case r.days == 1:
		s = t.f("report.inc.recorded.next_day", "Date", t.Date(r.at), "Time", t.Clock(r.at))
	default:
		s = t.n("report.inc.recorded.later", r.days, "Date", t.Date(r.at))
	}
	if !r.stamp.At.IsZero() {
		key := "report.inc.recorded.stamp"
		if !r.stamp.Trusted {
			key += "_untrusted"
		}
		s += " " + t.f(key, "DateTime", t.DateTime(r.stamp.At), "Authority", t.printable(r.stamp.Authority))
	}
	return s
}

// healthStats aggregates health, for the committee when the author
// ticked it: counts, never a diagnosis.
type healthStats struct {
	sickLeave     int // incidents followed by a sick leave
	sickDays      int // total known days of sick leave
	consultations int // incidents followed by a medical consultation
}

// add counts a stored incident.
func (h *healthStats) add(in *app.Incident) {
	leave, consult := false, strings.TrimSpace(in.MedicalNote) != "" || !in.MedicalFindingOn.IsZero()
	for _, a := range in.Actions {
		switch {
		case !a.Taken():
		case a.Kind == "sick_leave":
			leave = true
			if !a.Date.IsZero() && !a.Until.IsZero() {
				h.sickDays += a.Date.DaysUntil(a.Until) + 1
			}
		case a.Kind == "occupational_doctor":
			consult = true
		}
	}
	if leave {
		h.sickLeave++
	}
	if consult {
		h.consultations++
	}
}
