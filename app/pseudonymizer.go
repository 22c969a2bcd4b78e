package app

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pseudonymizer replaces the names of a people list by their pseudonyms,
// in every form a person is called by, ignoring case and accents: for
// "Lucas Bernard" → "Élève A", the full name, "Lucas" and "Bernard"
// alone, "M. Bernard", the initials "L. B." and "L.B.", and the forms the
// person added ("Lulu"). Words are whole: "Martinez" is not "Martin", and
// "Jean-Marc" is one word, not "Jean"; an elided article is not part of
// the word ("d'Ilyès" holds "Ilyès"). The longest form wins.
//
// A single word that is also a common French word ("Rose", "Pierre",
// "Blanc") is not replaced unless the person added it as a form: the list
// of replacements says which words were held back, for the person to
// confirm.
type Pseudonymizer struct {
	forms []form
	// multi matches the forms of several words, single those of one word,
	// longest first, on folded text. A hyphen ends a word for the first
	// ("salle-kevin-martin" holds "Kevin Martin") and not for the second
	// ("Jean-Marc" does not hold "Jean").
	multi, single *regexp.Regexp
	byKey         map[string]int // folded form (separators normalized) → index in forms
	list          []Replacement
}

// form is one way a person is called, folded, and who it stands for.
type form struct {
	key       string // folded, separators normalized
	pattern   string // its regular expression
	pseudonym string // the replacement (two pseudonyms when the form is shared)
	rank      int    // 0: a name or a form the person gave; 1: derived
}

// Replacement is what the documents will replace for one person: the
// forms replaced, and the common words held back until confirmed (by
// adding them as forms).
type Replacement struct {
	Name, Pseudonym string
	Forms           []string // as they will be matched: « Lucas Bernard », « Lucas », « L. B. »
	Held            []string // common words not replaced: « Rose »
}

// civilities are the titles written before a surname.
var civilities = []string{"madame", "mademoiselle", "monsieur", "mme", "mlle", "mr", "m"}

// particles are the short words of a name that are never a form alone.
var particles = map[string]bool{"van": true, "von": true, "des": true, "del": true, "der": true, "den": true}

// NewPseudonymizer prepares the replacement of the given people.
func NewPseudonymizer(people []Person) *Pseudonymizer {
	p := &Pseudonymizer{byKey: map[string]int{}}
	for _, person := range people {
		if strings.TrimSpace(person.Name) == "" || strings.TrimSpace(person.Pseudonym) == "" {
			continue
		}
		r := Replacement{Name: person.Name, Pseudonym: person.Pseudonym}
		for _, f := range personForms(person) {
			if f.held {
				r.Held = append(r.Held, f.display)
				continue
			}
			if p.addForm(f, person.Pseudonym) {
				r.Forms = append(r.Forms, f.display)
			}
		}
		p.list = append(p.list, r)
	}
	p.compile()
	return p
}

// NewNamer prepares the opposite replacement: each pseudonym, as written
// and as a whole, by the person's name ("Parent P1" → "Mme Lemaire"), for
// the letter to the employer, which must name the adults it can act
// against. No form is derived: "Parent" alone is a word, not a name.
func NewNamer(people []Person) *Pseudonymizer {
	p := &Pseudonymizer{byKey: map[string]int{}}
	for _, person := range people {
		if strings.TrimSpace(person.Name) == "" || strings.TrimSpace(person.Pseudonym) == "" {
			continue
		}
		p.addForm(candidate{display: strings.TrimSpace(person.Pseudonym)}, strings.TrimSpace(person.Name))
	}
	p.compile()
	return p
}

// Replacements lists, person by person, the forms the documents replace
// and the common words held back: the report screen shows them before a
// document is written.
func (p *Pseudonymizer) Replacements() []Replacement {
	if p == nil {
		return nil
	}
	return slices.Clone(p.list)
}

// candidate is a form of a person's name before it is added.
type candidate struct {
	display string // as the person reads it
	key     string // folded; "" for nameWords(fold(display))
	rank    int
	held    bool // a common word: not replaced unless confirmed
}

