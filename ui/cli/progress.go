package cli

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/temoin-app/temoin/ui/present"
)

// progress returns the progress of a long piece of work, drawn on one
// line of standard error when it is a terminal (and nothing otherwise:
// scripts read standard error too). Call Done when the work ends: it
// clears the line.
func (e *env) progress(stage string) *present.Progress {
	f, ok := e.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return present.NewProgress(stage, nil)
	}
	return present.NewProgress(stage, func(s present.Status) {
		if s.Final {
			fmt.Fprint(f, "\r\033[K")
			return
		}
		fmt.Fprintf(f, "\r%s\033[K", s.Line())
	})
}
