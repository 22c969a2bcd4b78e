package report

import (
	"regexp"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
)

// TestLegalTexts checks, rule by rule, that the sentence a person reads
// for a rule of docs/legal-rules.md that is information only (a text of
// the legal annex, of a deadline's help or of a letter) says the rule, in
// French and in English. Each sub-test is named after its rule:
// -run 'TestLegalTexts/^PF-2$'.
func TestLegalTexts(t *testing.T) {
	type says struct {
		key    string
		fr, en []string
	}
	rules := []struct {
		rule string
		says []says
	}{
		{"CAL-6", []says{{"deadline.before", []string{"jusqu’au", "inclus"}, []string{"until", "last day"}}}},
		{"SAN-1", []says{
			{"deadline.sick_leave.help", []string{"dans les 48 heures suivant son établissement", "art. 25"}, []string{"48 hours"}},
			{"deadline.sick_leave.passed", []string{"un premier retard entraîne seulement un avertissement"}, []string{"a first delay only brings a warning"}}}},
		{"SAN-10", []says{{"report.legal.work_accident", []string{"Un accident survenu dans le temps et le lieu du service est présumé imputable au service"},
			[]string{"presumed to be work-related"}}}},
		{"SAN-11", []says{
			{"report.legal.work_accident", []string{"y compris une atteinte psychologique lorsqu’elle résulte d’un événement soudain et datable (jurisprudence, à vérifier)"},
				[]string{"including a psychological injury", "sudden and datable event"}},
			{"deadline.work_accident.help", []string{"même sans blessure physique"}, []string{"even without a physical injury"}},
			{"deadline.work_accident.coming", []string{"même psychologiquement"}, []string{"even psychologically"}}}},
		{"PF-2", []says{{"report.legal.protection", []string{"adressée à l’employeur à la date des faits"}, []string{"sent to the employer at the time of the facts"}}}},
		{"PF-6", []says{{"report.legal.protection", []string{"Aucun délai ne s’impose, mais la demande est à renouveler à chaque étape d’une procédure"},
			[]string{"There is no time limit", "renewed at each stage of proceedings"}}}},
		{"PF-7", []says{
			{"report.legal.protection", []string{"au recteur ou à la rectrice (dans le premier degré, souvent au DASEN), sous couvert de la voie hiérarchique",
				"recommandé avec accusé de réception est conseillé"}, []string{"often to the DASEN", "registered letter with acknowledgement of receipt"}},
			{"report.letter.advice", []string{"recommandé avec accusé de réception est conseillé"}, []string{"registered letter with acknowledgement of receipt"}}}},
		{"PF-8", []says{{"report.legal.agricultural", []string{"SG/DAJ/MDA/2025-468", "avis motivé du supérieur hiérarchique"},
			[]string{"SG/DAJ/MDA/2025-468", "reasoned opinion of the line manager"}}}},
		{"PF-11", []says{{"deadline.protection_appeal.help", []string{"Entre l’administration et ses agents, ce délai court même sans accusé de réception"},
			[]string{"runs even without an acknowledgement of receipt"}}}},
		{"PF-12", []says{
			{"report.legal.protection", []string{"Un refus exprès doit être motivé"}, []string{"A written refusal must give its reasons"}},
			{"report.letter.closing", []string{"en cas de refus, devra être motivée"}, []string{"must give its reasons"}}}},
		{"PEN-7", []says{{"deadline.private_insult.help", []string{"se prescrit aussi par trois mois", "outrage (code pénal, art. 433-5), qui se prescrit par six ans", "La qualification revient au procureur"},
			[]string{"three months", "433-5", "six years"}}}},
		{"PEN-8", []says{{"report.legal.complaint", []string{"1 an pour une contravention, 6 ans pour un délit", "pour un harcèlement, à compter du dernier acte"},
			[]string{"1 year for a petty offence, 6 years for a délit", "from the last act"}}}},
		{"PEN-13", []says{{"report.legal.complaint", []string{"Une main courante ne fait qu’enregistrer les faits, sans enquête"}, []string{"only records the facts, without an investigation"}}}},
		{"PEN-16", []says{{"report.legal.complaint", []string{"menaces contre une personne chargée d’une mission de service public (art. 433-3)"}, []string{"art. 433-3"}}}},
		{"PEN-18", []says{{"report.legal.complaint", []string{"divulgation d’informations personnelles (art. 223-1-1)", "usurpation d’identité (art. 226-4-1)"},
			[]string{"art. 223-1-1", "art. 226-4-1"}}}},
		{"REG-5", []says{{"report.legal.dgi", []string{"registre spécial, daté et signé", "la nature et la cause du danger, les personnes exposées et les mesures prises"},
			[]string{"special register, dated and signed"}}}},
		{"REG-7", []says{{"report.legal.committee", []string{"Depuis le 1er janvier 2023", "remplace le CHSCT", "mènent des enquêtes", "effectuent des visites et rendent des avis"},
			[]string{"Since 1 January 2023", "replaced the CHSCT", "inquiries"}}}},
		{"ETA-2", []says{{"report.legal.school", []string{"dans le premier degré, le directeur d’école ou l’IEN — qui saisit le fait",
			"1 (fait préoccupant, non transmis), 2 (fait grave) ou 3 (fait d’une extrême gravité)", "les niveaux 2 et 3 sont transmis au DASEN et au recteur", "gardé 5 ans"},
			[]string{"levels 2 and 3 go to the DASEN and the recteur", "kept 5 years"}}}},
		{"WEB-3", []says{{"report.legal.online", []string{"PNAV, tchat avec des policiers et gendarmes"}, []string{"PNAV, a chat with police officers"}}}},
		{"WEB-4", []says{{"report.legal.online", []string{"3018 pour les jeunes et leurs parents"}, []string{"3018 for young people and their parents"}}}},
		{"WEB-5", []says{{"report.legal.online", []string{"Conserver l’adresse (URL) et une capture d’écran datée", "constat de commissaire de justice a plus de force"},
			[]string{"Keep the address (URL) and a dated screenshot", "carries more weight"}}}},
		{"RGPD-3", []says{{"report.privacy.rules", []string{"Une victime peut traiter des données relatives à des infractions pour préparer une action en justice (loi n° 78-17 du 6 janvier 1978, art. 46, numéro à vérifier)"},
			[]string{"A victim may process data about offences to prepare legal action"}}}},
		{"RGPD-4", []says{{"report.privacy.rules", []string{"peut ne pas relever de l’exemption domestique du RGPD (à vérifier)"}, []string{"household exemption (to check)"}}}},
	}
	for _, r := range rules {
		t.Run(r.rule, func(t *testing.T) {
			for _, s := range r.says {
				for lang, want := range map[i18n.Lang][]string{i18n.French: s.fr, i18n.English: s.en} {
					if !lang.Has(s.key) {
						t.Fatalf("%s: no text %s", lang, s.key)
					}
					text := squash(lang.N(s.key, 2))
					for _, w := range want {
						if !strings.Contains(text, squash(w)) {
							t.Errorf("%s %s does not say %q:\n%s", lang, s.key, w, text)
						}
					}
				}
			}
		})
	}
}

// TestLegalTextsNeverSay is the other half: what no text may say. A
// victim's protection is « sans qu'une faute personnelle puisse lui être
// imputée », never the « faute détachable » of an agent prosecuted
// (PF-3); article 48 of the press law is not cited before it is read
// (PEN-20); the DGI register is not « CGFP, art. R253-58 » (REG-6).
func TestLegalTextsNeverSay(t *testing.T) {
	never := map[string]*regexp.Regexp{
		"PF-3":   regexp.MustCompile(`(?i)d[ée]tachable`),
		"PEN-20": regexp.MustCompile(`(?i)\bart(icle|\.)\s*48\b`),
		"REG-6":  regexp.MustCompile(`R253-`),
	}
	for rule, bad := range never {
		t.Run(rule, func(t *testing.T) {
			for _, lang := range i18n.Languages {
				for key, text := range lang.Texts("") {
					if bad.MatchString(text) {
						t.Errorf("%s %s says %q: %s", lang, key, bad.FindString(text), text)
					}
				}
			}
		})
	}
}
