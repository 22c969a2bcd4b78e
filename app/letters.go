package app

import "slices"

// Which protection letter a person needs depends on what already
// happened (docs/legal-spec-issue11.md § 5.1): a first request; new facts
// added to a pending request; an extension of a granted protection; after
// an implicit rejection, a request for its reasons (CRPA, art. L232-4)
// and a recours gracieux; after a written refusal, a recours gracieux; or
// nothing, when the request is pending and covers the facts, or when the
// time to appeal is over.

// LetterChoice is the protection letter to offer for a set of incidents,
// and why.
type LetterChoice struct {
	// Document is the letter offered (DocLetterRequest...), "" for none.
	Document string
	// Also is a second letter offered with the first (the recours
	// gracieux beside the request for reasons).
	Also string
	// State is where the protection stands: "none", "requested",
	// "granted", "refused", "rejected" (implicitly), "reasons_asked",
	// "reasons_received", "recourse_sent", "court", "expired".
	State string
	// Note names the sentence the screen shows ("pending", "covered",
	// "expired_same_facts", "complement", "expired_new_facts"); "" for
	// none.
	Note string
	// Request is the request the letter follows (nil for none), and
	// RequestIncident the incident it is recorded on.
	Request         *Action
	RequestIncident string
	// Covered are the incidents the request covers; New those of the
	// selection it does not.
	Covered, New []string
	// Rejected is the day of the rejection (implicit or written); Due the
	// last day to appeal, or for a pending request the day it will be
	// deemed rejected.
	Rejected, Due Date
	// Reasons is the request for the reasons of the rejection, if any.
	Reasons *Action

	holder *Incident
}

// ChooseLetter decides which protection letter fits the incidents
// selected, from the requests recorded in the whole journal.
func ChooseLetter(all []*Incident, selected []string, cal Calendar) LetterChoice {
	c := LetterChoice{State: "none", Document: DocLetterRequest}
	holder, p := latestRequest(all, selected)
	if p == nil {
		return c
	}
	c.Request, c.holder, c.RequestIncident = p, holder, holder.ID
	c.Covered = append([]string{holder.ID}, p.Covers...)
	for _, id := range selected {
		if !slices.Contains(c.Covered, id) {
			c.New = append(c.New, id)
		}
	}
	// Facts the request did not cover are new to the employer, whatever
	// their date: once the time to appeal is over, they call for a new
	// request.
	later := len(c.New) > 0
	e := &engine{in: holder, cal: cal}
	switch {
	case len(e.taken("court_appeal")) > 0:
		c.set("court", "", "")
	case p.Status == "refused" && !p.AnswerDate.IsZero():
		c.Rejected, c.Due = p.AnswerDate, e.appealDue(p.AnswerDate)
		if p.NoRecourseNotice {
			c.Due = p.AnswerDate.AddMonths(12)
		}
		c.afterRejection(e, DocLetterRefusal, later)
	case p.Answered():
		c.State = "granted"
		if len(c.New) > 0 {
			c.Document = DocLetterExtend
		} else {
			c.set("granted", "", "covered")
		}
	default:
		start, _ := p.Received()
		ir := start.AddMonths(2)
		if cal.Today.Before(ir) {
			c.Due = ir
			if len(c.New) > 0 {
				c.set("requested", DocLetterAdd, "complement")
			} else {
				c.set("requested", "", "pending")
			}
			return c
		}
		c.Rejected, c.Due = ir, e.appealDue(ir)
		c.afterRejection(e, DocLetterAppeal, later)
	}
	return c
}

// set sets the state, the letter and the note.
func (c *LetterChoice) set(state, doc, note string) {
	c.State, c.Document, c.Note = state, doc, note
}

// afterRejection chooses the letter once the request was rejected: the
// recours gracieux (after a request for reasons, when there was none),
// nothing once an appeal was sent, a new request on new facts once the
// time is over.
func (c *LetterChoice) afterRejection(e *engine, appeal string, later bool) {
	state := "rejected"
	if appeal == DocLetterRefusal {
		state = "refused"
	}
	if g := e.takenAfter("gracious_appeal", c.Rejected, c.Due); g != nil {
		c.set("recourse_sent", "", "")
		return
	}
	if appeal == DocLetterAppeal {
		if r := e.takenAfter("reasons_request", c.Rejected, c.Due); r != nil {
			c.Reasons = r
			if r.AnswerDate.IsZero() {
				c.set("reasons_asked", DocLetterAppeal, "")
				return
			}
			c.Due = e.appealDue(r.AnswerDate)
			state = "reasons_received"
		}
	}
	if c.Due.Before(e.cal.Today) {
		if later {
			c.set("expired", DocLetterRequest, "expired_new_facts")
		} else {
			c.set("expired", "", "expired_same_facts")
		}
		return
	}
	c.set(state, appeal, "")
	if appeal == DocLetterAppeal && c.Reasons == nil {
		c.Document, c.Also = DocLetterReasons, DocLetterAppeal
	}
}

// latestRequest returns the request for protection the selection
// follows: the latest one that covers a selected incident, else the
// latest of the journal; and the incident it is recorded on.
func latestRequest(all []*Incident, selected []string) (*Incident, *Action) {
	var holder, anyHolder *Incident
	var best, anyBest *Action
	for _, in := range all {
		for i, a := range in.Actions {
			if a.Kind != "functional_protection" || !a.Taken() || a.Date.IsZero() {
				continue
			}
			a := &in.Actions[i]
			if anyBest == nil || anyBest.Date.Before(a.Date) {
				anyHolder, anyBest = in, a
			}
			covers := slices.Contains(selected, in.ID) || slices.ContainsFunc(a.Covers, func(id string) bool { return slices.Contains(selected, id) })
			if covers && (best == nil || best.Date.Before(a.Date)) {
				holder, best = in, a
			}
		}
	}
	if best != nil {
		return holder, best
	}
	return anyHolder, anyBest
}
