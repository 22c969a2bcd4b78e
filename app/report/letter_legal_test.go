package report

import (
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// TestLegalLetters checks, rule by rule, what the protection letter says
// when the profile names no addressee: the recteur in the second degree,
// the DASEN in the first (PF-7), the DRAAF and never the recteur in
// agricultural education (ETA-4); the request that the employer report
// the facts to the prosecutor only when they look like an offence
// (PEN-12); the decision asked to give its reasons if it is a refusal
// (PF-12); pupils never named, adults named (RGPD-6); the letter whatever
// the agent's status (PF-5). Sub-tests: -run 'TestLegalLetters/^PF-7$'.
func TestLegalLetters(t *testing.T) {
	t.Parallel()
	letter := func(t *testing.T, p app.Profile, in app.Incident, people []app.Person) string {
		t.Helper()
		m := apptest.NewMemory()
		m.SetProfile(p)
		for _, person := range people {
			m.AddPerson(person)
		}
		in.OccurredAt, in.Channels = testNow.AddDate(0, 0, -5), []string{"in_person"}
		if in.Description == "" {
			in.Description = "Des faits."
		}
		created := m.Create(t, &in)
		text, _ := writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{created.ID}})
		return text
	}
	second := app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola", Authority: "académie de Lille"}
	first := app.Profile{Name: "Claire Durand", Function: "professeure des écoles", Workplace: "École Jaurès", FirstDegree: true}
	agri := app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Lycée agricole", Agricultural: true}
	threat := app.Incident{Kinds: []string{"threat"}, Setting: "classroom"}
	privateInsult := app.Incident{Kinds: []string{"insult"}, Diffusion: "private", Setting: "classroom"}
	// People entered without a role: the pupil is known by the pseudonym
	// the list gives him, the parent is an adult.
	unroled := []app.Person{{Name: "Kevin Martin", Pseudonym: "Élève K"}, {Name: "Mme Lemaire", Pseudonym: "Parent P1"}}
	named := app.Incident{Kinds: []string{"threat"}, Setting: "classroom", Perpetrator: "pupil", PerpetratorRef: "Élève K",
		Description: "Kevin Martin a menacé ; Mme Lemaire l’a appris."}
	cases := []struct {
		rule      string
		p         app.Profile
		in        app.Incident
		people    []app.Person
		want, not []string
	}{
		{"PF-7", second, threat, nil, []string{"[Madame la Rectrice / Monsieur le Recteur] de l’académie de Lille", "Sous couvert de la voie hiérarchique"},
			[]string{"des services de l’éducation nationale"}},
		{"PF-7", first, threat, nil, []string{"[Madame la Directrice académique / Monsieur le Directeur académique] des services de l’éducation nationale",
			"Sous couvert de la voie hiérarchique"}, []string{"Recteur", "Rectrice"}},
		{"ETA-4", agri, threat, nil, []string{"de l’alimentation, de l’agriculture et de la forêt"}, []string{"Recteur", "Rectrice", " recteur", " rectrice", "académie"}},
		{"PEN-12", second, threat, nil, []string{"et de signaler vous-même ces faits au procureur de la République"}, nil},
		{"PEN-12", second, privateInsult, nil, nil, []string{"procureur"}},
		{"PF-12", second, privateInsult, nil, []string{"Je vous remercie de bien vouloir me faire connaître votre décision, qui, en cas de refus, devra être motivée."}, nil},
		// Every agent may ask, whatever the status.
		{"PF-5", app.Profile{Name: "Claire Durand", Function: "professeure contractuelle", Workplace: "Collège Zola", Status: "contractuel"}, threat, nil,
			[]string{"Demande de protection fonctionnelle", "articles L134-1 et suivants"}, nil},
		{"PF-5", app.Profile{Name: "Claire Durand", Function: "professeure stagiaire", Workplace: "Collège Zola", Status: "stagiaire"}, threat, nil,
			[]string{"Demande de protection fonctionnelle", "articles L134-1 et suivants"}, nil},
		// A pupil is never named, even entered without a role; an adult is.
		{"RGPD-6", second, named, unroled, []string{"Mme Lemaire l’a appris"}, []string{"Kevin", "Martin"}},
	}
	for i, c := range cases {
		if i > 0 && cases[i-1].rule == c.rule {
			continue
		}
		t.Run(c.rule, func(t *testing.T) {
			t.Parallel()
			for _, c := range cases[i:] {
				if c.rule != cases[i].rule {
					break
				}
				text := letter(t, c.p, c.in, c.people)
				for _, w := range c.want {
					if !strings.Contains(text, squash(w)) {
						t.Errorf("the letter (%s) does not say %q:\n%s", c.p.Workplace, w, text)
					}
				}
				for _, bad := range c.not {
					if strings.Contains(text, bad) {
						t.Errorf("the letter (%s) says %q:\n%s", c.p.Workplace, bad, text)
					}
				}
			}
		})
	}
}

// TestLegalSchoolReport checks the request to enter a fact in « Faits
// établissement »: article R421-10-2 of the code de l'éducation binds the
// heads of collèges and lycées, not schools (ETA-1); in the first degree
// the request goes to the school's director (DOC-4).
// Sub-tests: -run 'TestLegalSchoolReport/^ETA-1$'.
func TestLegalSchoolReport(t *testing.T) {
	t.Parallel()
	second := app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola"}
	first := app.Profile{Name: "Claire Durand", Function: "professeure des écoles", Workplace: "École Jaurès", FirstDegree: true}
	request := func(t *testing.T, p app.Profile) string {
		t.Helper()
		m, in := formJournal(t, p)
		return writeForm(t, schoolReport, sourceOf(m), FormOptions{IncidentID: in.ID})
	}
	t.Run("ETA-1", func(t *testing.T) {
		if text := request(t, second); !strings.Contains(text, "Code de l’éducation, article R421-10-2") {
			t.Errorf("a collège's request does not cite article R421-10-2:\n%s", text)
		}
		if text := request(t, first); strings.Contains(text, "R421-10-2") || !strings.Contains(text, squash("Réf. : Application « Faits établissement »")) {
			t.Errorf("a school's request cites the article of collèges and lycées:\n%s", text)
		}
	})
	t.Run("DOC-4", func(t *testing.T) {
		text := request(t, first)
		for _, want := range []string{"[Madame la Directrice / Monsieur le Directeur] de l’école", "[Madame la Directrice / Monsieur le Directeur],",
			"Je vous laisse bien entendu en juger"} {
			if !strings.Contains(text, squash(want)) {
				t.Errorf("a school's request does not say %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "Proviseur") {
			t.Errorf("a school's request is addressed to a proviseur:\n%s", text)
		}
	})
}
