package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

func init() {
	register(&command{name: "attach", group: 1, usage: "ID FILE... | ID --url URL",
		summary: summary("cli.attach"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVar(&o.url, "url", "", i18n.X("cli.flag.url"))
			fs.StringVar(&o.date, "date", "", i18n.X("cli.flag.seen_on"))
			fs.StringVar(&o.note, "note", "", i18n.X("cli.flag.note"))
		},
		run: runAttach})
	register(&command{name: "evidence", group: 1, usage: "get EVIDENCE-ID --out FILE | rm EVIDENCE-ID",
		summary: summary("cli.evidence"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("cli.flag.out_evidence"))
			fs.BoolVar(&o.force, "force", false, i18n.X("cli.flag.force"))
			yesFlag(fs, o)
		},
		run: runEvidence})
}

// interruptible returns a context cancelled by Ctrl+C, so a long import
// stops cleanly and leaves nothing behind.
func interruptible() (context.Context, func()) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

func runAttach(e *env, args []string) error {
	usage := "attach ID FILE... | attach ID --url URL [--date DATE] [--note TEXT]"
	if len(args) < 1 || (e.opts.url == "" && len(args) < 2) || (e.opts.url != "" && len(args) != 1) {
		return errors.New(i18n.X("cli.usage", map[string]any{"Usage": usage}))
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	id, err := j.Incidents.Resolve(args[0])
	if err != nil {
		return err
	}
	if e.opts.url != "" {
		var seen app.Date
		if e.opts.date != "" {
			if seen, err = app.ParseDate(e.opts.date); err != nil {
				return err
			}
		}
		ev, err := j.Evidence.AttachLink(id, e.opts.url, seen, e.opts.note)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("cli.attached_link", map[string]any{"ID": ev.ID}))
		return nil
	}
	ctx, stop := interruptible()
	defer stop()
	for _, name := range args[1:] {
		if err := e.attachFile(ctx, j, id, name); err != nil {
			return err
		}
	}
	return nil
}

func (e *env) attachFile(ctx context.Context, j *app.Journal, id, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.IsDir() {
		return errors.New(i18n.X("cli.attach.is_dir", map[string]any{"Name": name}))
	}
	progress := e.progress(filepath.Base(name), info.Size())
	ev, err := j.Evidence.AttachFile(ctx, id, name, f, progress)
	e.endProgress()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.attached", map[string]any{"Name": ev.Name, "ID": ev.ID, "Hash": ev.SHA256}))
	fmt.Fprintln(e.Stderr, i18n.X("cli.attach.original", map[string]any{"Path": name}))
	return nil
}

// progress returns a callback that draws a progress line on a terminal,
// or nil when standard error is not one.
func (e *env) progress(name string, total int64) func(int64) {
	f, ok := e.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || total < 8<<20 {
		return nil
	}
	last := -1
	return func(done int64) {
		pct := int(done * 100 / max(total, 1))
		if pct != last {
			last = pct
			fmt.Fprintf(f, "\r%s  %3d %%  %s / %s ", name, pct, i18n.Size(done), i18n.Size(total))
		}
	}
}

func (e *env) endProgress() {
	if f, ok := e.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(f, "\r\033[K")
	}
}

func runEvidence(e *env, args []string) error {
	usage := "evidence get EVIDENCE-ID --out FILE | evidence rm EVIDENCE-ID"
	if len(args) != 2 || (args[0] != "get" && args[0] != "rm") || (args[0] == "get" && e.opts.out == "") {
		return errors.New(i18n.X("cli.usage", map[string]any{"Usage": usage}))
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	evID, err := j.Evidence.Resolve(args[1])
	if err != nil {
		return err
	}
	if args[0] == "rm" {
		ev, _, err := j.Evidence.Find(evID)
		if err != nil {
			return err
		}
		label := ev.Name
		if ev.IsLink() {
			label = ev.URL
		}
		ok, err := e.confirm(i18n.X("cli.evidence.confirm_rm", map[string]any{"Name": label}))
		if err != nil || !ok {
			return err
		}
		if err := j.Evidence.Remove(evID); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("cli.evidence.removed", map[string]any{"ID": evID}))
		return nil
	}
	rc, ev, err := j.Evidence.Open(evID)
	if err != nil {
		return err
	}
	defer rc.Close()
	n, err := writeNewFile(e.opts.out, rc, e.opts.force)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.evidence.written", map[string]any{"Name": ev.Name, "Out": e.opts.out, "Size": i18n.Size(n)}))
	return nil
}

// writeNewFile copies r into a new file readable by its owner only. A
// failure (a damaged blob ends the copy with an error) removes the file.
func writeNewFile(name string, r io.Reader, force bool) (int64, error) {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(name, flags, 0o600)
	if errors.Is(err, os.ErrExist) {
		return 0, errors.New(i18n.X("cli.exists", map[string]any{"Name": name}))
	}
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return 0, err
	}
	return n, nil
}
