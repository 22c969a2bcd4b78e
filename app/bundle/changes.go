package bundle

// What a colleague's bundle brings since their previous one: the
// representative, receiving a second bundle, wants to know what to read
// first. Bundles are compared by what their manifests list: an incident
// is new when the previous bundle did not hold it, amended when it held
// an earlier revision; a piece of evidence is new when the previous bundle
// did not hold its file.

// Changes is what a case brings since the previous case of the same
// colleague.
type Changes struct {
	// Previous is the colleague's case made just before (nil: none kept).
	Previous *CaseInfo
	// New and Amended are the incidents new or amended since Previous, by
	// id.
	New, Amended map[string]bool
	// NewEvidence counts the evidence files Previous did not hold.
	NewEvidence int
}

// Any reports whether the case brings anything since the previous one.
func (c Changes) Any() bool { return len(c.New)+len(c.Amended)+c.NewEvidence > 0 }

// ChangesSince compares case c with the previous case of the same
// colleague among cases: made before it in the colleague's history (the
// length of their journal's chain, then the time the bundle was made,
// then the time it was received: a colleague's clock may be wrong, their
// history only grows).
func ChangesSince(cases []CaseInfo, c CaseInfo) Changes {
	out := Changes{New: map[string]bool{}, Amended: map[string]bool{}}
	if c.Summary == nil || c.Summary.Manifest == nil {
		return out
	}
	m := c.Summary.Manifest
	for i := range cases {
		o := cases[i].Summary
		if cases[i].ID == c.ID || o == nil || o.Manifest == nil || o.Manifest.VaultID != m.VaultID || !madeBefore(cases[i], c) {
			continue
		}
		if out.Previous == nil || madeBefore(*out.Previous, cases[i]) {
			out.Previous = &cases[i]
		}
	}
	if out.Previous == nil {
		return out
	}
	prev := out.Previous.Summary.Manifest
	revision := map[string]int{}
	for _, in := range prev.Incidents {
		revision[in.ID] = in.Revision
	}
	for _, in := range m.Incidents {
		r, ok := revision[in.ID]
		switch {
		case !ok:
			out.New[in.ID] = true
		case in.Revision > r:
			out.Amended[in.ID] = true
		}
	}
	had := map[string]bool{}
	for _, ev := range prev.Evidence {
		had[ev.SHA256] = true
	}
	for _, ev := range m.Evidence {
		if !had[ev.SHA256] {
			out.NewEvidence++
		}
	}
	return out
}

// madeBefore reports whether case a was made before case b of the same
// colleague (both with a manifest).
func madeBefore(a, b CaseInfo) bool {
	ma, mb := a.Summary.Manifest, b.Summary.Manifest
	switch {
	case ma.ChainHead.Seq != mb.ChainHead.Seq:
		return ma.ChainHead.Seq < mb.ChainHead.Seq
	case !ma.ExportedAt.Equal(mb.ExportedAt):
		return ma.ExportedAt.Before(mb.ExportedAt)
	}
	return a.ReceivedAt.Before(b.ReceivedAt)
}
