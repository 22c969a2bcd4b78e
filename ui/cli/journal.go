package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
)

// The journal's commands: create a vault, add, list, show, amend, delete
// incidents, import a spreadsheet, deadlines, verification, passphrases.

func init() {
	register(&command{name: "init", group: 0, summary: summary("cli.init"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVar(&o.newPassFile, "new-passphrase-file", "", i18n.X("cli.flag.new_passphrase_file"))
		},
		run: runInit})
	register(&command{name: "add", group: 1, summary: summary("cli.add"), run: runAdd})
	register(&command{name: "import", group: 1, usage: "FILE.csv|FILE.xlsx|FILE.ods", summary: summary("cli.import"), run: runImport})
	register(&command{name: "list", group: 1, summary: summary("cli.list"),
		flags: listFlags, run: runList})
	register(&command{name: "show", group: 1, usage: "ID", summary: summary("cli.show"),
		flags: jsonFlag, run: runShow})
	register(&command{name: "history", group: 1, usage: "ID", summary: summary("cli.history"),
		flags: jsonFlag, run: runHistory})
	register(&command{name: "amend", group: 1, usage: "ID", summary: summary("cli.amend"), run: runAmend})
	register(&command{name: "delete", group: 1, usage: "ID", summary: summary("cli.delete"),
		flags: yesFlag, run: runDelete})
	register(&command{name: "deadlines", group: 2, summary: summary("cli.deadlines"),
		flags: jsonFlag, run: runDeadlines})
	register(&command{name: "verify", group: 4, summary: summary("cli.verify"),
		flags: jsonFlag, run: runVerify})
	register(&command{name: "passwd", group: 4, summary: summary("cli.passwd"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVar(&o.newPassFile, "new-passphrase-file", "", i18n.X("cli.flag.new_passphrase_file"))
		},
		run: runPasswd})
	register(&command{name: "recover", group: 4, summary: summary("cli.recover"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVar(&o.newPassFile, "new-passphrase-file", "", i18n.X("cli.flag.new_passphrase_file"))
		},
		run: runRecover})
	register(&command{name: "version", group: 9, summary: summary("cli.version"), run: func(e *env, _ []string) error {
		fmt.Fprintln(e.Stdout, "temoin", app.Version)
		return nil
	}})
}

func summary(key string) func() string {
	return func() string { return i18n.X(key) }
}

func jsonFlag(fs *pflag.FlagSet, o *options) {
	fs.BoolVar(&o.json, "json", false, i18n.X("cli.flag.json"))
}

func yesFlag(fs *pflag.FlagSet, o *options) {
	fs.BoolVarP(&o.yes, "yes", "y", false, i18n.X("cli.flag.yes"))
}

func listFlags(fs *pflag.FlagSet, o *options) {
	jsonFlag(fs, o)
	fs.StringVarP(&o.query, "query", "q", "", i18n.X("cli.flag.query"))
	fs.StringVar(&o.since, "since", "", i18n.X("cli.flag.since"))
	fs.StringVar(&o.until, "until", "", i18n.X("cli.flag.until"))
	fs.StringVar(&o.kind, "kind", "", i18n.X("cli.flag.kind"))
	fs.StringVar(&o.channel, "channel", "", i18n.X("cli.flag.channel"))
	fs.StringVar(&o.perpetrator, "perpetrator", "", i18n.X("cli.flag.perpetrator"))
}

func wantArgs(args []string, n int, usage string) error {
	if len(args) != n {
		return errors.New(i18n.X("cli.usage", map[string]any{"Usage": usage}))
	}
	return nil
}

func runInit(e *env, args []string) error {
	if err := wantArgs(args, 0, "init"); err != nil {
		return err
	}
	dir, err := e.vaultDir()
	if err != nil {
		return err
	}
	if app.VaultExists(dir) {
		return fmt.Errorf("%w: %s", app.ErrVaultExists, dir)
	}
	pass, err := e.newPassphrase(true)
	if err != nil {
		return err
	}
	j, code, err := app.CreateVault(dir, pass, nil)
	wipe(pass)
	if err != nil {
		return err
	}
	e.journal = j
	fmt.Fprintln(e.Stdout, i18n.X("cli.init.done", map[string]any{"Dir": dir}))
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X("cli.init.code"))
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, "    "+code)
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X("cli.init.code_help"))
	return nil
}

