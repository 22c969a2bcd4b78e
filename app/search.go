package app

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Filter selects incidents. Zero fields select everything.
type Filter struct {
	// Query is free text: every word must appear somewhere in the
	// incident, in any case and with or without accents ("eleve" finds
	// "Élève").
	Query       string
	Since       Date // facts on or after this day
	Until       Date // facts on or before this day
	Kind        string
	Channel     string
	Perpetrator string
	IDs         []string // only these incidents
	Archive     ArchiveScope
}

// ArchiveScope says whether a selection holds the archived incidents.
// The zero value keeps them: documents, deadlines and bundles count every
// incident unless the person leaves one out by name; only the journal's
// list sets them aside.
type ArchiveScope int

// The scopes of a selection.
const (
	WithArchived    ArchiveScope = iota // every incident
	WithoutArchived                     // the journal's list: archived ones set aside
	OnlyArchived                        // the archive
)

// List returns the incidents that match f, newest first. The incidents are
// shared: read them, do not modify them (Get returns a copy to edit).
//
// In a journal opened with OpenPartly, the first List reads every
// incident; call LoadAll before to be told when that fails.
func (s *IncidentService) List(f Filter) []*Incident {
	if err := s.idx.loadAll(); err != nil {
		return nil
	}
	terms := strings.Fields(fold(f.Query))
	sorted := s.idx.newest(len(terms) > 0)
	out := make([]*Incident, 0, len(sorted))
	for _, e := range sorted {
		if f.matches(e, terms) {
			out = append(out, e.inc)
		}
	}
	return out
}

// LoadAll reads every incident now (Open does; OpenPartly leaves it to
// the first List).
func (s *IncidentService) LoadAll() error { return s.idx.loadAll() }

func (f *Filter) matches(e *entry, terms []string) bool {
	in := e.inc
	day := DateOf(in.OccurredAt)
	switch {
	case !f.Since.IsZero() && day.Before(f.Since),
		!f.Until.IsZero() && f.Until.Before(day),
		f.Kind != "" && !in.HasKind(f.Kind),
		f.Channel != "" && !in.HasChannel(f.Channel),
		f.Perpetrator != "" && in.Perpetrator != f.Perpetrator,
		len(f.IDs) > 0 && !slices.Contains(f.IDs, in.ID),
		f.Archive == WithoutArchived && in.Archived,
		f.Archive == OnlyArchived && !in.Archived:
		return false
	}
	for _, t := range terms {
		if !strings.Contains(e.folded, t) {
			return false
		}
	}
	return true
}

// fold lowers the case and removes the accents of s, so that searches
// ignore both: "Élève" and "eleve" fold to "eleve"; "cœur" to "coeur".
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		foldRune(&b, r)
	}
	return b.String()
}

// foldRune folds one non-ASCII character: decomposed, without its marks,
// in lower case. Latin letters come from a table built once.
func foldRune(b *strings.Builder, r rune) {
	if int(r) < len(latinFolds) {
		b.WriteString(latinFolds[r])
		return
	}
	b.WriteString(foldSlow(r))
}

// latinFolds holds the folding of every character below U+0250 (Latin-1
// and Latin Extended: every accented letter of French and its neighbours).
var latinFolds = func() []string {
	t := make([]string, 0x250)
	for r := range t {
		t[r] = foldSlow(rune(r))
	}
	return t
}()

func foldSlow(r rune) string {
	switch r {
	case 'œ', 'Œ':
		return "oe"
	case 'æ', 'Æ':
		return "ae"
	case 'ß':
		return "ss"
	case '’', '‘':
		return "'"
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(unicode.ToLower(d))
		}
	}
	return b.String()
}

// Fold is the folding used by search, for other parts of Témoin that
// compare names the same way (pseudonyms).
func Fold(s string) string { return fold(s) }

// foldIncident gathers every text of an incident for search, folded.
func foldIncident(in *Incident) string {
	var b strings.Builder
	add := func(s string) {
		if s != "" {
			b.WriteString(fold(s))
			b.WriteByte('\n')
		}
	}
	add(in.ID)
	for _, f := range in.texts() {
		add(f.text)
	}
	for _, list := range [][]string{in.Kinds, in.Channels, {in.Setting, in.Perpetrator, in.Diffusion}} {
		for _, c := range list {
			add(c)
		}
	}
	for _, a := range in.Actions {
		add(a.Kind)
	}
	for _, e := range in.Evidence {
		add(e.Name)
		add(e.URL)
		add(e.Note)
	}
	add(in.OccurredAt.Format("2006-01-02 02/01/2006"))
	// The builder grew by doubling: kept for every incident of the
	// index, its spare capacity would be a third of the search text.
	return strings.Clone(b.String())
}

// Between reports whether t falls within the filter's period.
func (f *Filter) Between(t time.Time) bool {
	day := DateOf(t)
	return (f.Since.IsZero() || !day.Before(f.Since)) && (f.Until.IsZero() || !f.Until.Before(day))
}