// personForms returns every form of a person's name: the name as written
// and the forms the person added (rank 0), then its words, the surname
// after any title and the initials (rank 1).
func personForms(person Person) []candidate {
	out := []candidate{{display: strings.TrimSpace(person.Name)}}
	added := map[string]bool{}
	for _, f := range person.Forms {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, candidate{display: f})
			added[nameWords(fold(f))] = true
		}
	}
	words := nameParts(person.Name)
	var initials []string
	for i, w := range words {
		letters := strings.TrimRight(w, ".")
		if initial, _ := utf8.DecodeRuneInString(letters); unicode.IsLetter(initial) {
			initials = append(initials, string(unicode.ToUpper(initial)))
		}
		if utf8.RuneCountInString(letters) < 3 || particles[fold(letters)] || isCivility(letters) {
			continue
		}
		held := isCommonWord(letters) && !added[fold(letters)]
		out = append(out, candidate{display: letters, rank: 1, held: held})
		if i == len(words)-1 && len(words) > 1 || len(words) == 1 && len(strings.Fields(person.Name)) > 1 {
			// The surname after a title, in any of its spellings.
			out = append(out, candidate{display: "M./Mme " + letters, key: "m. " + nameWords(fold(letters)), rank: 1})
		}
	}
	if len(initials) >= 2 {
		out = append(out, candidate{display: strings.Join(initials, ". ") + ".", rank: 1},
			candidate{display: strings.Join(initials, ".") + ".", rank: 1})
	}
	return out
}

// nameParts returns the words of a name, without its title: "Mme
// Lemaire" → ["Lemaire"].
func nameParts(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		if !isCivility(w) {
			out = append(out, w)
		}
	}
	return out
}

func isCivility(w string) bool {
	return slices.Contains(civilities, strings.TrimRight(fold(w), "."))
}

// addForm records a form of a person's name; it reports whether the form
// stands for that person alone. A form two people share stands for both
// (« Élève A / Élève B »): a first name may be common to two pupils.
func (p *Pseudonymizer) addForm(c candidate, pseudonym string) bool {
	key, rank := c.key, c.rank
	if key == "" {
		key = nameWords(fold(c.display))
	}
	if key == "" {
		return false
	}
	if i, ok := p.byKey[key]; ok {
		f := &p.forms[i]
		switch {
		case f.pseudonym == pseudonym || strings.Contains(f.pseudonym, " / "+pseudonym) || strings.HasPrefix(f.pseudonym, pseudonym+" / "):
			return false
		case rank < f.rank: // a name given beats a derived form
			f.pseudonym, f.rank = pseudonym, rank
		case rank == f.rank:
			f.pseudonym += " / " + pseudonym
		default:
			return false
		}
		return true
	}
	p.byKey[key] = len(p.forms)
	p.forms = append(p.forms, form{key: key, pattern: formPattern(key), pseudonym: pseudonym, rank: rank})
	return true
}

// formPattern is the regular expression of a folded form: its words
// separated by spaces or hyphens, a dot optionally followed by spaces, a
// title before a surname in any of its spellings.
func formPattern(key string) string {
	var b strings.Builder
	for i, w := range strings.Fields(key) {
		switch {
		case i == 0 && isCivility(w) && strings.Contains(key, " "):
			b.WriteString(`(?:(?:madame|mademoiselle|monsieur|mme|mlle|mr)\s+|(?:mme|mlle|mr|m)\.\s*)`)
			continue
		case i > 0 && !strings.HasSuffix(b.String(), `\s*`) && !strings.HasSuffix(b.String(), `\s*)`):
			b.WriteString(`[\s\-]+`)
		}
		b.WriteString(strings.ReplaceAll(regexp.QuoteMeta(w), `\.`, `\.\s*`))
	}
	return strings.TrimSuffix(b.String(), `\s*`)
}

// compile builds the two expressions that find every form, longest
// first.
func (p *Pseudonymizer) compile() {
	var multi, single []int
	for i, f := range p.forms {
		if strings.Contains(f.key, " ") {
			multi = append(multi, i)
		} else {
			single = append(single, i)
		}
	}
	p.multi = p.expression(multi, `\p{L}\p{N}`)
	p.single = p.expression(single, `\p{L}\p{N}\-`)
}

