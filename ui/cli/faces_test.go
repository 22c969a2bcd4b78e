package cli

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present/presenttest"
)

// failCmd is a command of the tests only: it fails with the error of the
// case of presenttest.Errors it is given, so that each error is said by
// the command line's real path (Main's last line).
type failCmd struct{ noFlags }

func (failCmd) run(_ context.Context, _ *env, args []string) error {
	i, _ := strconv.Atoi(args[0])
	return presenttest.Errors()[i].Err
}

func init() {
	register(&command{name: "test-fail", usage: "N", summary: func() string { return "" }, new: func() runner { return failCmd{} }})
}

// TestEveryErrorSaidAsTheGUISaysIt: every kind of error of the vault, the
// journal, backups, bundles, reports, spreadsheets, e-mails and screen
// captures ends the command with "temoin: " and the very sentence the
// desktop application shows for it (package present's golden files, which
// the GUI's test reads too), in French and English, then the flag or
// command that helps, if any.
func TestEveryErrorSaidAsTheGUISaysIt(t *testing.T) {
	for _, l := range i18n.Languages {
		want, err := presenttest.Sentences(l.String())
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range presenttest.Errors() {
			out, errOut, status := run(t, "", "test-fail", strconv.Itoa(i), "--vault", presenttest.Vault, "--lang", l.String())
			line := strings.TrimSuffix(errOut, "\n")
			sentence, ok := want[c.Name]
			switch {
			case !ok:
				t.Fatalf("%s: no golden sentence", c.Name)
			case status == 0 || out != "":
				t.Errorf("%s %s: status %d, stdout %q", l, c.Name, status, out)
			case !strings.HasPrefix(line, "temoin: "+sentence):
				t.Errorf("%s %s:\n said %q\n want %q", l, c.Name, line, "temoin: "+sentence)
			}
			if h := hint(c.Err); h != "" && line != "temoin: "+sentence+" "+h {
				t.Errorf("%s %s: the hint %q is not what follows the sentence: %q", l, c.Name, h, line)
			}
		}
	}
}
