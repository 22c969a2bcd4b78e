package present

import (
	"errors"
	"path/filepath"
	"strings"

	"github.com/temoin-app/temoin/i18n"
)

// Where names the places a sentence may name.
type Where struct {
	Vault  string // the vault's folder (for a restore: the folder restored into)
	Backup string // the backup file read or written: errors are then the backup's
	File   string // another file in question: a bundle, a document, a spreadsheet
	Folder string // the folder in question: where backups go
}

// merge fills the places w lacks from o.
func (w Where) merge(o Where) Where {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&w.Vault, o.Vault}, {&w.Backup, o.Backup}, {&w.File, o.File}, {&w.Folder, o.Folder},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	return w
}

// In attaches the places w to err: the face that knows which file or
// folder failed says so where the error comes back, and the sentence is
// made once, where the error is shown. In(nil, w) is nil.
func In(err error, w Where) error {
	if err == nil {
		return nil
	}
	return &placed{err: err, w: w}
}

// Places returns the places attached to err with In (the outermost
// first, where two name the same kind of place).
func Places(err error) Where {
	var w Where
	var p *placed
	for e := err; errors.As(e, &p); e = p.err {
		w = w.merge(p.w)
	}
	return w
}

type placed struct {
	err error
	w   Where
}

func (p *placed) Error() string { return p.err.Error() }
func (p *placed) Unwrap() error { return p.err }

// Said is an error that already is a sentence for the person (a face's
// own: a wrong use of a command, a passphrase typed twice differently).
type Said string

func (s Said) Error() string { return string(s) }

// Error turns err into what the person reads: what happened and what to
// do, in the interface language. w names the vault's folder and, unless
// the error carries them (In), the file and folder in question. Several
// errors joined (errors.Join: the fields of an incident) give one line
// each.
func Error(err error, w Where) string {
	if err == nil {
		return ""
	}
	w = Places(err).merge(w)
	if errs := joined(err); len(errs) > 1 {
		lines := make([]string, len(errs))
		for i, e := range errs {
			lines[i] = Error(e, w)
		}
		return strings.Join(lines, "\n")
	}
	var said Said
	if errors.As(err, &said) {
		return string(said)
	}
	for _, say := range sayers {
		if s, ok := say(err, w); ok {
			return s
		}
	}
	return i18n.X("error.unexpected", map[string]any{"Detail": err.Error()})
}

// sayers try, in turn, to say an error; the first that knows it does.
// The order matters where errors wrap others: a header that changed
// wraps a wrong passphrase, a backup's wrong passphrase is the vault's.
var sayers = []func(error, Where) (string, bool){
	sayBackup, sayVault, sayJournal, sayField, sayBundle, sayReport,
	saySheet, sayMail, sayCapture, saySystem,
}

// joined returns the errors joined in err, or nil.
func joined(err error) []error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			return j.Unwrap()
		}
		if _, ok := e.(*placed); !ok {
			return nil
		}
	}
	return nil
}

// base names a file by its name only, as sentences do.
func base(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}
