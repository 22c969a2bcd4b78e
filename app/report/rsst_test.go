package report

import (
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

func TestRSST(t *testing.T) {
	t.Parallel()
	m, secret := secretMemory(t)
	src := sourceOf(m)
	text, err := RSST(src, secret.ID[:4], RSSTOptions{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"FICHE RSST", "Claire Durand, professeure certifiée de biologie-écologie — Lycée agricole Jean-Monnet",
		"Salle de classe — salle B12", "Pendant le cours, Élève K s’est levé", "« Vous êtes nulle, je vais vous faire virer »",
		"Élève — Élève K", "AED (AED 1)", "Demande de protection fonctionnelle", "Mesures proposées",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the RSST text does not say %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Kevin", "Roussel", "Dr Fabre", "06 12 34", "\u00a0"} {
		if strings.Contains(app.Fold(text), app.Fold(bad)) {
			t.Errorf("the RSST text holds %q", bad)
		}
	}

	en, err := RSST(src, secret.ID, RSSTOptions{Lang: i18n.English})
	if err != nil || !strings.Contains(en, "RSST ENTRY") || !strings.Contains(en, "Classroom") {
		t.Errorf("English RSST text: %v\n%s", err, en)
	}
	if _, err := RSST(src, "zzzz", RSSTOptions{}); err == nil {
		t.Error("an unknown incident gave an RSST text")
	}
}
