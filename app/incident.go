package app

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Incident is one entry of the journal: what happened, to whom it can be
// reported, and what was done about it. Its JSON form is the shape that
// `temoin list --json` prints and `temoin add` reads.
type Incident struct {
	ID string `json:"id"`

	// When and where.
	OccurredAt   time.Time  `json:"occurred_at"`
	TimeUnknown  bool       `json:"time_unknown,omitempty"` // only the day is known
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	DiscoveredOn Date       `json:"discovered_on,omitzero"` // e.g. a video found online later
	// MedicalFindingOn is the day a doctor first found an injury, when
	// later than the facts: the accident declaration's 15 days run from it
	// (décret n° 86-442, art. 47-3). Health data: private.
	MedicalFindingOn Date   `json:"medical_finding_on,omitzero"`
	Setting          string `json:"setting"`
	Place            string `json:"place,omitempty"`     // free text: "salle B12", "classe virtuelle"
	Workplace        string `json:"workplace,omitempty"` // établissement
	Authority        string `json:"authority,omitempty"` // rectorat, DRAAF...: where requests go
	Activity         string `json:"activity,omitempty"`  // what the person was doing: the link to the job

	// What happened.
	Kinds       []string   `json:"kinds"`
	Channels    []string   `json:"channels"`
	Diffusion   string     `json:"diffusion,omitempty"`
	Description string     `json:"description"`
	ExactWords  string     `json:"exact_words"`
	VideoCall   *VideoCall `json:"video_call,omitempty"`

	// Who.
	Perpetrator      string    `json:"perpetrator"`
	PerpetratorRef   string    `json:"perpetrator_ref"` // a pseudonym: "Parent P1"
	PerpetratorCount int       `json:"perpetrator_count,omitempty"`
	Witnesses        []Witness `json:"witnesses"`
	Linked           []string  `json:"linked,omitempty"` // ids of related incidents
	// Dispute is what the perpetrator contests, when a decision of the job
	// is at stake ("une note", "une sanction"): the link with the duties.
	Dispute string `json:"dispute,omitempty"`
	// TargetsJob: words published online name the person's job or
	// establishment (another link with the duties).
	TargetsJob bool `json:"targets_job,omitempty"`

	// Consequences.
	Consequences string `json:"consequences"`
	WorkImpact   string `json:"work_impact"`
	MedicalNote  string `json:"medical_note"` // private: never exported unless chosen
	// Notes are the person's own notes ("pour vous"): they never leave
	// unless the person ticks them for a document.
	Notes string `json:"notes"`

	// Follow-up.
	Actions []Action `json:"actions"`

	// Archived incidents leave the journal's list but stay in the vault,
	// in the chain, in searches that ask for them and in every document
	// (see IncidentService.Archive).
	Archived bool `json:"archived,omitempty"`

	// Evidence, revision and dates are kept by the journal: what a caller
	// puts there is ignored.
	Evidence  []Evidence `json:"evidence"`
	Revision  int        `json:"revision"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// VideoCall holds the details of an intrusion in a remote class.
type VideoCall struct {
	Platform    string   `json:"platform,omitempty"` // Zoom, Teams, classe virtuelle du CNED, ENT...
	MeetingID   string   `json:"meeting_id,omitempty"`
	PublicLink  bool     `json:"public_link"`  // the link had been published or passed on
	WaitingRoom bool     `json:"waiting_room"` // a waiting room was on
	Intruders   []string `json:"intruders,omitempty"`
}

// Witness is a person who saw or heard, by role and pseudonym. Contact
// stays on this computer: reports and bundles never include it.
type Witness struct {
	Role      string `json:"role"`
	Pseudonym string `json:"pseudonym,omitempty"`
	Contact   string `json:"contact,omitempty"`
}

// Action is a step taken after the incident: an alert, a register entry, a
// complaint, a request for protection...
type Action struct {
	Kind      string `json:"kind"`
	Date      Date   `json:"date,omitzero"`       // when it was done (sent, filed)
	Reference string `json:"reference,omitempty"` // n° of the RSST entry, of the complaint...
	Status    string `json:"status,omitempty"`
	// ReceivedOn is when the administration received it (the
	// acknowledgement of receipt): an implicit rejection is born two
	// months after receipt (CRPA, art. L231-4).
	ReceivedOn Date   `json:"received_on,omitzero"`
	AnswerDate Date   `json:"answer_date,omitzero"` // when the answer (or the refusal) was received
	Answer     string `json:"answer,omitempty"`
	Note       string `json:"note,omitempty"`
	// Until ends a period: the last day of a sick leave.
	Until Date `json:"until,omitzero"`
	// NoRecourseNotice: a written refusal did not mention the routes and
	// deadlines of appeal (then a reasonable time, in principle one year,
	// applies: CJA, art. R421-5).
	NoRecourseNotice bool `json:"no_recourse_notice,omitempty"`
	// ExtendedInquiry: the administration announced an inquiry, an
	// expertise or the conseil médical on a work-accident declaration (its
	// time to decide grows by three months).
	ExtendedInquiry bool `json:"extended_inquiry,omitempty"`
	// Covers are the ids of the incidents a request for protection is
	// about, besides the one it is recorded on.
	Covers []string `json:"covers,omitempty"`
}

// Answered reports whether the action received an answer (or a refusal).
func (a Action) Answered() bool {
	return !a.AnswerDate.IsZero() || a.Status == "answered" || a.Status == "refused"
}

// Taken reports whether the step was actually taken: a planned step ("à
// faire") stops no clock and is never written as done.
func (a Action) Taken() bool { return a.Status != "planned" }

// Received returns the day the administration received the step, and
// whether that day is known; when it is not, the day it was sent, the
// earliest the receipt can have been.
func (a Action) Received() (Date, bool) {
	if !a.ReceivedOn.IsZero() {
		return a.ReceivedOn, true
	}
	return a.Date, false
}

// Limits that keep a journal usable; far above anything a person types.
const (
	maxTextLen  = 200_000
	maxListLen  = 1_000
	maxShortLen = 1_000
)

// FieldError says which field of an incident (or of the profile, a
// person, a representative) is wrong and why: Problem for the user
// interfaces, which say it in the person's language; Msg in English, for
// logs and tests.
type FieldError struct {
	Field   string
	Problem FieldProblem
	// Value is what the problem is about: the unknown code, the incident
	// id, the greatest length.
	Value string
	Msg   string
}

// FieldProblem says what is wrong with a field.
type FieldProblem int

// What can be wrong with a field.
const (
	FieldInvalid     FieldProblem = iota // anything else (Msg says what)
	FieldMissing                         // required and empty
	FieldImplausible                     // a date too far in the past or the future
	FieldOrder                           // an end before its start, an answer before its request
	FieldUnknownCode                     // a code not in its list (Value)
	FieldDuplicate                       // a code given twice
	FieldOutOfRange                      // a number out of its range
	FieldTooMany                         // a list too long
	FieldTooLong                         // a text too long (Value: the greatest length)
	FieldNotText                         // not valid UTF-8 text
	FieldOneLine                         // a line break where one line is expected
	FieldSame                            // a pseudonym equal to the name
	FieldSelfLink                        // an incident linked to itself
	FieldUnknownLink                     // a link to an incident that does not exist (Value)
)

func (e *FieldError) Error() string { return e.Field + ": " + e.Msg }

// Validate checks an incident before it is saved. It returns every
// problem, joined.
func (in *Incident) Validate() error {
	var p problems
	now := time.Now()
	switch {
	case in.OccurredAt.IsZero():
		p.add("occurred_at", FieldMissing, "", "the date of the facts is missing")
	case in.OccurredAt.Year() < 1970 || in.OccurredAt.After(now.Add(48*time.Hour)):
		p.add("occurred_at", FieldImplausible, in.OccurredAt.Format("2006-01-02"), "the date %s is not plausible", in.OccurredAt.Format("2006-01-02"))
	}
	if in.EndedAt != nil && in.EndedAt.Before(in.OccurredAt) {
		p.add("ended_at", FieldOrder, "", "the end is before the start")
	}
	if strings.TrimSpace(in.Description) == "" && strings.TrimSpace(in.ExactWords) == "" {
		p.add("description", FieldMissing, "", "describe what happened (or give the exact words)")
	}
	p.codes("kinds", Kinds, in.Kinds)
	p.codes("channels", Channels, in.Channels)
	p.code("setting", Settings, in.Setting)
	p.code("perpetrator", Perpetrators, in.Perpetrator)
	p.code("diffusion", Diffusions, in.Diffusion)
	if in.PerpetratorCount < 0 || in.PerpetratorCount > 100_000 {
		p.add("perpetrator_count", FieldOutOfRange, "", "must be between 0 and 100000")
	}
	for i, a := range in.Actions {
		field := fmt.Sprintf("actions[%d]", i)
		if !validCode(ActionKinds, a.Kind) {
			p.add(field+".kind", FieldUnknownCode, a.Kind, "unknown code %q (expected one of %s)", a.Kind, strings.Join(ActionKinds, ", "))
		}
		p.code(field+".status", ActionStatuses, a.Status)
		if !a.AnswerDate.IsZero() && !a.Date.IsZero() && a.AnswerDate.Before(a.Date) {
			p.add(field+".answer_date", FieldOrder, "", "the answer is dated before the action")
		}
		if !a.ReceivedOn.IsZero() && !a.Date.IsZero() && a.ReceivedOn.Before(a.Date) {
			p.add(field+".received_on", FieldOrder, "", "received before it was sent")
		}
		if !a.Until.IsZero() && !a.Date.IsZero() && a.Until.Before(a.Date) {
			p.add(field+".until", FieldOrder, "", "the end is before the start")
		}
		if len(a.Covers) > maxListLen {
			p.add(field+".covers", FieldTooMany, "", "too many entries")
		}
	}
	for i, w := range in.Witnesses {
		if strings.TrimSpace(w.Role) == "" && strings.TrimSpace(w.Pseudonym) == "" {
			p.add(fmt.Sprintf("witnesses[%d]", i), FieldMissing, "", "give at least a role or a pseudonym")
		}
	}
	in.checkSizes(&p)
	return errors.Join(p...)
}

// checkSizes checks the lengths of the lists and the texts, and that the
// texts are UTF-8.
func (in *Incident) checkSizes(p *problems) {
	if in.VideoCall != nil && len(in.VideoCall.Intruders) > maxListLen {
		p.add("video_call.intruders", FieldTooMany, "", "too many entries")
	}
	for _, l := range [][]string{in.Kinds, in.Channels, in.Linked} {
		if len(l) > maxListLen {
			p.add("list", FieldTooMany, "", "too many entries")
		}
	}
	if len(in.Witnesses) > maxListLen || len(in.Actions) > maxListLen {
		p.add("list", FieldTooMany, "", "too many entries")
	}
	in.eachText(func(f fieldText) {
		limit := maxShortLen
		switch f.field {
		case "description", "exact_words", "consequences", "work_impact", "medical_note", "notes", "actions":
			limit = maxTextLen
		}
		if len(f.text) > limit {
			p.add(f.name(), FieldTooLong, strconv.Itoa(limit), "too long (%d characters at most)", limit)
		}
		if !utf8.ValidString(f.text) {
			p.add(f.name(), FieldNotText, "", "not valid UTF-8 text")
		}
	})
}

// problems gathers the *FieldError of a validation.
type problems []error

func (p *problems) add(field string, problem FieldProblem, value, format string, args ...any) {
	*p = append(*p, &FieldError{Field: field, Problem: problem, Value: value, Msg: fmt.Sprintf(format, args...)})
}

// codes checks a list of codes: each known (an empty one is not), none
// twice.
func (p *problems) codes(field string, list, codes []string) {
	for _, c := range codes {
		if !validCode(list, c) {
			p.add(field, FieldUnknownCode, c, "unknown code %q (expected one of %s)", c, strings.Join(list, ", "))
		}
	}
	if hasDuplicates(codes) {
		p.add(field, FieldDuplicate, "", "a code is given twice")
	}
}

// code checks a code, when one is given.
func (p *problems) code(field string, list []string, code string) {
	if code != "" && !validCode(list, code) {
		p.add(field, FieldUnknownCode, code, "unknown code %q (expected one of %s)", code, strings.Join(list, ", "))
	}
}

// fieldText is a free-text field of an incident: its name, with the
// index of the witness or action it belongs to (-1 for none), and its text.
type fieldText struct {
	field string
	index int
	text  string
}

// name is the field's name as errors give it: "notes", "witnesses[2]".
func (f fieldText) name() string {
	if f.index < 0 {
		return f.field
	}
	return fmt.Sprintf("%s[%d]", f.field, f.index)
}

// texts returns every free-text field of the incident, in a fixed order.
func (in *Incident) texts() []fieldText {
	t := make([]fieldText, 0, 15+len(in.Witnesses)+len(in.Actions))
	in.eachText(func(f fieldText) { t = append(t, f) })
	return t
}

// eachText calls fn with every free-text field of the incident, in a
// fixed order (a list, not a map, and no slice made: each incident of an
// import of ten thousand rows is checked twice).
func (in *Incident) eachText(fn func(fieldText)) {
	for _, f := range [...]struct{ name, text string }{
		{"place", in.Place}, {"workplace", in.Workplace}, {"authority", in.Authority},
		{"activity", in.Activity}, {"description", in.Description}, {"exact_words", in.ExactWords},
		{"perpetrator_ref", in.PerpetratorRef}, {"consequences", in.Consequences},
		{"work_impact", in.WorkImpact}, {"medical_note", in.MedicalNote}, {"notes", in.Notes},
		{"dispute", in.Dispute},
	} {
		fn(fieldText{f.name, -1, f.text})
	}
	if vc := in.VideoCall; vc != nil {
		fn(fieldText{"video_call.platform", -1, vc.Platform})
		fn(fieldText{"video_call.meeting_id", -1, vc.MeetingID})
		fn(fieldText{"video_call.intruders", -1, strings.Join(vc.Intruders, "\n")})
	}
	for i, w := range in.Witnesses {
		fn(fieldText{"witnesses", i, w.Role + "\n" + w.Pseudonym + "\n" + w.Contact})
	}
	for i, a := range in.Actions {
		fn(fieldText{"actions", i, a.Reference + "\n" + a.Answer + "\n" + a.Note})
	}
}

func hasDuplicates(codes []string) bool {
	seen := make(map[string]bool, len(codes))
	for _, c := range codes {
		if seen[c] {
			return true
		}
		seen[c] = true
	}
	return false
}

// normalize tidies what a person typed before it is stored: trimmed
// texts, codes in their canonical order, empty lists as empty lists.
func (in *Incident) normalize() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, s := range []*string{&in.Setting, &in.Place, &in.Workplace, &in.Authority, &in.Activity,
		&in.Diffusion, &in.Perpetrator, &in.PerpetratorRef, &in.Dispute} {
		trim(s)
	}
	in.Kinds = inCanonicalOrder(Kinds, in.Kinds)
	in.Channels = inCanonicalOrder(Channels, in.Channels)
	if in.Witnesses == nil {
		in.Witnesses = []Witness{}
	}
	if in.Actions == nil {
		in.Actions = []Action{}
	}
	if vc := in.VideoCall; vc != nil && vc.Platform == "" && vc.MeetingID == "" && !vc.PublicLink && !vc.WaitingRoom && len(vc.Intruders) == 0 {
		in.VideoCall = nil
	}
	in.Linked = slices.Compact(slices.Sorted(slices.Values(in.Linked)))
}

// inCanonicalOrder returns codes sorted as they appear in list (so that
// "insult, threat" and "threat, insult" are the same content); unknown
// codes keep their place at the end, for Validate to name.
func inCanonicalOrder(list, codes []string) []string {
	out := make([]string, 0, len(codes))
	for _, c := range list {
		if slices.Contains(codes, c) {
			out = append(out, c)
		}
	}
	for _, c := range codes {
		if !slices.Contains(list, c) {
			out = append(out, c)
		}
	}
	return out
}

// Clone returns a deep copy, safe to edit.
func (in *Incident) Clone() *Incident {
	c := *in
	c.Kinds = slices.Clone(in.Kinds)
	c.Channels = slices.Clone(in.Channels)
	c.Witnesses = slices.Clone(in.Witnesses)
	c.Linked = slices.Clone(in.Linked)
	c.Actions = slices.Clone(in.Actions)
	for i := range c.Actions {
		c.Actions[i].Covers = slices.Clone(in.Actions[i].Covers)
	}
	c.Evidence = slices.Clone(in.Evidence)
	if in.VideoCall != nil {
		vc := *in.VideoCall
		vc.Intruders = slices.Clone(vc.Intruders)
		c.VideoCall = &vc
	}
	if in.EndedAt != nil {
		e := *in.EndedAt
		c.EndedAt = &e
	}
	return &c
}

// HasKind reports whether the incident is of the given kind.
func (in *Incident) HasKind(k string) bool { return slices.Contains(in.Kinds, k) }

// HasChannel reports whether it happened through the given channel.
func (in *Incident) HasChannel(c string) bool { return slices.Contains(in.Channels, c) }

// HasAction reports whether an action of that kind was recorded.
func (in *Incident) HasAction(kind string) bool {
	return slices.ContainsFunc(in.Actions, func(a Action) bool { return a.Kind == kind })
}

// Evidence is a piece of evidence: an encrypted file, or a link to
// something posted online.
type Evidence struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`       // the file's original name
	MediaType   string `json:"media_type,omitempty"` // image/png, video/mp4...
	Size        int64  `json:"size,omitempty"`
	SHA256      string `json:"sha256,omitempty"`
	URL         string `json:"url,omitempty"`
	RetrievedOn Date   `json:"retrieved_on,omitzero"` // when the link was seen
	// PublishedOn is when a linked content was published, when later than
	// the incident (a new publication): the press law's clock runs from
	// each publication.
	PublishedOn Date      `json:"published_on,omitzero"`
	Note        string    `json:"note,omitempty"` // how it was obtained
	AddedAt     time.Time `json:"added_at"`
	// Source says how a file came in (evidence_sources.go): "" for a file
	// imported, SourceCapture, SourceRecording, SourcePaste, SourceMail,
	// SourceAttachment.
	Source string `json:"source,omitempty"`
	// CapturedAt is when a capture was taken (a burst's frames are kept
	// later than they are taken).
	CapturedAt time.Time `json:"captured_at,omitzero"`
	// Sender, SentAt and Channel describe a pasted message: who wrote
	// it, when (as the person wrote it) and through what (a channel code).
	Sender  string `json:"sender,omitempty"`
	SentAt  string `json:"sent_at,omitempty"`
	Channel string `json:"channel,omitempty"`
	// Mail holds an e-mail's headers, read when it was imported.
	Mail *MailHeader `json:"mail,omitempty"`
	// Parent is the evidence an attachment was taken from (an e-mail).
	Parent string `json:"parent,omitempty"`
	// Duration is a video's or a recording's length, in seconds; 0 when
	// unknown.
	Duration float64 `json:"duration,omitempty"`
}

// IsLink reports whether the evidence is a link rather than a file.
func (e *Evidence) IsLink() bool { return e.URL != "" }

// checkURL accepts web addresses only.
func checkURL(s string) error {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("invalid link %q: give a web address starting with https://", s)
	}
	return nil
}
