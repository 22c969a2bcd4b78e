package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"filippo.io/age"
	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
)

// The encrypted export to representatives, and the representative's
// side: the contacts list (reps), export, keygen, open, synthesis.

func init() {
	register(&command{name: "reps", group: 3, usage: "add NAME --key age1… [--org ORG] | add NAME --key-file FILE | list | remove NAME",
		summary: summary("bundle.reps"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["key"] = fs.String("key", "", i18n.X("bundle.flag.key"))
			o.values["key-file"] = fs.String("key-file", "", i18n.X("bundle.flag.key_file"))
			o.values["org"] = fs.String("org", "", i18n.X("bundle.flag.org"))
			jsonFlag(fs, o)
		},
		run: runReps})
	register(&command{name: "export", group: 3, usage: "--out FILE (--to NAME|age1…)... | --passphrase [--report-lang fr|en]",
		summary: summary("bundle.export"),
		flags:   exportFlags, run: runExport})
	register(&command{name: "keygen", group: 5, usage: "--out IDENTITY | --in-vault [--qr FILE.png]",
		summary: summary("bundle.keygen"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("bundle.flag.keygen_out"))
			o.values["in-vault"] = fs.Bool("in-vault", false, i18n.X("bundle.flag.in_vault"))
			o.values["qr"] = fs.String("qr", "", i18n.X("bundle.flag.qr"))
		},
		run: runKeygen})
	register(&command{name: "open", group: 5, usage: "BUNDLE --out DIR [--identity FILE | --passphrase] [--keep]",
		summary: summary("bundle.open"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("bundle.flag.open_out"))
			identityFlags(fs, o)
			o.values["keep"] = fs.Bool("keep", false, i18n.X("bundle.flag.keep"))
		},
		run: runOpen})
	register(&command{name: "synthesis", group: 5, usage: "--out FILE.pdf [--identity FILE | --passphrase] [--report-lang fr|en] BUNDLE... | --cases",
		summary: summary("bundle.synthesis"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("bundle.flag.synthesis_out"))
			identityFlags(fs, o)
			o.values["cases"] = fs.Bool("cases", false, i18n.X("bundle.flag.cases"))
			o.values["descriptions"] = fs.Bool("descriptions", false, i18n.X("bundle.flag.descriptions"))
			fs.StringVar(&o.since, "since", "", i18n.X("cli.flag.since"))
			fs.StringVar(&o.until, "until", "", i18n.X("cli.flag.until"))
			fs.BoolVar(&o.force, "force", false, i18n.X("cli.flag.force"))
			reportLangFlag(fs, o)
		},
		run: runSynthesis})
}

func identityFlags(fs *pflag.FlagSet, o *options) {
	o.values["identity"] = fs.StringP("identity", "i", "", i18n.X("bundle.flag.identity"))
	o.values["passphrase"] = fs.Bool("passphrase", false, i18n.X("bundle.flag.open_passphrase"))
}

func exportFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVarP(&o.out, "out", "o", "", i18n.X("bundle.flag.export_out"))
	o.values["to"] = fs.StringArray("to", nil, i18n.X("bundle.flag.to"))
	o.values["passphrase"] = fs.Bool("passphrase", false, i18n.X("bundle.flag.passphrase"))
	fs.StringVar(&o.since, "since", "", i18n.X("cli.flag.since"))
	fs.StringVar(&o.until, "until", "", i18n.X("cli.flag.until"))
	o.values["incident"] = fs.StringSlice("incident", nil, i18n.X("bundle.flag.incident"))
	o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, i18n.X("bundle.flag.no_pseudonymize"))
	o.values["include-health"] = fs.Bool("include-health", false, i18n.X("bundle.flag.include_health"))
	o.values["author-pseudonym"] = fs.String("author-pseudonym", "", i18n.X("bundle.flag.author_pseudonym"))
	o.values["request"] = fs.String("request", "", i18n.X("bundle.flag.request"))
	o.values["thumbnails"] = fs.Bool("thumbnails", false, i18n.X("bundle.flag.thumbnails"))
	o.values["evidence"] = fs.StringSlice("evidence", []string{"all"}, i18n.X("bundle.flag.evidence"))
	fs.BoolVar(&o.force, "force", false, i18n.X("cli.flag.force"))
	reportLangFlag(fs, o)
}

