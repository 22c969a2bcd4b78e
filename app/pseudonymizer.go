package app

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Pseudonymizer replaces the names of a people list by their pseudonyms,
// as whole words, ignoring case and accents: "kevin MARTIN" and "Kévin
// Martin" both become "Élève A"; "Martinez" is left alone.
type Pseudonymizer struct {
	people []Person
	re     *regexp.Regexp // matches any listed name, longest first, on folded text
}

// NewPseudonymizer prepares the replacement of the given people.
func NewPseudonymizer(people []Person) *Pseudonymizer {
	p := &Pseudonymizer{people: slices.Clone(people)}
	// Longest names first, so "Kevin Martin" wins over "Kevin".
	slices.SortFunc(p.people, func(a, b Person) int { return len(fold(b.Name)) - len(fold(a.Name)) })
	var alts []string
	for _, person := range p.people {
		words := strings.Fields(nameWords(fold(person.Name)))
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		if len(words) > 0 {
			alts = append(alts, strings.Join(words, `[\s\-]+`))
		}
	}
	if len(alts) > 0 {
		p.re = regexp.MustCompile(`(^|[^\p{L}\p{N}])(` + strings.Join(alts, "|") + `)([^\p{L}\p{N}]|$)`)
	}
	return p
}

// Text returns s with every listed name replaced by its pseudonym.
func (p *Pseudonymizer) Text(s string) string {
	if p == nil || p.re == nil || s == "" {
		return s
	}
	// Match on the folded text, then cut the original at the same places:
	// folding maps each rune of s to a known number of bytes.
	folded, starts := foldWithOffsets(s)
	var b strings.Builder
	last := 0
	for pos := 0; pos <= len(folded); {
		m := p.re.FindStringSubmatchIndex(folded[pos:])
		if m == nil {
			break
		}
		ns, ne := pos+m[4], pos+m[5] // the name itself, without its borders
		b.WriteString(s[last:starts[ns]])
		b.WriteString(p.pseudonymOf(folded[ns:ne]))
		last = starts[ne]
		// The right border may begin the next name: resume on it.
		pos = ne
	}
	b.WriteString(s[last:])
	return b.String()
}

func (p *Pseudonymizer) pseudonymOf(foldedName string) string {
	for _, person := range p.people {
		if nameWords(fold(person.Name)) == nameWords(foldedName) {
			return person.Pseudonym
		}
	}
	return foldedName
}

// nameWords normalizes the separators of a folded name: "dubois - leger"
// and "dubois-leger" are the same name.
func nameWords(folded string) string {
	return strings.Join(strings.FieldsFunc(folded, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }), " ")
}

// foldWithOffsets folds s and returns, for every byte offset of the
// folded text that starts a folded rune (and for its end), the offset of
// the original rune.
func foldWithOffsets(s string) (string, map[int]int) {
	var b strings.Builder
	starts := make(map[int]int, len(s)+1)
	for i, r := range s {
		starts[b.Len()] = i
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		} else {
			foldRune(&b, r)
		}
	}
	starts[b.Len()] = len(s)
	return b.String(), starts
}

// Incident returns a copy of in fit to leave the computer: every listed
// name replaced in every text, witnesses' contact details removed, and the
// medical note removed unless includeHealth.
func (p *Pseudonymizer) Incident(in *Incident, includeHealth bool) *Incident {
	c := in.Clone()
	for _, s := range []*string{&c.Place, &c.Workplace, &c.Authority, &c.Activity, &c.Description,
		&c.ExactWords, &c.PerpetratorRef, &c.Consequences, &c.WorkImpact, &c.MedicalNote, &c.Notes} {
		*s = p.Text(*s)
	}
	if !includeHealth {
		c.MedicalNote = ""
	}
	for i := range c.Witnesses {
		c.Witnesses[i].Role = p.Text(c.Witnesses[i].Role)
		c.Witnesses[i].Pseudonym = p.Text(c.Witnesses[i].Pseudonym)
		c.Witnesses[i].Contact = ""
	}
	for i := range c.Actions {
		c.Actions[i].Reference = p.Text(c.Actions[i].Reference)
		c.Actions[i].Answer = p.Text(c.Actions[i].Answer)
		c.Actions[i].Note = p.Text(c.Actions[i].Note)
	}
	if c.VideoCall != nil {
		c.VideoCall.Platform = p.Text(c.VideoCall.Platform)
		c.VideoCall.MeetingID = p.Text(c.VideoCall.MeetingID)
		for i := range c.VideoCall.Intruders {
			c.VideoCall.Intruders[i] = p.Text(c.VideoCall.Intruders[i])
		}
	}
	for i := range c.Evidence {
		c.Evidence[i].Name = p.Text(c.Evidence[i].Name)
		c.Evidence[i].Note = p.Text(c.Evidence[i].Note)
	}
	return c
}
