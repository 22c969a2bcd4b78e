package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

const testPass = "phrase de passe de test"

// TestMain lets the test binary act as the temoin command when a test
// re-executes it as a child process (to kill it in the middle of a write).
func TestMain(m *testing.M) {
	if args := os.Getenv("TEMOIN_TEST_CHILD_ARGS"); args != "" {
		var argv []string
		if err := json.Unmarshal([]byte(args), &argv); err != nil {
			panic(err)
		}
		os.Exit(childMain(argv))
	}
	os.Exit(m.Run())
}

// newVault creates a vault with a free key derivation, locks it, and
// points the command line at it.
func newVault(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	j, _, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	t.Setenv("TEMOIN_VAULT", dir)
	t.Setenv("TEMOIN_PASSPHRASE", testPass)
	t.Setenv("TEMOIN_LANG", "fr")
	return dir
}

// run runs the command line in-process and returns what it printed and
// its exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := Main(args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return out.String(), errOut.String(), status
}

func mustRun(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errOut, status := run(t, stdin, args...)
	if status != 0 {
		t.Fatalf("temoin %s: status %d\n%s%s", strings.Join(args, " "), status, out, errOut)
	}
	return out
}

func listJSON(t *testing.T, args ...string) []app.Incident {
	t.Helper()
	var list []app.Incident
	out := mustRun(t, "", append([]string{"list", "--json"}, args...)...)
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	return list
}

const incidentJSON = `{
  "occurred_at": "2026-03-03T14:05:00+01:00",
  "kinds": ["threat", "video_intrusion"],
  "channels": ["video_call"],
  "setting": "remote_home",
  "perpetrator": "outsider",
  "perpetrator_ref": "Intrus I1",
  "description": "Un inconnu s’est introduit dans la classe virtuelle de l’Élève A.",
  "exact_words": "« On sait où tu habites »",
  "witnesses": [{"role": "collègue", "pseudonym": "C1", "contact": "06 00 00 00 00"}],
  "medical_note": "arrêt de 3 jours",
  "actions": [{"kind": "functional_protection", "date": "2026-03-10"}]
}`

func TestAddListShowAmendHistoryDelete(t *testing.T) {
	newVault(t)
	out := mustRun(t, incidentJSON, "add")
	if !strings.HasPrefix(out, "enregistré\u00a0: ") {
		t.Fatalf("add printed %q", out)
	}
	id := strings.TrimSpace(strings.TrimPrefix(out, "enregistré\u00a0: "))

	list := listJSON(t)
	if len(list) != 1 || list[0].ID != id || list[0].Revision != 1 || list[0].MedicalNote != "arrêt de 3 jours" {
		t.Fatalf("list --json: %+v", list)
	}
	// Every field the issue names is in the JSON.
	raw := mustRun(t, "", "show", id, "--json")
	for _, field := range []string{"id", "occurred_at", "kinds", "channels", "setting", "perpetrator", "perpetrator_ref",
		"description", "exact_words", "witnesses", "consequences", "work_impact", "medical_note", "notes", "actions",
		"evidence", "revision", "created_at", "updated_at"} {
		if !strings.Contains(raw, `"`+field+`":`) {
			t.Errorf("show --json lacks %q", field)
		}
	}
	human := mustRun(t, "", "show", id[:4])
	for _, want := range []string{"3\u00a0mars\u00a02026 à 14\u00a0h\u00a005", "Menaces", "« On sait où tu habites »", "Demande de protection fonctionnelle"} {
		if !strings.Contains(human, want) {
			t.Errorf("show does not say %q:\n%s", want, human)
		}
	}

	mustRun(t, `{"consequences": "peur de refaire cours", "revision": 1}`, "amend", id)
	if _, errOut, status := run(t, `{"notes": "x", "revision": 1}`, "amend", id); status == 0 || !strings.Contains(errOut, "modifié entre-temps") {
		t.Errorf("a stale amend was accepted: %s", errOut)
	}
	if _, errOut, status := run(t, `{"desciption": "typo"}`, "amend", id); status == 0 || !strings.Contains(errOut, "desciption") {
		t.Errorf("a misspelt field was accepted silently: %s", errOut)
	}
	got := listJSON(t)[0]
	if got.Revision != 2 || got.Consequences != "peur de refaire cours" || got.Description == "" {
		t.Fatalf("after amend: %+v", got)
	}
	hist := mustRun(t, "", "history", id)
	if !strings.Contains(hist, "Révision 1") || !strings.Contains(hist, "Révision 2") || !strings.Contains(hist, "Conséquences") {
		t.Errorf("history:\n%s", hist)
	}

	if _, errOut, status := run(t, "", "delete", id); status == 0 || !strings.Contains(errOut, "--yes") {
		t.Errorf("delete without a terminal nor --yes: %d %s", status, errOut)
	}
	mustRun(t, "", "delete", id, "--yes")
	if len(listJSON(t)) != 0 {
		t.Fatal("still listed after delete")
	}
	if out := mustRun(t, "", "verify"); !strings.Contains(out, "Tout est intact") {
		t.Fatalf("verify: %s", out)
	}
}

