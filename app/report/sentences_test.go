package report

import (
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// TestDeadlineSentences checks what the deadlines say, in the documents
// and on the screens: the last day with its weekday (« jusqu'au jeudi 10
// décembre 2026 inclus », never « avant le »), the exceptions to a late
// declaration, the provisional CITIS, what stops the press clock and what
// does not, « réputée rejetée », « au plus tôt ».
func TestDeadlineSentences(t *testing.T) {
	day := func(y int, m time.Month, d int) app.Date { return app.Date{Year: y, Month: m, Day: d} }
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	sentence := func(in app.Incident, today app.Date, rule string, voice Voice) string {
		t.Helper()
		for _, d := range app.IncidentDeadlines(&in, today) {
			if d.Rule == rule {
				return squash(DeadlineText(i18n.French, d, today, voice))
			}
		}
		t.Fatalf("no %s deadline", rule)
		return ""
	}
	cases := []struct {
		in    app.Incident
		today app.Date
		rule  string
		voice Voice
		want  []string
	}{
		{app.Incident{OccurredAt: at(2026, 11, 25)}, day(2026, 12, 1), app.RuleWorkAccident, ToAuthor,
			[]string{"jusqu’au jeudi 10 décembre 2026 inclus", "votre santé"}},
		{app.Incident{OccurredAt: at(2026, 9, 25)}, day(2026, 12, 1), app.RuleWorkAccident, AboutAuthor,
			[]string{"dépassé depuis le", "force majeure, impossibilité absolue ou motif légitime", "dans les deux ans"}},
		{app.Incident{OccurredAt: at(2026, 10, 1), Actions: []app.Action{{Kind: "work_accident", Date: day(2026, 10, 30), ReceivedOn: day(2026, 11, 2)}}},
			day(2026, 12, 10), app.RuleAccidentDecision, AboutAuthor, []string{"CITIS", "à titre provisoire"}},
		{app.Incident{OccurredAt: at(2026, 9, 22), Kinds: []string{"insult"}, Diffusion: "public",
			Actions: []app.Action{{Kind: "complaint", Date: day(2026, 10, 1)}, {Kind: "online_report", Date: day(2026, 9, 23)}}},
			day(2026, 12, 1), app.RulePressComplaint, ToAuthor,
			[]string{"jusqu’au mardi 22 décembre 2026 inclus", "Votre plainte du 1er octobre 2026 n’interrompt pas ce délai",
				"plainte avec constitution de partie civile", "sans attendre trois mois"}},
		{app.Incident{OccurredAt: at(2026, 11, 30), Kinds: []string{"defamation"}, Diffusion: "public"}, day(2026, 12, 1),
			app.RulePressComplaint, ToAuthor, []string{"Ce jour est un dimanche : agissez au plus tard le vendredi 26 février 2027"}},
		{app.Incident{OccurredAt: at(2026, 2, 24), DiscoveredOn: day(2026, 3, 10), Kinds: []string{"discrimination"}, Diffusion: "public"},
			day(2026, 3, 11), app.RulePressComplaintDiscrimination, ToAuthor, []string{"prescription d’un an", "même si vous l’avez découverte plus tard"}},
		{app.Incident{OccurredAt: at(2026, 9, 1), Actions: []app.Action{{Kind: "functional_protection", Date: day(2026, 9, 12)}}},
			day(2026, 10, 1), app.RuleProtectionAnswer, AboutAuthor, []string{"réputée rejetée deux mois après sa réception, au plus tôt le jeudi 12 novembre 2026"}},
		{app.Incident{OccurredAt: at(2026, 9, 1), Actions: []app.Action{{Kind: "functional_protection", Date: day(2026, 9, 10), ReceivedOn: day(2026, 9, 12)}}},
			day(2026, 12, 1), app.RuleProtectionAppeal, ToAuthor, []string{"recours gracieux ou recours devant le tribunal administratif jusqu’au mercredi 13 janvier 2027 inclus", "demander les motifs"}},
		{app.Incident{OccurredAt: at(2026, 4, 1), Actions: []app.Action{{Kind: "rsst", Date: day(2026, 4, 6), Reference: "RSST n° 2026-014", Status: "awaiting_answer"}}},
			day(2026, 12, 1), app.RuleRSSTSilence, AboutAuthor, []string{"Fiche RSST n° 2026-014 du 6 avril 2026 : sans réponse depuis 7 mois et 25 jours."}},
	}
	for _, c := range cases {
		s := sentence(c.in, c.today, c.rule, c.voice)
		for _, w := range c.want {
			if !strings.Contains(s, squash(w)) {
				t.Errorf("%s: %q lacks %q", c.rule, s, w)
			}
		}
		for _, bad := range []string{"avant le", "refus implicite", "implicitement refusée", "{{", "<no value>"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s says %q: %s", c.rule, bad, s)
			}
		}
	}
}

// TestLegalAnnexCitesItsTexts: the legal references name the texts the
// rules come from (docs/legal-rules.md), and none that does not exist.
func TestLegalAnnexCitesItsTexts(t *testing.T) {
	fr := newTexts(i18n.French)
	all := ""
	for _, topic := range legalTopics {
		all += squash(fr.t("report.legal."+topic)) + " "
	}
	for _, want := range []string{"L134-5", "sans qu’une faute personnelle puisse être imputée", "L231-4", "R421-1 et R421-2", "L411-2", "L232-4",
		"décret n° 2017-97", "art. 47-3", "art. 25", "art. 47-5", "art. 65 et 65-3", "Une plainte simple n’interrompt pas ce délai",
		"art. 85", "art. 40-3", "art. 15-3", "R421-10-2", "art. 5-6 à 5-9", "art. 3-2", "consultable par l’ensemble des personnels",
		"PHAROS", "ce n’est pas une plainte et il n’arrête aucun délai", "code civil, art. 9", "226-1 et 226-2", "SG/SRH/SDDPRS/2016-336",
		"SG/DAJ/MDA/2025-468", "433-5", "222-33-2-2", "223-1-1"} {
		if !strings.Contains(all, squash(want)) {
			t.Errorf("the legal annex does not cite %q", want)
		}
	}
	for _, bad := range []string{"R253-58", "temoin ", "vaut refus"} {
		if strings.Contains(all, bad) {
			t.Errorf("the legal annex says %q", bad)
		}
	}
}
