package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The journal's commands: create a vault, add, list, show, amend, delete,
// archive incidents, import a spreadsheet, deadlines, verification, passphrases.

func init() {
	register(&command{name: "init", group: 0, summary: summary("cli.init"), new: func() runner { return &initCmd{} }})
	register(&command{name: "add", partly: true, usage: "< incident.json", group: 1, summary: summary("cli.add"), new: func() runner { return &addCmd{} }})
	register(&command{name: "import", partly: true, usage: "FILE.csv|FILE.xlsx|FILE.ods", group: 1, summary: summary("cli.import"),
		new: func() runner { return &importCmd{} }})
	register(&command{name: "list", group: 1, summary: summary("cli.list"),
		usage: "[--json] [--query TEXT] [--since DATE] [--until DATE] [--kind CODE] [--channel CODE] [--perpetrator CODE] [--archived|--all]",
		new:   func() runner { return &listCmd{} }})
	register(&command{name: "show", partly: true, usage: "ID [--json]", group: 1, summary: summary("cli.show"), new: func() runner { return &showCmd{} }})
	register(&command{name: "history", partly: true, usage: "ID [--json]", group: 1, summary: summary("cli.history"),
		new: func() runner { return &historyCmd{} }})
	register(&command{name: "amend", partly: true, usage: "ID < changes.json", group: 1, summary: summary("cli.amend"), new: func() runner { return &amendCmd{} }})
	register(&command{name: "delete", partly: true, usage: "ID [--yes]", group: 1, summary: summary("cli.delete"), new: func() runner { return &deleteCmd{} }})
	register(&command{name: "archive", partly: true, usage: "ID", group: 1, summary: summary("cli.archive"),
		new: func() runner { return &archiveCmd{archive: true} }})
	register(&command{name: "unarchive", partly: true, usage: "ID", group: 1, summary: summary("cli.unarchive"),
		new: func() runner { return &archiveCmd{} }})
	register(&command{name: "deadlines", usage: "[--json]", group: 2, summary: summary("cli.deadlines"),
		new: func() runner { return &deadlinesCmd{} }})
	register(&command{name: "verify", usage: "[--json]", group: 4, summary: summary("cli.verify"), new: func() runner { return &verifyCmd{} }})
	register(&command{name: "passwd", group: 4, summary: summary("cli.passwd"), new: func() runner { return &passwdCmd{} }})
	register(&command{name: "recover", group: 4, summary: summary("cli.recover"), new: func() runner { return &recoverCmd{} }})
	register(&command{name: "version", group: 9, summary: summary("cli.version"), new: func() runner { return &versionCmd{} }})
}

// noFlags is embedded by the commands that take only the global flags.
type noFlags struct{}

func (noFlags) flags(*pflag.FlagSet) {}

// wantArgs checks the number of arguments given to the command.
func (e *env) wantArgs(args []string, n int) error {
	if len(args) != n {
		return e.usageError()
	}
	return nil
}

type initCmd struct{ newPass newPassFlag }

func (c *initCmd) flags(fs *pflag.FlagSet) { c.newPass.add(fs) }

func (c *initCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	dir, err := e.vaultDir()
	if err != nil {
		return err
	}
	if app.VaultExists(dir) {
		return fmt.Errorf("%w: %s", app.ErrVaultExists, dir)
	}
	pass, err := e.newPassphrase(ctx, c.newPass, true)
	if err != nil {
		return err
	}
	j, code, err := app.CreateVault(dir, pass, nil)
	clear(pass)
	if err != nil {
		return err
	}
	e.journal = j
	fmt.Fprintln(e.Stdout, i18n.X("cli.init.done", map[string]any{"Dir": dir}))
	printRecoveryCode(e, "cli.init.code", code)
	return nil
}

// printRecoveryCode prints a recovery code, shown once, under the title
// titleKey says, with how it is used.
func printRecoveryCode(e *env, titleKey, code string) {
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X(titleKey))
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, "    "+code)
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X("cli.init.code_help"))
}

// decodeIncidentJSON reads one incident, or an array of them, refusing
// unknown fields (a misspelt field would otherwise be silently lost).
func decodeIncidentJSON(r io.Reader) ([]*app.Incident, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, present.Said(i18n.X("cli.no_json"))
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
		return nil, err
	}
	return ins, nil
}

