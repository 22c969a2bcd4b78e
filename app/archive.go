package app

// Archive sets an incident aside (archived true) or brings it back
// (false). Archiving is a revision like any other: the chain records it as
// an amendment and History shows it, the earlier revisions and the
// evidence stay, and nothing is erased. An archived incident leaves the
// journal's list (Filter.Archive) but every document, deadline and
// bundle still counts it unless the person leaves it out by name.
//
// When the incident already is as asked, Archive returns it and
// ErrUnchanged.
func (s *IncidentService) Archive(id string, archived bool) (*Incident, error) {
	in, err := s.Get(id)
	if err != nil {
		return nil, err
	}
	if in.Archived == archived {
		return in, ErrUnchanged
	}
	in.Archived = archived
	return s.Amend(id, in)
}

// CountArchived returns how many incidents are archived.
func (s *IncidentService) CountArchived() int {
	return len(s.List(Filter{Archive: OnlyArchived}))
}