// decodeIncidentJSON reads one incident, or an array of them, refusing
// unknown fields (a misspelt field would otherwise be silently lost).
func decodeIncidentJSON(r io.Reader) ([]*app.Incident, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("failed to read standard input: %w", err)
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, errors.New(i18n.X("cli.no_json"))
	}
	var ins []*app.Incident
	if data[0] == '[' {
		err = strictJSON(data, &ins)
	} else {
		in := &app.Incident{}
		err = strictJSON(data, in)
		ins = []*app.Incident{in}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", i18n.X("cli.bad_json"), err)
	}
	return ins, nil
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the JSON value")
	}
	return nil
}

func runAdd(e *env, args []string) error {
	if err := wantArgs(args, 0, "add < incident.json"); err != nil {
		return err
	}
	ins, err := decodeIncidentJSON(e.Stdin)
	if err != nil {
		return err
	}
	_, err = e.createAll(ins)
	return err
}

// createAll saves incidents at once (all or none) and prints each id as it
// is acknowledged: once printed, an incident is on disk.
func (e *env) createAll(ins []*app.Incident) ([]*app.Incident, error) {
	j, err := e.unlock()
	if err != nil {
		return nil, err
	}
	created, err := j.Incidents.CreateMany(context.Background(), ins, nil)
	if err != nil {
		return nil, err
	}
	for _, in := range created {
		fmt.Fprintln(e.Stdout, i18n.X("cli.added", map[string]any{"ID": in.ID}))
	}
	return created, nil
}

func runImport(e *env, args []string) error {
	if err := wantArgs(args, 1, "import FILE"); err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
	}
	defer f.Close()
	imp, err := app.ReadSheet(f, time.Local)
	if err != nil {
		return err
	}
	describeImport(e, imp)
	j, err := e.unlock()
	if err != nil {
		return err
	}
	res, err := j.Incidents.Import(context.Background(), imp, nil)
	if err != nil {
		return err
	}
	for _, in := range res.Created {
		fmt.Fprintln(e.Stdout, i18n.X("cli.added", map[string]any{"ID": in.ID}))
	}
	if n := len(res.Skipped); n > 0 {
		fmt.Fprintln(e.Stderr, i18n.N("cli.import.skipped", n, map[string]any{"N": n}))
	}
	if len(res.Created) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.import.nothing_new"))
		return nil
	}
	fmt.Fprintln(e.Stderr, i18n.N("cli.imported", len(res.Created), map[string]any{"N": len(res.Created)}))
	return nil
}

// describeImport says on stderr what each column becomes, and which
// sheets of a workbook were left aside.
func describeImport(e *env, imp *app.SheetImport) {
	for _, c := range imp.Columns {
		if c.Header == "" && c.Field == "" {
			continue
		}
		data := map[string]any{"Col": c.Letter(), "Header": c.Header, "Field": sentence.ImportField(c.Field)}
		if c.Field == "" {
			fmt.Fprintln(e.Stderr, i18n.X("cli.import.column_notes", data))
		} else {
			fmt.Fprintln(e.Stderr, i18n.X("cli.import.column", data))
		}
	}
	if s := imp.Sheet; len(s.Others) > 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.import.other_sheets",
			map[string]any{"Name": s.Name, "Others": strings.Join(s.Others, ", ")}))
	}
}

