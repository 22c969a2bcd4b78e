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
// (PF-12). Sub-tests: -run 'TestLegalLetters/^PF-7$'.
func TestLegalLetters(t *testing.T) {
	t.Parallel()
	letter := func(t *testing.T, p app.Profile, in app.Incident) string {
		t.Helper()
		m := apptest.NewMemory()
		m.SetProfile(p)
		in.OccurredAt, in.Channels, in.Description = testNow.AddDate(0, 0, -5), []string{"in_person"}, "Des faits."
		created := m.Create(t, &in)
		text, _ := writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{created.ID}})
		return text
	}
	second := app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola", Authority: "académie de Lille"}
	first := app.Profile{Name: "Claire Durand", Function: "professeure des écoles", Workplace: "École Jaurès", FirstDegree: true}
	agri := app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Lycée agricole", Agricultural: true}
	threat := app.Incident{Kinds: []string{"threat"}, Setting: "classroom"}
	privateInsult := app.Incident{Kinds: []string{"insult"}, Diffusion: "private", Setting: "classroom"}
	cases := []struct {
		rule      string
		p         app.Profile
		in        app.Incident
		want, not []string
	}{
		{"PF-7", second, threat, []string{"[Madame la Rectrice / Monsieur le Recteur] de l’académie de Lille", "Sous couvert de la voie hiérarchique"},
			[]string{"des services de l’éducation nationale"}},
		{"PF-7", first, threat, []string{"[Madame la Directrice académique / Monsieur le Directeur académique] des services de l’éducation nationale",
			"Sous couvert de la voie hiérarchique"}, []string{"Recteur", "Rectrice"}},
		{"ETA-4", agri, threat, []string{"de l’alimentation, de l’agriculture et de la forêt"}, []string{"Recteur", "Rectrice", " recteur", " rectrice", "académie"}},
		{"PEN-12", second, threat, []string{"et de signaler vous-même ces faits au procureur de la République"}, nil},
		{"PEN-12", second, privateInsult, nil, []string{"procureur"}},
		{"PF-12", second, privateInsult, []string{"Je vous remercie de bien vouloir me faire connaître votre décision, qui, en cas de refus, devra être motivée."}, nil},
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
				text := letter(t, c.p, c.in)
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