func (e *env) str(name string) string {
	if p, ok := e.opts.values[name].(*string); ok {
		return *p
	}
	return ""
}

func (e *env) flag(name string) bool {
	if p, ok := e.opts.values[name].(*bool); ok {
		return *p
	}
	return false
}

func (e *env) strs(name string) []string {
	if p, ok := e.opts.values[name].(*[]string); ok {
		return *p
	}
	return nil
}

func usageErr(usage string) error {
	return errors.New(i18n.X("cli.usage", map[string]any{"Usage": usage}))
}

// ---- reps ----

func runReps(e *env, args []string) error {
	usage := "reps add NAME --key age1… [--org ORG] | reps add NAME --key-file FILE | reps list | reps remove NAME"
	if len(args) == 0 {
		return usageErr(usage)
	}
	switch args[0] {
	case "add":
		if len(args) != 2 || (e.str("key") == "") == (e.str("key-file") == "") {
			return usageErr(usage)
		}
		key := e.str("key")
		if f := e.str("key-file"); f != "" {
			data, err := os.ReadFile(f)
			if err != nil {
				return fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
			}
			if key, err = app.PublicKeyFromFile(data); err != nil {
				return bundleError(err)
			}
		}
		j, err := e.unlock()
		if err != nil {
			return err
		}
		rep, err := j.Representatives.Add(app.Representative{Name: args[1], Org: e.str("org"), Key: key})
		if err != nil {
			return bundleError(err)
		}
		fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.added", map[string]any{"Name": rep.Name, "Key": rep.Key}))
		fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.fingerprint", map[string]any{"F": rep.Fingerprint()}))
		fmt.Fprintln(e.Stderr, i18n.X("bundle.reps.compare"))
		return nil
	case "list":
		if len(args) != 1 {
			return usageErr(usage)
		}
		j, err := e.unlock()
		if err != nil {
			return err
		}
		reps, err := j.Representatives.List()
		if err != nil {
			return err
		}
		if e.opts.json {
			type repJSON struct {
				app.Representative
				Fingerprint string `json:"fingerprint"`
			}
			out := make([]repJSON, len(reps))
			for i, r := range reps {
				out[i] = repJSON{r, r.Fingerprint()}
			}
			return writeJSON(e.Stdout, out)
		}
		if len(reps) == 0 {
			fmt.Fprintln(e.Stderr, i18n.X("bundle.reps.none"))
			return nil
		}
		for _, r := range reps {
			name := r.Name
			if r.Org != "" {
				name += " (" + r.Org + ")"
			}
			fmt.Fprintf(e.Stdout, "%s\n    %s\n    %s %s\n", name, r.Key, i18n.X("bundle.reps.fingerprint_label"), r.Fingerprint())
		}
		return nil
	case "remove", "rm":
		if len(args) != 2 {
			return usageErr(usage)
		}
		j, err := e.unlock()
		if err != nil {
			return err
		}
		if err := j.Representatives.Remove(args[1]); err != nil {
			return bundleError(err)
		}
		fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.removed", map[string]any{"Name": args[1]}))
		return nil
	}
	return usageErr(usage)
}

// ---- export ----

