package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Evidence: attach files and links to an incident, get a decrypted copy
// of a file, remove one.

func init() {
	register(&command{name: "attach", partly: true, usage: "ID FILE... | ID --url URL [--date DATE] [--note TEXT]", group: 1,
		summary: summary("cli.attach"), new: func() runner { return &attachCmd{} }})
	register(&command{name: "evidence", partly: true, usage: "get EVIDENCE-ID --out FILE [--force] | rm EVIDENCE-ID [--yes]", group: 1,
		summary: summary("cli.evidence"), new: func() runner { return &evidenceCmd{} }})
}

type attachCmd struct{ url, date, note string }

func (c *attachCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.url, "url", "", later("cli.flag.url"))
	fs.StringVar(&c.date, "date", "", later("cli.flag.seen_on"))
	fs.StringVar(&c.note, "note", "", later("cli.flag.note"))
}

func (c *attachCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) < 1 || (c.url == "" && len(args) < 2) || (c.url != "" && len(args) != 1) {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	id, err := j.Incidents.Resolve(args[0])
	if err != nil {
		return err
	}
	if c.url != "" {
		return c.attachLink(e, j, id)
	}
	for _, name := range args[1:] {
		if err := attachFile(ctx, e, j, id, name); err != nil {
			return err
		}
	}
	return nil
}

func (c *attachCmd) attachLink(e *env, j *app.Journal, id string) error {
	var seen app.Date
	if c.date != "" {
		var err error
		if seen, err = app.ParseDate(c.date); err != nil {
			return err
		}
	}
	ev, err := j.Evidence.AttachLink(id, c.url, seen, c.note)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.attached_link", map[string]any{"ID": ev.ID}))
	return nil
}

// attachFile streams a file into the vault; Ctrl+C stops it and keeps
// nothing of it.
func attachFile(ctx context.Context, e *env, j *app.Journal, id, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.IsDir() {
		return present.Said(i18n.X("cli.attach.is_dir", map[string]any{"Name": name}))
	}
	p := e.progress(filepath.Base(name))
	var ev *app.Evidence
	if strings.EqualFold(filepath.Ext(name), ".eml") { // an e-mail: byte-exact, its headers read
		ev, _, err = j.Evidence.AttachMail(ctx, id, name, f, p.Stream(info.Size()))
	} else {
		ev, err = j.Evidence.AttachFile(ctx, id, name, f, p.Stream(info.Size()))
	}
	p.Done()
	if err != nil {
		return present.In(err, present.Where{File: name})
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.attached", map[string]any{"Name": ev.Name, "ID": ev.ID, "Hash": ev.SHA256}))
	if h := ev.Mail; h != nil {
		fmt.Fprintln(e.Stdout, i18n.X("cli.attached_mail", map[string]any{"From": strings.Join(h.From, ", "),
			"Date": h.DateText, "Subject": h.Subject, "N": len(h.Attachments)}))
	}
	fmt.Fprintln(e.Stderr, i18n.X("cli.attach.original", map[string]any{"Path": name}))
	return nil
}

type evidenceCmd struct {
	out   string
	force forceFlag
	yes   yesFlag
}

func (c *evidenceCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("cli.flag.out_evidence"))
	c.force.add(fs, "cli.flag.force")
	c.yes.add(fs)
}

func (c *evidenceCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 2 || (args[0] != "get" && args[0] != "rm") || (args[0] == "get" && c.out == "") {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	evID, err := j.Evidence.Resolve(args[1])
	if err != nil {
		return err
	}
	if args[0] == "rm" {
		return c.remove(e, j, evID)
	}
	rc, ev, err := j.Evidence.Open(evID)
	if err != nil {
		return err
	}
	defer rc.Close()
	n, err := present.WritePrivate(c.out, c.force.force, &ctxReader{ctx: ctx, r: rc})
	if err != nil {
		return present.In(err, present.Where{File: c.out})
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.evidence.written", map[string]any{"Name": ev.Name, "Out": c.out, "Size": i18n.Size(n)}))
	return nil
}

func (c *evidenceCmd) remove(e *env, j *app.Journal, evID string) error {
	ev, _, err := j.Evidence.Find(evID)
	if err != nil {
		return err
	}
	label := ev.Name
	if ev.IsLink() {
		label = ev.URL
	}
	ok, err := e.confirm(c.yes, i18n.X("cli.evidence.confirm_rm", map[string]any{"Name": label}))
	if err != nil || !ok {
		return err
	}
	if err := j.Evidence.Remove(evID); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.evidence.removed", map[string]any{"ID": evID}))
	return nil
}

// ctxReader stops reading once ctx is cancelled: Ctrl+C stops a copy.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