func (e *env) filter() (app.Filter, error) {
	f := app.Filter{Query: e.opts.query, Kind: e.opts.kind, Channel: e.opts.channel, Perpetrator: e.opts.perpetrator}
	var err error
	if e.opts.since != "" {
		if f.Since, err = app.ParseDate(e.opts.since); err != nil {
			return f, err
		}
	}
	if e.opts.until != "" {
		if f.Until, err = app.ParseDate(e.opts.until); err != nil {
			return f, err
		}
	}
	for list, code := range map[string]string{"kind": f.Kind, "channel": f.Channel, "perpetrator": f.Perpetrator} {
		if code != "" && !validCode(list, code) {
			return f, fmt.Errorf("%s %q: %s", list, code, strings.Join(app.CodeLists[list], ", "))
		}
	}
	return f, nil
}

func validCode(list, code string) bool {
	for _, c := range app.CodeLists[list] {
		if c == code {
			return true
		}
	}
	return false
}

func runList(e *env, args []string) error {
	if err := wantArgs(args, 0, "list [--json] [--query TEXT] [--since DATE] [--until DATE] [--kind CODE] [--channel CODE] [--perpetrator CODE]"); err != nil {
		return err
	}
	f, err := e.filter()
	if err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	list := j.Incidents.List(f)
	if e.opts.json {
		return writeJSON(e.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.list.empty"))
		return nil
	}
	for _, in := range list {
		fmt.Fprintln(e.Stdout, listLine(in))
	}
	fmt.Fprintln(e.Stderr, i18n.N("cli.list.count", len(list)))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// unlockIncident checks that the command was given one incident id (or
// its start), unlocks the journal and resolves the id.
func (e *env) unlockIncident(args []string, usage string) (*app.Journal, string, error) {
	if err := wantArgs(args, 1, usage); err != nil {
		return nil, "", err
	}
	j, err := e.unlock()
	if err != nil {
		return nil, "", err
	}
	id, err := j.Incidents.Resolve(args[0])
	return j, id, err
}

func runShow(e *env, args []string) error {
	j, id, err := e.unlockIncident(args, "show ID [--json]")
	if err != nil {
		return err
	}
	in, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	if e.opts.json {
		return writeJSON(e.Stdout, in)
	}
	printIncident(e.Stdout, in, app.IncidentDeadlines(in, app.DateOf(time.Now())))
	return nil
}

func runHistory(e *env, args []string) error {
	j, id, err := e.unlockIncident(args, "history ID [--json]")
	if err != nil {
		return err
	}
	revs, err := j.Incidents.History(id)
	if err != nil {
		return err
	}
	if e.opts.json {
		return writeJSON(e.Stdout, revs)
	}
	for _, r := range revs {
		changed := i18n.X("cli.history.created")
		if len(r.Changed) > 0 {
			labels := make([]string, len(r.Changed))
			for i, c := range r.Changed {
				labels[i] = i18n.X("field." + c)
			}
			changed = i18n.X("cli.history.changed", map[string]any{"Fields": strings.Join(labels, ", ")})
		}
		fmt.Fprintf(e.Stdout, "%s %d  %s  %s\n", i18n.X("field.revision"), r.Number, i18n.DateTime(r.SavedAt.Local()), changed)
	}
	return nil
}

func runAmend(e *env, args []string) error {
	if err := wantArgs(args, 1, "amend ID < changes.json"); err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(e.Stdin, 64<<20))
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New(i18n.X("cli.no_json"))
	}
	j, id, err := e.unlockIncident(args, "amend ID < changes.json")
	if err != nil {
		return err
	}
	cur, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	// The fields present replace the stored ones; what the journal keeps
	// itself is checked (id, revision) or ignored (evidence, dates).
	edit := cur.Clone()
	if err := strictJSON(data, edit); err != nil {
		return fmt.Errorf("%s: %w", i18n.X("cli.bad_json"), err)
	}
	if edit.ID != cur.ID {
		return errors.New(i18n.X("cli.amend.other_id", map[string]any{"ID": edit.ID}))
	}
	out, err := j.Incidents.Amend(id, edit)
	if errors.Is(err, app.ErrUnchanged) {
		fmt.Fprintln(e.Stderr, i18n.X("cli.amend.unchanged"))
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.amended", map[string]any{"ID": out.ID, "Rev": out.Revision}))
	return nil
}

func runDelete(e *env, args []string) error {
	j, id, err := e.unlockIncident(args, "delete ID [--yes]")
	if err != nil {
		return err
	}
	in, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	ok, err := e.confirm(i18n.X("cli.delete.confirm",
		map[string]any{"Date": i18n.Date(in.OccurredAt), "Evidence": i18n.N("count.evidence_items", len(in.Evidence))}))
	if err != nil || !ok {
		return err
	}
	if err := j.Incidents.Delete(id); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.deleted", map[string]any{"ID": id}))
	return nil
}

func runDeadlines(e *env, args []string) error {
	if err := wantArgs(args, 0, "deadlines [--json]"); err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	ds, err := j.Deadlines.List(time.Now())
	if err != nil {
		return err
	}
	if e.opts.json {
		if ds == nil {
			ds = []app.Deadline{}
		}
		return writeJSON(e.Stdout, ds)
	}
	if len(ds) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.deadlines.none"))
		return nil
	}
	for _, d := range ds {
		in, err := j.Incidents.Get(d.IncidentID)
		if err != nil {
			continue
		}
		fmt.Fprintf(e.Stdout, "%s  %s\n          %s %s — %s\n", d.IncidentID, sentence.Deadline(d), i18n.X("cli.deadlines.incident"), i18n.Date(in.OccurredAt), d.Reference)
	}
	fmt.Fprintln(e.Stderr, i18n.X("deadline.to_check"))
	return nil
}