func runExport(e *env, args []string) error {
	usage := "export --out FILE (--to NAME|age1…)... | --passphrase [--since DATE] [--until DATE] [--incident ID]... [--evidence all|none|ID...]"
	if len(args) != 0 {
		return usageErr(usage)
	}
	to, withPass := e.strs("to"), e.flag("passphrase")
	if len(to) == 0 && !withPass {
		return errors.New(i18n.X("bundle.export.no_recipient"))
	}
	if len(to) > 0 && withPass {
		return bundleError(bundle.ErrPassphraseAndKeys)
	}
	docLang, err := e.reportLang()
	if err != nil {
		return err
	}
	ro := report.Options{
		Lang:            docLang,
		NoPseudonymize:  e.flag("no-pseudonymize"),
		IncludeHealth:   e.flag("include-health"),
		Thumbnails:      e.flag("thumbnails"),
		AuthorPseudonym: e.str("author-pseudonym"),
		Request:         e.str("request"),
	}
	if e.opts.since != "" {
		if ro.Since, err = app.ParseDate(e.opts.since); err != nil {
			return err
		}
	}
	if e.opts.until != "" {
		if ro.Until, err = app.ParseDate(e.opts.until); err != nil {
			return err
		}
	}
	var ev bundle.EvidenceChoice
	for _, v := range e.strs("evidence") {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "all", "":
		case "none":
			ev.None = true
		default:
			ev.IDs = append(ev.IDs, strings.TrimSpace(v))
		}
	}
	if ev.None && len(ev.IDs) > 0 {
		return usageErr(usage)
	}

	j, err := e.unlock()
	if err != nil {
		return err
	}
	for _, id := range e.strs("incident") {
		full, err := j.Incidents.Resolve(id)
		if err != nil {
			return err
		}
		ro.IncidentIDs = append(ro.IncidentIDs, full)
	}
	opts := bundle.ExportOptions{Out: e.opts.out, Overwrite: e.opts.force, Report: ro, Evidence: ev}
	if opts.Out == "" {
		opts.Out = bundle.DefaultFileName(time.Now())
	}
	var names []string
	for _, t := range to {
		key, err := j.Representatives.ResolveKey(t)
		if err != nil {
			return bundleError(err)
		}
		opts.To = append(opts.To, key)
		if !strings.HasPrefix(strings.ToLower(t), "age1") {
			names = append(names, t)
		}
	}
	if withPass {
		p, err := e.bundlePassphrase(true)
		if err != nil {
			return err
		}
		defer wipe(p)
		opts.Passphrase = p
	}
	ctx, stop := interruptible()
	defer stop()
	var bar func(int64)
	opts.Progress = func(p bundle.Progress) {
		if p.Stage == bundle.StageEvidence && bar == nil {
			bar = e.progress(i18n.X("bundle.export.progress"), p.Total)
			if bar == nil {
				bar = func(int64) {}
			}
		}
		if bar != nil {
			bar(p.Done)
		}
	}
	res, err := bundle.Export(ctx, bundle.JournalSource(j), opts)
	e.endProgress()
	if err != nil {
		return bundleError(err)
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.export.done", map[string]any{"Path": res.Path, "Size": i18n.Size(res.Size)}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.export.contents", map[string]any{
		"Incidents": i18n.N("count.incidents", len(res.Manifest.Incidents)), "Evidence": i18n.N("count.evidence_files", len(res.Manifest.Evidence))}))
	if withPass {
		fmt.Fprintln(e.Stdout, i18n.X("bundle.export.for_passphrase"))
	} else {
		for _, k := range res.Recipients {
			fmt.Fprintln(e.Stdout, i18n.X("bundle.export.for_key", map[string]any{"Key": k, "F": app.KeyFingerprint(k)}))
		}
		if len(names) > 0 {
			fmt.Fprintln(e.Stdout, i18n.X("bundle.export.for_names", map[string]any{"Names": strings.Join(names, ", ")}))
		}
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.export.recorded", map[string]any{"Hash": res.ManifestSHA256}))
	fmt.Fprintln(e.Stderr, i18n.X("bundle.export.advice"))
	return nil
}

// bundlePassphrase reads a bundle's passphrase: $TEMOIN_BUNDLE_PASSPHRASE,
// else the terminal (twice when it is being chosen).
func (e *env) bundlePassphrase(choose bool) ([]byte, error) {
	if p := os.Getenv("TEMOIN_BUNDLE_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	if _, _, ok := e.terminal(); !ok {
		return nil, errors.New(i18n.X("bundle.no_passphrase"))
	}
	if !choose {
		return e.prompt(i18n.X("bundle.prompt.passphrase"))
	}
	p, err := e.prompt(i18n.X("bundle.prompt.new_passphrase"))
	if err != nil {
		return nil, err
	}
	again, err := e.prompt(i18n.X("cli.prompt.confirm_passphrase"))
	if err != nil {
		return nil, err
	}
	if string(again) != string(p) {
		wipe(p)
		return nil, errors.New(i18n.X("bundle.passphrase_mismatch"))
	}
	wipe(again)
	return p, nil
}

