package present_test

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
	"github.com/temoin-app/temoin/ui/present/presenttest"
)

var update = flag.Bool("update", false, "rewrite presenttest/testdata/errors.*.txt from what present says")

// Sentences renders every case of the catalogue in l, as the faces do
// (the vault folder of the tests named), in the golden files' format.
func sentences(t *testing.T, l i18n.Lang) string {
	t.Helper()
	i18n.SetLanguage(l)
	t.Cleanup(func() { i18n.SetLanguage(i18n.French) })
	var b strings.Builder
	for _, c := range presenttest.Errors() {
		b.WriteString("== " + c.Name + "\n" + present.Error(c.Err, present.Where{Vault: presenttest.Vault}) + "\n")
	}
	return b.String()
}

// TestErrorSentences compares what every error kind says with the golden
// files presenttest/testdata/errors.fr.txt and errors.en.txt, which both
// faces' tests read too (go test -update
// rewrites them: read the difference before committing it), and checks
// each sentence: said, no raw Go error, no template left, no English in
// French.
func TestErrorSentences(t *testing.T) {
	for _, l := range i18n.Languages {
		got := sentences(t, l)
		golden := filepath.Join("presenttest", "testdata", "errors."+l.String()+".txt")
		if *update {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s: the sentences differ from %s (go test -update rewrites it):\n%s", l, golden, diff(string(want), got))
		}
		i18n.SetLanguage(l)
		for _, c := range presenttest.Errors() {
			checkSentence(t, l, c)
		}
	}
	i18n.SetLanguage(i18n.French)
}

// englishWords are words of Go's and Témoin's English errors that a
// French sentence never holds.
var englishWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the is not cannot failed error wrong missing invalid file folder vault record
		blob found such denied permission already exists with this that and was has key unknown too read write open
		bundle backup check stopped header changed damaged empty mismatch authentication status argument nothing
		no such directory`) {
		englishWords[w] = true
	}
}

// places are the names of files and folders the cases hold, which a
// sentence may repeat in any language, and the names of programs.
var places = strings.NewReplacer(presenttest.BackupFile, "", presenttest.BundleFile, "", presenttest.Folder, "",
	presenttest.SheetFile, "", presenttest.Vault, "", "vault.json", "", "age-keygen", "", "age1", "",
	"poppler-utils", "", "pdftoppm", "", "ffmpeg", "", "ZIP", "")

var word = regexp.MustCompile(`\pL+`)

func checkSentence(t *testing.T, l i18n.Lang, c presenttest.Case) {
	t.Helper()
	s := present.Error(c.Err, present.Where{Vault: presenttest.Vault})
	unexpected := i18n.X("error.unexpected", map[string]any{"Detail": c.Err.Error()})
	switch {
	case s == "" || s == unexpected:
		t.Errorf("%s %s: not said (%q)", l, c.Name, s)
	case strings.Contains(s, "<no value>") || strings.Contains(s, "{{") || strings.Contains(s, `\x`) || strings.Contains(s, "%!"):
		t.Errorf("%s %s: badly filled: %q", l, c.Name, s)
	}
	if l != i18n.French {
		return // an English sentence may happen to read like the Go error
	}
	if strings.Contains(s, c.Err.Error()) {
		t.Errorf("fr %s: the Go error is in the sentence: %q", c.Name, s)
	}
	for _, w := range word.FindAllString(places.Replace(s), -1) {
		if englishWords[strings.ToLower(w)] {
			t.Errorf("fr %s: English word %q in %q", c.Name, w, s)
		}
	}
}

// TestCaseNamesAreUnique: the faces' tests find each case's sentence by
// its name.
func TestCaseNamesAreUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range presenttest.Errors() {
		if seen[c.Name] {
			t.Errorf("two cases are named %q", c.Name)
		}
		seen[c.Name] = true
	}
}

// TestEveryErrorKindIsListed fails when a package the faces call gains an
// error (an exported Err… variable, an exported …Error type) that the
// catalogue of presenttest, and so the sentences, do not cover.
func TestEveryErrorKindIsListed(t *testing.T) {
	var names []string
	for _, c := range presenttest.Errors() {
		names = append(names, c.Name)
	}
	listed := strings.Join(names, "\n")
	for pkg, dir := range map[string]string{"vault": "vault", "app": "app", "bundle": "app/bundle", "report": "app/report",
		"sheet": "app/sheet", "mail": "app/mail", "capture": "capture", "present": "ui/present"} {
		for _, name := range errorDecls(t, filepath.Join("..", "..", dir)) {
			if !covered(listed, pkg, name) && neverShown[pkg+"."+name] == "" {
				t.Errorf("%s.%s is in no case of presenttest.Errors: give it a case, and a sentence", pkg, name)
			}
		}
	}
}

// covered tells whether a case names pkg.name, or its alias in app.
func covered(listed, pkg, name string) bool {
	for _, p := range []string{pkg, "app"} {
		if regexp.MustCompile(`(?m)(^|\s)` + regexp.QuoteMeta(p+"."+name) + `\b`).MatchString(listed) {
			return true
		}
	}
	return pkg == "vault" && vaultAliases[name] != "" && covered(listed, "app", vaultAliases[name])
}

// neverShown are the errors no face can meet, and why.
var neverShown = map[string]string{
	"vault.ErrStop": "ends a Scan early; Scan never returns it",
}

// vaultAliases are the vault's errors that package app names otherwise.
var vaultAliases = map[string]string{"ErrNotFound": "ErrVaultNotFound", "ErrExists": "ErrVaultExists",
	"ErrNotBackup": "ErrNotBackup", "ErrBackupIncomplete": "ErrBackupIncomplete", "ErrBackupExists": "ErrBackupExists",
	"ErrRestoreTarget": "ErrRestoreTarget", "ErrNoAccess": "ErrVaultNoAccess"}

// errorDecls lists the exported error variables (Err…) and error types
// (…Error) declared in a package's files, tests aside.
func errorDecls(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: %v", dir, err)
	}
	var out []string
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, spec := range g.Specs {
				switch s := spec.(type) {
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if g.Tok == token.VAR && n.IsExported() && strings.HasPrefix(n.Name, "Err") {
							out = append(out, n.Name)
						}
					}
				case *ast.TypeSpec:
					if _, isStruct := s.Type.(*ast.StructType); isStruct && s.Name.IsExported() && strings.HasSuffix(s.Name.Name, "Error") {
						out = append(out, s.Name.Name)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// diff shows the lines of got that differ from want.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			b.WriteString("- " + a + "\n+ " + c + "\n")
		}
	}
	return b.String()
}