func runVerify(e *env, args []string) error {
	if err := wantArgs(args, 0, "verify [--json]"); err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	rep, err := j.Verify(context.Background(), nil)
	if err != nil {
		return err
	}
	if e.opts.json {
		if err := writeJSON(e.Stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.Stdout, i18n.X("cli.verify.checked",
			map[string]any{"Records": i18n.N("count.records", rep.Records), "Events": i18n.N("count.events", int(rep.Events)),
				"Blobs": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)}))
		fmt.Fprintln(e.Stdout, i18n.X("cli.verify.head", map[string]any{"Head": rep.Head.ID, "Seq": rep.Head.Seq}))
		for _, n := range rep.Notes {
			fmt.Fprintln(e.Stdout, "  ·", n)
		}
		for _, p := range rep.Problems {
			fmt.Fprintln(e.Stdout, "  ✗", p.String())
		}
		if rep.OK() {
			fmt.Fprintln(e.Stdout, i18n.X("cli.verify.ok"))
		}
	}
	if !rep.OK() {
		fmt.Fprintln(e.Stderr, i18n.N("cli.verify.problems", len(rep.Problems)))
		return exitError{status: 1}
	}
	return nil
}

func runPasswd(e *env, args []string) error {
	if err := wantArgs(args, 0, "passwd"); err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	pass, err := e.newPassphrase(false)
	if err != nil {
		return err
	}
	defer wipe(pass)
	if err := j.ChangePassphrase(pass); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.passwd.done"))
	return nil
}

func runRecover(e *env, args []string) error {
	if err := wantArgs(args, 0, "recover"); err != nil {
		return err
	}
	dir, err := e.vaultDir()
	if err != nil {
		return err
	}
	if !app.VaultExists(dir) {
		return fmt.Errorf("%w: %s", app.ErrVaultNotFound, dir)
	}
	code := os.Getenv("TEMOIN_RECOVERY_CODE")
	if code == "" {
		b, err := e.prompt(i18n.X("cli.prompt.recovery_code"))
		if err != nil {
			return err
		}
		code = string(b)
	}
	j, err := app.UnlockWithRecoveryCode(dir, code)
	if err != nil {
		return err
	}
	e.journal = j
	pass, err := e.newPassphrase(false)
	if err != nil {
		return err
	}
	defer wipe(pass)
	if err := j.ChangePassphrase(pass); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.recover.done"))
	return nil
}