// strictJSON decodes data into v, refusing unknown fields; its errors
// are said in words.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonError says what is wrong with a JSON document: the field it does
// not know, the field whose value has the wrong type, or where it stops
// being JSON.
func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return present.Said(i18n.X("cli.json.truncated"))
	case errors.As(err, &se):
		return present.Said(i18n.X("cli.json.syntax", map[string]any{"Offset": se.Offset}))
	case errors.As(err, &te):
		return present.Said(i18n.X("cli.json.type", map[string]any{"Field": te.Field}))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return present.Said(i18n.X("cli.json.unknown_field", map[string]any{"Field": field}))
	}
	return present.Said(i18n.X("cli.bad_json"))
}

type addCmd struct{ noFlags }

func (c *addCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	ins, err := decodeIncidentJSON(e.Stdin)
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	// All at once or none; an id printed is an incident on disk.
	created, err := j.Incidents.CreateMany(ctx, ins, nil)
	if err != nil {
		return err
	}
	for _, in := range created {
		fmt.Fprintln(e.Stdout, i18n.X("cli.added", map[string]any{"ID": in.ID}))
	}
	return nil
}

type importCmd struct{ noFlags }

func (c *importCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 1); err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	imp, err := app.ReadSheet(f, time.Local)
	if err != nil {
		return present.In(err, present.Where{File: args[0]})
	}
	describeImport(e, imp)
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	p := e.progress(i18n.X("cli.import.progress"))
	res, err := j.Incidents.Import(ctx, imp, p.Items())
	p.Done()
	if err != nil {
		return err
	}
	for _, id := range res.Created {
		fmt.Fprintln(e.Stdout, i18n.X("cli.added", map[string]any{"ID": id}))
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
		fmt.Fprintln(e.Stderr, present.ImportColumn(c))
	}
	if s := imp.Sheet; len(s.Others) > 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.import.other_sheets",
			map[string]any{"Name": s.Name, "Others": strings.Join(s.Others, ", ")}))
	}
}

type listCmd struct {
	out                          jsonFlag
	query, kind, channel, author string
	period                       periodFlags
	archived, all                bool // the archive only; every incident
}

func (c *listCmd) flags(fs *pflag.FlagSet) {
	c.out.add(fs)
	fs.StringVarP(&c.query, "query", "q", "", later("cli.flag.query"))
	c.period.add(fs)
	fs.StringVar(&c.kind, "kind", "", later("cli.flag.kind"))
	fs.StringVar(&c.channel, "channel", "", later("cli.flag.channel"))
	fs.StringVar(&c.author, "perpetrator", "", later("cli.flag.perpetrator"))
	fs.BoolVar(&c.archived, "archived", false, later("cli.flag.archived"))
	fs.BoolVar(&c.all, "all", false, later("cli.flag.all"))
}

// filter returns the selection the flags make.
func (c *listCmd) filter() (app.Filter, error) {
	f := app.Filter{Query: c.query, Kind: c.kind, Channel: c.channel, Perpetrator: c.author, Archive: app.WithoutArchived}
	switch {
	case c.archived && c.all:
		return f, present.Said(i18n.X("cli.list.archived_or_all"))
	case c.archived:
		f.Archive = app.OnlyArchived
	case c.all:
		f.Archive = app.WithArchived
	}
	var err error
	if f.Since, f.Until, err = c.period.dates(); err != nil {
		return f, err
	}
	for _, x := range []struct{ list, code, field string }{{"kind", f.Kind, "kinds"}, {"channel", f.Channel, "channels"},
		{"perpetrator", f.Perpetrator, "perpetrator"}} {
		if x.code != "" && !slices.Contains(app.CodeLists[x.list], x.code) {
			return f, &app.FieldError{Field: x.field, Problem: app.FieldUnknownCode, Value: x.code}
		}
	}
	return f, nil
}