// ---- keygen ----

func runKeygen(e *env, args []string) error {
	usage := "keygen --out IDENTITY | keygen --in-vault [--qr FILE.png]"
	inVault := e.flag("in-vault")
	if len(args) != 0 || (e.opts.out == "") == !inVault {
		return usageErr(usage)
	}
	var key string
	if inVault {
		j, err := e.unlock()
		if err != nil {
			return err
		}
		id, err := j.Cases.CreateIdentity()
		if err != nil {
			return err
		}
		key = id.Recipient().String()
	} else {
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return fmt.Errorf("failed to create the key: %w", err)
		}
		key = id.Recipient().String()
		content := fmt.Sprintf("# created: %s\n# public key: %s\n%s\n", time.Now().Format(time.RFC3339), key, id.String())
		f, err := os.OpenFile(e.opts.out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return errors.New(i18n.X("bundle.keygen.exists", map[string]any{"Path": e.opts.out}))
		}
		if err != nil {
			return fmt.Errorf("failed to create the key file: %w", err)
		}
		_, err = f.WriteString(content)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(e.opts.out)
			return fmt.Errorf("failed to write the key file: %w", err)
		}
	}
	if qrPath := e.str("qr"); qrPath != "" {
		img, err := app.PublicKeyQRCode(key, 8)
		if err != nil {
			return err
		}
		if err := os.WriteFile(qrPath, img, 0o644); err != nil {
			return fmt.Errorf("failed to write the QR code: %w", err)
		}
	}
	fmt.Fprintln(e.Stdout, key)
	fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.fingerprint", map[string]any{"F": app.KeyFingerprint(key)}))
	if inVault {
		fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.done_vault"))
	} else {
		fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.done", map[string]any{"Path": e.opts.out}))
	}
	return nil
}

// ---- open ----

// identities returns the identities given by --identity or --passphrase;
// none when neither is given (the vault's own is used then).
func (e *env) identities() ([]age.Identity, error) {
	file, withPass := e.str("identity"), e.flag("passphrase")
	if file != "" && withPass {
		return nil, errors.New(i18n.X("bundle.identity_or_passphrase"))
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
		}
		ids, err := bundle.ParseIdentities(data)
		wipe(data)
		if err != nil {
			return nil, errors.New(i18n.X("bundle.bad_identity", map[string]any{"Path": file}))
		}
		return ids, nil
	}
	if withPass {
		p, err := e.bundlePassphrase(false)
		if err != nil {
			return nil, err
		}
		defer wipe(p)
		id, err := bundle.PassphraseIdentity(p)
		if err != nil {
			return nil, err
		}
		return []age.Identity{id}, nil
	}
	return nil, nil
}

func runOpen(e *env, args []string) error {
	usage := "open BUNDLE --out DIR [--identity FILE | --passphrase] [--keep]"
	if len(args) != 1 || e.opts.out == "" {
		return usageErr(usage)
	}
	ids, err := e.identities()
	if err != nil {
		return err
	}
	keep := e.flag("keep") || len(ids) == 0
	ctx, stop := interruptible()
	defer stop()

	var c *bundle.Contents
	var cont *bundle.Continuity
	if keep {
		j, err := e.unlock()
		if err != nil {
			return err
		}
		rec, err := bundle.Receive(ctx, j.Cases, args[0], bundle.ReceiveOptions{Identities: ids})
		var existing string
		if errors.Is(err, bundle.ErrAlreadyReceived) {
			existing = caseOf(j, args[0], ids)
		}
		switch {
		case existing != "":
			fmt.Fprintln(e.Stderr, i18n.X("bundle.open.already", map[string]any{"ID": existing}))
			c, err = bundle.OpenCase(ctx, j.Cases, existing, bundle.OpenOptions{OutDir: e.opts.out})
		case err == nil:
			cont = &rec.Continuity
			c, err = bundle.OpenCase(ctx, j.Cases, rec.Case.ID, bundle.OpenOptions{OutDir: e.opts.out})
			if err == nil {
				fmt.Fprintln(e.Stdout, i18n.X("bundle.open.kept", map[string]any{"ID": rec.Case.ID}))
			}
		}
		if err != nil {
			return bundleError(err)
		}
	} else {
		c, err = bundle.OpenFile(ctx, args[0], bundle.OpenOptions{Identities: ids, OutDir: e.opts.out})
		if err != nil {
			return bundleError(err)
		}
	}
	e.printContents(c)
	if cont != nil {
		printContinuity(e, *cont)
	}
	return nil
}

