package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// TestRSST: the register's fields, names of nobody but the author, no
// health data, no private step unless the author adds it (defect 9 of
// issue 11: the register is open to all staff).
func TestRSST(t *testing.T) {
	t.Parallel()
	m, secret := secretMemory(t)
	src := sourceOf(m)
	text, err := RSST(src, secret.ID[:4], RSSTOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"FICHE RSST", "Date de rédaction : " + strings.ReplaceAll(newTexts(i18n.French).Date(testNow), "\u00a0", " "),
		"Agent : Claire Durand, professeure certifiée de biologie-écologie — Lycée agricole Jean-Monnet",
		"Type de signalement : atteinte aux personnes — incident", "Circonstances :",
		"Salle de classe — salle B12", "Pendant le cours, Élève K s’est levé", "« Vous êtes nulle, je vais vous faire virer »",
		"Personnes en cause : Élève — Élève K ; témoins : AED", "Mesures proposées",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the RSST text does not say %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Kevin", "Roussel", "Dr Fabre", "06 12 34", "\u00a0", "protection fonctionnelle demandée",
		"Demande de protection fonctionnelle", "temoin "} {
		if strings.Contains(app.Fold(text), app.Fold(bad)) {
			t.Errorf("the RSST text holds %q", bad)
		}
	}
	added, err := RSST(src, secret.ID, RSSTOptions{Steps: []string{"functional_protection"}, Risk: true, Now: testNow})
	if err != nil || !strings.Contains(added, "Demande de protection fonctionnelle") || !strings.Contains(added, "risque identifié") {
		t.Errorf("a step the author adds: %v\n%s", err, added)
	}

	en, err := RSST(src, secret.ID, RSSTOptions{Lang: i18n.English})
	if err != nil || !strings.Contains(en, "RSST ENTRY") || !strings.Contains(en, "Classroom") {
		t.Errorf("English RSST text: %v\n%s", err, en)
	}
	if _, err := RSST(src, "zzzz", RSSTOptions{}); err == nil {
		t.Error("an unknown incident gave an RSST text")
	}
}

// TestRSSTLeavesHealthOut: an effect on work that speaks of health, the
// sick leave, the complaint and the union contact stay out of the register.
func TestRSSTLeavesHealthOut(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -2), Kinds: []string{"insult"}, Channels: []string{"in_person"},
		Setting: "classroom", Description: "Insultes en classe.", WorkImpact: "Trois jours d’arrêt de travail.",
		Consequences: "Angoisse, insomnie.",
		Actions: []app.Action{{Kind: "complaint", Date: app.DateOf(testNow), Reference: "PV 2026/1", Status: "done"},
			{Kind: "union", Date: app.DateOf(testNow), Status: "done"}, {Kind: "sick_leave", Date: app.DateOf(testNow), Status: "done"},
			{Kind: "hierarchy_alert", Date: app.DateOf(testNow), Status: "done"}}})
	res, err := RSSTText(sourceOf(m), in.ID, RSSTOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"arrêt", "Angoisse", "Plainte", "PV 2026", "syndical"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("the RSST text holds %q:\n%s", bad, res.Text)
		}
	}
	if !strings.Contains(res.Text, "Alerte de la hiérarchie") || !hasWarning(res.Warnings, WarnHealthInWork) || !hasWarning(res.Warnings, WarnNoProfile) {
		t.Errorf("warnings %v:\n%s", res.Warnings, res.Text)
	}
	if !strings.Contains(res.Text, "(à compléter : nom, fonction, établissement)") {
		t.Error("an entry without its author does not say what to complete")
	}
	var buf bytes.Buffer
	if _, err := WriteRSST(context.Background(), sourceOf(m), in.ID, RSSTOptions{Now: testNow}, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	if pdf := pdfText(t, buf.Bytes()); !strings.Contains(pdf, "Insultes en classe.") || !strings.Contains(pdf, "consultable par tous les personnels") {
		t.Errorf("the RSST PDF: %s", pdf)
	}
}