// expression matches any of the forms given, longest first, between two
// characters that are not of wordChars (or the ends of the text).
func (p *Pseudonymizer) expression(forms []int, wordChars string) *regexp.Regexp {
	if len(forms) == 0 {
		return nil
	}
	slices.SortStableFunc(forms, func(a, b int) int { return len(p.forms[b].key) - len(p.forms[a].key) })
	alts := make([]string, len(forms))
	for i, k := range forms {
		alts[i] = p.forms[k].pattern
	}
	return regexp.MustCompile(`(^|[^` + wordChars + `])(` + strings.Join(alts, "|") + `)([^` + wordChars + `]|$)`)
}

// next finds the next form in folded from pos: the start and end of the
// name itself, without its borders; the earliest of both expressions, the
// longest when they start together.
func (p *Pseudonymizer) next(folded string, pos int) (int, int, bool) {
	best, bestEnd, found := 0, 0, false
	for _, re := range []*regexp.Regexp{p.multi, p.single} {
		if re == nil {
			continue
		}
		m := re.FindStringSubmatchIndex(folded[pos:])
		if m == nil {
			continue
		}
		s, e := pos+m[4], pos+m[5]
		if !found || s < best || s == best && e > bestEnd {
			best, bestEnd, found = s, e, true
		}
	}
	return best, bestEnd, found
}

// Text returns s with every form of a listed name replaced by its
// pseudonym.
func (p *Pseudonymizer) Text(s string) string { return p.replace(s, false) }

// Quote returns exact words with every form of a listed name replaced by
// its pseudonym in square brackets, which say the quotation was edited:
// « Dis à [Élève A] qu'il arrête ».
func (p *Pseudonymizer) Quote(s string) string { return p.replace(s, true) }

func (p *Pseudonymizer) replace(s string, brackets bool) string {
	if p == nil || (p.multi == nil && p.single == nil) || s == "" {
		return s
	}
	// Match on the folded text, then cut the original at the same places:
	// folding maps each rune of s to a known number of bytes.
	folded, starts := foldWithOffsets(s)
	var b strings.Builder
	last := 0
	for pos := 0; pos <= len(folded); {
		ns, ne, ok := p.next(folded, pos)
		if !ok {
			break
		}
		b.WriteString(s[last:starts[ns]])
		ps := p.pseudonymOf(folded[ns:ne])
		if brackets {
			ps = "[" + ps + "]"
		}
		b.WriteString(ps)
		last = starts[ne]
		// The right border may begin the next name: resume on it.
		pos = ne
	}
	b.WriteString(s[last:])
	return b.String()
}

// pseudonymOf returns the pseudonym of a matched form.
func (p *Pseudonymizer) pseudonymOf(folded string) string {
	key := nameWords(folded)
	if i, ok := p.byKey[key]; ok {
		return p.forms[i].pseudonym
	}
	words := strings.Fields(key)
	titled := len(words) > 1 && isCivility(words[0])
	for _, f := range p.forms {
		fw := strings.Fields(f.key)
		switch {
		case titled && len(fw) > 1 && isCivility(fw[0]) && slices.Equal(fw[1:], words[1:]):
			return f.pseudonym // a title spelled otherwise: "madame lemaire"
		case strings.ReplaceAll(f.key, " ", "") == strings.ReplaceAll(key, " ", ""):
			return f.pseudonym // initials spaced otherwise
		}
	}
	return folded
}

// nameWords normalizes the separators of a folded name: "dubois - leger"
// and "dubois-leger" are the same name, and so are "l.b." and "l. b.".
func nameWords(folded string) string {
	folded = strings.ReplaceAll(folded, ".", ". ")
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
// name replaced in every text (in square brackets inside the exact words),
// witnesses' contact details removed, and the medical note removed unless
// includeHealth.
func (p *Pseudonymizer) Incident(in *Incident, includeHealth bool) *Incident {
	c := in.Clone()
	for _, s := range []*string{&c.Place, &c.Workplace, &c.Authority, &c.Activity, &c.Description,
		&c.PerpetratorRef, &c.Consequences, &c.WorkImpact, &c.MedicalNote, &c.Notes, &c.Dispute} {
		*s = p.Text(*s)
	}
	c.ExactWords = p.Quote(c.ExactWords)
	if !includeHealth {
		c.MedicalNote = ""
		c.MedicalFindingOn = Date{}
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