func TestListFilters(t *testing.T) {
	newVault(t)
	mustRun(t, incidentJSON, "add")
	mustRun(t, `{"occurred_at": "2026-05-02T09:00:00+02:00", "kinds": ["insult"], "channels": ["phone"], "perpetrator": "parent",
		"description": "Appel du Parent P1, très agressif"}`, "add")
	for args, want := range map[string]int{
		"--query eleve":             1,
		"--query ÉLÈVE":             1,
		"--query parent":            1,
		"--kind insult":             1,
		"--channel video_call":      1,
		"--perpetrator parent":      1,
		"--since 2026-04-01":        1,
		"--until 03/03/2026":        1,
		"--since 01/01/2026":        2,
		"--query introuvable":       0,
		"--kind insult --query inc": 0,
	} {
		if got := len(listJSON(t, strings.Fields(args)...)); got != want {
			t.Errorf("list %s: %d incidents, want %d", args, got, want)
		}
	}
	if _, errOut, status := run(t, "", "list", "--kind", "gifle"); status != 1 || !strings.Contains(errOut, "insult") {
		t.Errorf("unknown code: %d %s", status, errOut)
	}
}

func TestImport(t *testing.T) {
	newVault(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "ok.csv")
	os.WriteFile(good, []byte("\ufeffdate;heure;types;faits;propos\n14/03/2026;14:05;insult;\"Appel ; très agressif\nsur deux lignes\";« idiote »\n2026-03-15;;threat;Menace en classe;\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("date,description\n2026-03-01,ok\n2026-13-01,mois 13\n"), 0o600)

	if _, errOut, status := run(t, "", "import", bad); status != 1 || !strings.Contains(errOut, "Ligne 3, colonne A (date)") {
		t.Fatalf("bad import: %d %s", status, errOut)
	}
	if n := len(listJSON(t)); n != 0 {
		t.Fatalf("a bad file imported %d incidents", n)
	}
	mustRun(t, "", "import", good)
	list := listJSON(t)
	if len(list) != 2 || list[1].Description != "Appel ; très agressif\nsur deux lignes" {
		t.Fatalf("%+v", list)
	}
}

func TestAttachAndGetEvidence(t *testing.T) {
	newVault(t)
	id := strings.TrimPrefix(strings.TrimSpace(mustRun(t, incidentJSON, "add")), "enregistré\u00a0: ")
	dir := t.TempDir()
	file := filepath.Join(dir, "capture écran.png")
	content := bytes.Repeat([]byte("pixels "), 50_000)
	os.WriteFile(file, content, 0o600)
	out := mustRun(t, "", "attach", id, file)
	if !strings.Contains(out, "capture écran.png") {
		t.Fatalf("attach: %s", out)
	}
	mustRun(t, "", "attach", id, "--url", "https://video.example/v/123", "--date", "2026-03-05", "--note", "vue par un élève")
	in := listJSON(t)[0]
	if len(in.Evidence) != 2 || in.Evidence[0].Size != int64(len(content)) || in.Evidence[1].URL == "" {
		t.Fatalf("evidence: %+v", in.Evidence)
	}
	copyPath := filepath.Join(dir, "copie.png")
	mustRun(t, "", "evidence", "get", in.Evidence[0].ID, "--out", copyPath)
	back, _ := os.ReadFile(copyPath)
	if !bytes.Equal(back, content) {
		t.Fatal("the decrypted copy differs")
	}
	ownertest.Private(t, copyPath)
	if _, errOut, status := run(t, "", "evidence", "get", in.Evidence[0].ID, "--out", copyPath); status == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("overwrote without --force: %s", errOut)
	}
	mustRun(t, "", "evidence", "rm", in.Evidence[1].ID, "--yes")
	if n := len(listJSON(t)[0].Evidence); n != 1 {
		t.Fatalf("%d evidence after rm", n)
	}
}

func TestErrorsAreOneClearLine(t *testing.T) {
	dir := newVault(t)
	cases := []struct {
		env   map[string]string
		stdin string
		args  []string
		want  string
	}{
		{map[string]string{"TEMOIN_PASSPHRASE": "faux"}, "", []string{"list"}, "n’ouvre pas le coffre"},
		{map[string]string{"TEMOIN_VAULT": filepath.Join(dir, "absent")}, "", []string{"list"}, "Aucun coffre"},
		{nil, "", []string{"show", "zzzzzz"}, "Aucun incident ne porte cet identifiant"},
		{nil, "", []string{"frobnicate"}, "commande inconnue"},
		{nil, "{", []string{"add"}, "JSON"},
		{nil, `{"occurred_at": "2026-03-03T10:00:00Z", "description": "x", "kinds": ["gifle"]}`, []string{"add"}, "gifle"},
		{nil, "", []string{"import", "/nonexistent.csv"}, "impossible d’ouvrir"},
		{nil, "", []string{"init"}, "existe déjà"},
		{map[string]string{"TEMOIN_PASSPHRASE": ""}, "", []string{"list"}, "TEMOIN_PASSPHRASE"},
	}
	for _, c := range cases {
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		out, errOut, status := run(t, c.stdin, c.args...)
		if status == 0 || !strings.Contains(errOut, c.want) || out != "" {
			t.Errorf("temoin %v: status %d, stdout %q, stderr %q; want %q", c.args, status, out, errOut, c.want)
		}
		if strings.Count(strings.TrimSpace(errOut), "\n") > 0 && !strings.Contains(errOut, "line") {
			t.Errorf("temoin %v: more than one line: %q", c.args, errOut)
		}
		t.Setenv("TEMOIN_PASSPHRASE", testPass)
		t.Setenv("TEMOIN_VAULT", dir)
	}
}

func TestInitPasswdRecover(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
	t.Setenv("TEMOIN_VAULT", dir)
	t.Setenv("TEMOIN_LANG", "en")
	t.Setenv("TEMOIN_PASSPHRASE", "short")
	if _, errOut, status := run(t, "", "init"); status == 0 || !strings.Contains(errOut, "too short") {
		t.Fatalf("short passphrase: %s", errOut)
	}
	t.Setenv("TEMOIN_PASSPHRASE", testPass)
	out := mustRun(t, "", "init")
	var code string
	for _, l := range strings.Split(out, "\n") {
		if l = strings.TrimSpace(l); strings.Count(l, "-") == 4 && len(l) == 29 {
			code = l
		}
	}
	if code == "" {
		t.Fatalf("no recovery code in:\n%s", out)
	}
	t.Setenv("TEMOIN_NEW_PASSPHRASE", "une toute nouvelle phrase")
	mustRun(t, "", "passwd")
	if _, _, status := run(t, "", "list"); status == 0 {
		t.Fatal("the old passphrase still opens")
	}
	t.Setenv("TEMOIN_RECOVERY_CODE", strings.ToLower(code))
	t.Setenv("TEMOIN_NEW_PASSPHRASE", "récupérée après oubli")
	mustRun(t, "", "recover")
	t.Setenv("TEMOIN_PASSPHRASE", "récupérée après oubli")
	mustRun(t, "", "list")
}