// caseOf finds the case that holds the same bundle as the file.
func caseOf(j *app.Journal, path string, ids []age.Identity) string {
	if own, err := j.Cases.Identity(); err == nil {
		ids = append(ids, own)
	}
	c, err := bundle.OpenFile(context.Background(), path, bundle.OpenOptions{Identities: ids})
	if err != nil {
		return ""
	}
	cases, _ := bundle.Cases(j.Cases)
	for _, k := range cases {
		if k.Summary != nil && k.Summary.History != nil && k.Summary.History.ManifestSHA256 == c.ManifestSHA256 {
			return k.ID
		}
	}
	return ""
}

func (e *env) printContents(c *bundle.Contents) {
	m := c.Manifest
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.ok"))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.made",
		map[string]any{"Date": i18n.DateTime(m.ExportedAt.Local()), "Version": m.AppVersion, "Seq": m.ChainHead.Seq, "Head": m.ChainHead.ID}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.incidents", map[string]any{
		"Incidents": i18n.N("count.incidents", len(m.Incidents)), "Evidence": i18n.N("count.evidence_files", len(m.Evidence))}))
	if !m.Pseudonymised {
		fmt.Fprintln(e.Stdout, i18n.X("bundle.open.names"))
	}
	if m.HealthIncluded {
		fmt.Fprintln(e.Stdout, i18n.X("bundle.open.health"))
	}
	if c.Dir != "" {
		fmt.Fprintln(e.Stdout, i18n.X("bundle.open.dir", map[string]any{"Dir": c.Dir}))
		for _, f := range c.Files {
			fmt.Fprintf(e.Stdout, "  %-50s %10s\n", f.Path, i18n.Size(f.Size))
		}
	}
}

func printContinuity(e *env, c bundle.Continuity) {
	var when string
	if c.Against != nil {
		when = i18n.Date(c.Against.ExportedAt.Local())
	}
	data := map[string]any{"Date": when, "Seq": c.FirstDifference}
	switch c.Verdict {
	case bundle.VerdictFirst:
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.first"))
	case bundle.VerdictSame:
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.same", data))
	case bundle.VerdictExtends:
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.extends", data))
	case bundle.VerdictOlder:
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.older", data))
	case bundle.VerdictDiverged:
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.diverged", data))
	}
	if c.ExportRecorded {
		fmt.Fprintln(e.Stdout, i18n.X("bundle.continuity.recorded"))
	}
}

// ---- synthesis ----