func (c *listCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	f, err := c.filter()
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	list := j.Incidents.List(f)
	if c.out.json {
		return writeJSONList(e.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("cli.list.empty"))
		return nil
	}
	for _, in := range list {
		fmt.Fprintln(e.Stdout, listLine(in))
	}
	fmt.Fprintln(e.Stderr, i18n.N("cli.list.count", len(list)))
	if f.Archive == app.WithoutArchived {
		if n := j.Incidents.CountArchived(); n > 0 {
			fmt.Fprintln(e.Stderr, i18n.N("cli.list.archived_left_out", n))
		}
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeJSONList writes a list as writeJSON does, one element at a time:
// ten thousand incidents are never held encoded in memory at once.
func writeJSONList[T any](w io.Writer, list []T) error {
	if len(list) == 0 {
		return writeJSON(w, list)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	bw.WriteString("[\n")
	for i, v := range list {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		bw.WriteString("  ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		if i < len(list)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// unlockIncident checks that the command was given one incident id (or
// its start), unlocks the journal and resolves the id.
func (e *env) unlockIncident(ctx context.Context, args []string) (*app.Journal, string, error) {
	if err := e.wantArgs(args, 1); err != nil {
		return nil, "", err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return nil, "", err
	}
	id, err := j.Incidents.Resolve(args[0])
	return j, id, err
}

type showCmd struct{ out jsonFlag }

func (c *showCmd) flags(fs *pflag.FlagSet) { c.out.add(fs) }

func (c *showCmd) run(ctx context.Context, e *env, args []string) error {
	j, id, err := e.unlockIncident(ctx, args)
	if err != nil {
		return err
	}
	in, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	if c.out.json {
		return writeJSON(e.Stdout, in)
	}
	printIncident(e.Stdout, in, app.IncidentDeadlines(in, app.DateOf(time.Now())))
	return nil
}

type historyCmd struct{ out jsonFlag }

func (c *historyCmd) flags(fs *pflag.FlagSet) { c.out.add(fs) }

func (c *historyCmd) run(ctx context.Context, e *env, args []string) error {
	j, id, err := e.unlockIncident(ctx, args)
	if err != nil {
		return err
	}
	revs, err := j.Incidents.History(id)
	if err != nil {
		return err
	}
	if c.out.json {
		return writeJSON(e.Stdout, revs)
	}
	for _, r := range revs {
		changed := i18n.X("cli.history.created")
		if len(r.Changed) > 0 {
			changed = i18n.X("cli.history.changed", map[string]any{"Fields": fieldLabels(r.Changed)})
		}
		fmt.Fprintf(e.Stdout, "%s %d  %s  %s\n", i18n.X("field.revision"), r.Number, i18n.DateTime(r.SavedAt.Local()), changed)
	}
	return nil
}

// fieldLabels names fields as the screens label them, in a list.
func fieldLabels(fields []string) string {
	labels := make([]string, len(fields))
	for i, f := range fields {
		labels[i] = i18n.X("field." + f)
	}
	return strings.Join(labels, ", ")
}

type amendCmd struct{ noFlags }

func (c *amendCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 1); err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(e.Stdin, 64<<20))
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return present.Said(i18n.X("cli.no_json"))
	}
	j, id, err := e.unlockIncident(ctx, args)
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
		return err
	}
	if edit.ID != cur.ID {
		return present.Said(i18n.X("cli.amend.other_id", map[string]any{"ID": edit.ID}))
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

type deleteCmd struct{ yes yesFlag }

func (c *deleteCmd) flags(fs *pflag.FlagSet) { c.yes.add(fs) }

func (c *deleteCmd) run(ctx context.Context, e *env, args []string) error {
	j, id, err := e.unlockIncident(ctx, args)
	if err != nil {
		return err
	}
	in, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	ok, err := e.confirm(c.yes, i18n.X("cli.delete.confirm",
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

// archiveCmd is archive (archive true) and unarchive.
type archiveCmd struct {
	noFlags
	archive bool
}

func (c *archiveCmd) run(ctx context.Context, e *env, args []string) error {
	j, id, err := e.unlockIncident(ctx, args)
	if err != nil {
		return err
	}
	out, err := j.Incidents.Archive(id, c.archive)
	switch {
	case errors.Is(err, app.ErrUnchanged) && c.archive:
		fmt.Fprintln(e.Stderr, i18n.X("cli.archive.already", map[string]any{"ID": id}))
		return nil
	case errors.Is(err, app.ErrUnchanged):
		fmt.Fprintln(e.Stderr, i18n.X("cli.unarchive.not_archived", map[string]any{"ID": id}))
		return nil
	case err != nil:
		return err
	case c.archive:
		fmt.Fprintln(e.Stdout, i18n.X("cli.archived", map[string]any{"ID": id, "Rev": out.Revision}))
	default:
		fmt.Fprintln(e.Stdout, i18n.X("cli.unarchived", map[string]any{"ID": id, "Rev": out.Revision}))
	}
	return nil
}

type deadlinesCmd struct{ out jsonFlag }

func (c *deadlinesCmd) flags(fs *pflag.FlagSet) { c.out.add(fs) }

func (c *deadlinesCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	ds, err := j.Deadlines.List(time.Now())
	if err != nil {
		return err
	}
	if c.out.json {
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
		fmt.Fprintf(e.Stdout, "%s  %s\n          %s %s — %s\n", d.IncidentID, present.Deadline(d),
			i18n.X("cli.deadlines.incident"), i18n.Date(in.OccurredAt), d.Reference)
	}
	fmt.Fprintln(e.Stderr, i18n.X("deadline.to_check"))
	return nil
}

type verifyCmd struct{ out jsonFlag }

func (c *verifyCmd) flags(fs *pflag.FlagSet) { c.out.add(fs) }

func (c *verifyCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	p := e.progress(i18n.X("cli.verify.progress"))
	rep, err := j.Verify(ctx, p.Bytes())
	p.Done()
	if err != nil {
		return err
	}
	// The newest backups known show a vault folder put back to an older
	// copy even when every witness went with it.
	older, err := j.Backups.Compare(ctx)
	if err != nil {
		return err
	}
	if c.out.json {
		if err := writeJSON(e.Stdout, rep); err != nil {
			return err
		}
	} else {
		printVerifyReport(e, rep)
	}
	if older != nil {
		w := e.Stdout
		if c.out.json {
			w = e.Stderr
		}
		fmt.Fprintln(w, "  ✗ "+present.Integrity(older))
		return exitError{status: statusFailed}
	}
	if !rep.OK() {
		fmt.Fprintln(e.Stderr, i18n.N("cli.verify.problems", len(rep.Problems)))
		return exitError{status: statusFailed}
	}
	return nil
}

type passwdCmd struct {
	newPass newPassFlag
	renew   bool
}

func (c *passwdCmd) flags(fs *pflag.FlagSet) {
	c.newPass.add(fs)
	fs.BoolVar(&c.renew, "renew-keys", false, later("cli.flag.renew_keys"))
}

func (c *passwdCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	if c.renew {
		return renewKeys(ctx, e, j, c.newPass)
	}
	return changePassphrase(ctx, e, j, c.newPass, "cli.passwd.done")
}

// renewKeys sets the passphrase (new, or the same typed again) and
// renews every key ("someone may know my passphrase"): old copies of
// the header and old backups read nothing written afterwards. The new
// recovery code is printed once.
func renewKeys(ctx context.Context, e *env, j *app.Journal, f newPassFlag) error {
	pass, err := e.newPassphrase(ctx, f, false)
	if err != nil {
		return err
	}
	defer clear(pass)
	p := e.progress(i18n.X("cli.passwd.renewing"))
	code, err := j.RotateKeys(ctx, pass, p.Bytes())
	p.Done()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.passwd.renewed"))
	printRecoveryCode(e, "cli.passwd.new_code", code)
	fmt.Fprintln(e.Stderr, i18n.X("cli.passwd.old_backups"))
	return nil
}

// changePassphrase asks for a new passphrase and sets it (atomically:
// the key is wrapped again, never half-written).
func changePassphrase(ctx context.Context, e *env, j *app.Journal, f newPassFlag, doneKey string) error {
	pass, err := e.newPassphrase(ctx, f, false)
	if err != nil {
		return err
	}
	defer clear(pass)
	if err := j.ChangePassphrase(pass); err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X(doneKey))
	return nil
}

type recoverCmd struct{ newPass newPassFlag }

func (c *recoverCmd) flags(fs *pflag.FlagSet) { c.newPass.add(fs) }

func (c *recoverCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	dir, err := e.existingVault()
	if err != nil {
		return err
	}
	code, err := e.recoveryCode(ctx)
	if err != nil {
		return err
	}
	j, err := app.UnlockWithRecoveryCode(dir, code)
	if err != nil {
		return err
	}
	e.opened(j)
	return changePassphrase(ctx, e, j, c.newPass, "cli.recover.done")
}

type versionCmd struct{ noFlags }

func (c *versionCmd) run(_ context.Context, e *env, _ []string) error {
	fmt.Fprintln(e.Stdout, "temoin", app.Version)
	return nil
}