func runSynthesis(e *env, args []string) error {
	usage := "synthesis --out FILE.pdf [--identity FILE | --passphrase] BUNDLE... | synthesis --out FILE.pdf --cases"
	useCases := e.flag("cases")
	if e.opts.out == "" || (len(args) == 0 && !useCases) {
		return usageErr(usage)
	}
	docLang, err := e.reportLang()
	if err != nil {
		return err
	}
	opts := bundle.SynthesisOptions{Lang: docLang, IncludeDescriptions: e.flag("descriptions")}
	if e.opts.since != "" {
		if opts.Since, err = app.ParseDate(e.opts.since); err != nil {
			return err
		}
	}
	if e.opts.until != "" {
		if opts.Until, err = app.ParseDate(e.opts.until); err != nil {
			return err
		}
	}
	if !e.opts.force {
		if _, err := os.Lstat(e.opts.out); err == nil {
			return fmt.Errorf("%w: %s", bundle.ErrExists, e.opts.out)
		}
	}
	ids, err := e.identities()
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	var inputs []bundle.SynthesisInput
	if useCases || len(ids) == 0 {
		j, err := e.unlock()
		if err != nil {
			return err
		}
		if own, err := j.Cases.Identity(); err == nil {
			ids = append(ids, own)
		}
		if useCases {
			cases, err := bundle.Cases(j.Cases)
			if err != nil {
				return err
			}
			for _, c := range cases {
				in, err := bundle.InputOfCase(c)
				if err != nil {
					return err
				}
				inputs = append(inputs, in)
			}
		}
	}
	for _, path := range args {
		c, err := bundle.OpenFile(ctx, path, bundle.OpenOptions{Identities: ids})
		if err != nil {
			return fmt.Errorf("%s: %w", path, bundleError(err))
		}
		inputs = append(inputs, bundle.InputOf(c))
	}
	if len(inputs) == 0 {
		return errors.New(i18n.X("bundle.synthesis.none"))
	}
	partial := e.opts.out + ".partial"
	f, err := os.OpenFile(partial, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("failed to create %s: %w", e.opts.out, err)
	}
	s, err := bundle.WriteSynthesis(inputs, opts, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(partial, e.opts.out)
	}
	if err != nil {
		os.Remove(partial)
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.synthesis.done",
		map[string]any{"Path": e.opts.out, "Incidents": i18n.N("count.incidents", s.Incidents),
			"Bundles": i18n.N("count.bundles", s.Bundles), "Colleagues": i18n.N("count.colleagues", s.Colleagues)}))
	if s.Overlaps > 0 {
		fmt.Fprintln(e.Stdout, i18n.N("bundle.synthesis.overlaps_cli", s.Overlaps))
	}
	if s.Diverged > 0 {
		fmt.Fprintln(e.Stdout, i18n.N("bundle.synthesis.diverged_cli", s.Diverged))
	}
	return nil
}

// bundleError turns the bundle's errors into one calm sentence.
func bundleError(err error) error {
	var ce *bundle.CheckError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bundle.ErrWrongKey):
		return errors.New(i18n.X("bundle.error.wrong_key"))
	case errors.Is(err, bundle.ErrUnsupportedVersion):
		return errors.New(i18n.X("bundle.error.version"))
	case errors.As(err, &ce):
		check := i18n.X("bundle.check." + string(ce.Check))
		return errors.New(i18n.X("bundle.error.check",
			map[string]any{"Check": check, "Name": nameSuffix(ce.Name), "Detail": ce.Err.Error()}))
	case errors.Is(err, bundle.ErrOutExists):
		return errors.New(i18n.X("bundle.error.out_exists"))
	case errors.Is(err, bundle.ErrExists):
		return errors.New(i18n.X("bundle.error.exists"))
	case errors.Is(err, bundle.ErrVaultPassphrase):
		return errors.New(i18n.X("bundle.error.vault_passphrase"))
	case errors.Is(err, bundle.ErrPassphraseAndKeys):
		return errors.New(i18n.X("bundle.error.passphrase_and_keys"))
	case errors.Is(err, bundle.ErrNoIncident):
		return errors.New(i18n.X("bundle.error.no_incident"))
	case errors.Is(err, bundle.ErrAlreadyReceived):
		return errors.New(i18n.X("bundle.error.already_received"))
	case errors.Is(err, app.ErrInvalidKey):
		return errors.New(i18n.X("bundle.error.invalid_key", map[string]any{"Detail": err.Error()}))
	case errors.Is(err, app.ErrNoRepresentative):
		return errors.New(i18n.X("bundle.error.no_rep"))
	case errors.Is(err, app.ErrNoIdentity):
		return errors.New(i18n.X("bundle.error.no_identity"))
	case errors.Is(err, app.ErrPassphraseTooShort):
		return errors.New(i18n.X("cli.passphrase_too_short", map[string]any{"N": app.MinPassphraseLength}))
	}
	return err
}

func nameSuffix(name string) string {
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}
