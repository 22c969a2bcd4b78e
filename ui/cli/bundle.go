package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"filippo.io/age"
	"fyne.io/fyne/v2/lang"
	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/ui/i18n"
)

// The encrypted export to representatives, and the representative's
// side: the contacts list (reps), export, keygen, open, synthesis.

func init() {
	register(&command{name: "reps", group: 3, usage: "add NAME --key age1… [--org ORG] | add NAME --key-file FILE | list | remove NAME",
		summary: summary("bundle.reps", "the representatives you send encrypted bundles to"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["key"] = fs.String("key", "", lang.X("bundle.flag.key", "the representative's public key (age1…)"))
			o.values["key-file"] = fs.String("key-file", "", lang.X("bundle.flag.key_file", "a key file made by age-keygen or \"temoin keygen\""))
			o.values["org"] = fs.String("org", "", lang.X("bundle.flag.org", "the representative's organisation (union)"))
			jsonFlag(fs, o)
		},
		run: runReps})
	register(&command{name: "export", group: 3, usage: "--out FILE (--to NAME|age1…)... | --passphrase",
		summary: summary("bundle.export", "make an encrypted bundle (report, incidents, evidence) for a representative"),
		flags:   exportFlags, run: runExport})
	register(&command{name: "keygen", group: 5, usage: "--out IDENTITY | --in-vault [--qr FILE.png]",
		summary: summary("bundle.keygen", "representatives: create your key (give the public key to colleagues)"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", lang.X("bundle.flag.keygen_out", "the identity file to create (kept secret, mode 0600)"))
			o.values["in-vault"] = fs.Bool("in-vault", false, lang.X("bundle.flag.in_vault", "keep the key inside your vault instead of a file"))
			o.values["qr"] = fs.String("qr", "", lang.X("bundle.flag.qr", "also write the public key as a QR code (PNG)"))
		},
		run: runKeygen})
	register(&command{name: "open", group: 5, usage: "BUNDLE --out DIR [--identity FILE | --passphrase] [--keep]",
		summary: summary("bundle.open", "representatives: check and open a bundle received"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", lang.X("bundle.flag.open_out", "the folder to create with the bundle's files"))
			identityFlags(fs, o)
			o.values["keep"] = fs.Bool("keep", false, lang.X("bundle.flag.keep", "keep the bundle in your vault, and compare its history with the earlier ones"))
		},
		run: runOpen})
	register(&command{name: "synthesis", group: 5, usage: "--out FILE.pdf [--identity FILE | --passphrase] BUNDLE... | --cases",
		summary: summary("bundle.synthesis", "representatives: an anonymous statistical report for the F3SCT from several bundles"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", lang.X("bundle.flag.synthesis_out", "the PDF to write"))
			identityFlags(fs, o)
			o.values["cases"] = fs.Bool("cases", false, lang.X("bundle.flag.cases", "use the bundles kept in your vault"))
			o.values["descriptions"] = fs.Bool("descriptions", false, lang.X("bundle.flag.descriptions", "include the incidents' descriptions (off: counts only)"))
			fs.StringVar(&o.since, "since", "", lang.X("cli.flag.since", "facts on or after this day (2026-03-01 or 01/03/2026)"))
			fs.StringVar(&o.until, "until", "", lang.X("cli.flag.until", "facts on or before this day"))
			fs.BoolVar(&o.force, "force", false, lang.X("cli.flag.force", "replace the file if it exists"))
		},
		run: runSynthesis})
}

func identityFlags(fs *pflag.FlagSet, o *options) {
	o.values["identity"] = fs.StringP("identity", "i", "", lang.X("bundle.flag.identity", "your identity file (made by age-keygen or \"temoin keygen\")"))
	o.values["passphrase"] = fs.Bool("passphrase", false, lang.X("bundle.flag.open_passphrase", "the bundle is protected by a passphrase (asked, or $TEMOIN_BUNDLE_PASSPHRASE)"))
}

func exportFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVarP(&o.out, "out", "o", "", lang.X("bundle.flag.export_out", "the bundle to write (default: temoin-AAAA-MM-JJ.zip.age)"))
	o.values["to"] = fs.StringArray("to", nil, lang.X("bundle.flag.to", "a representative of your list, or a public key age1… (repeat for several)"))
	o.values["passphrase"] = fs.Bool("passphrase", false, lang.X("bundle.flag.passphrase", "protect the bundle with a passphrase instead (asked twice, or $TEMOIN_BUNDLE_PASSPHRASE)"))
	fs.StringVar(&o.since, "since", "", lang.X("cli.flag.since", "facts on or after this day (2026-03-01 or 01/03/2026)"))
	fs.StringVar(&o.until, "until", "", lang.X("cli.flag.until", "facts on or before this day"))
	o.values["incident"] = fs.StringSlice("incident", nil, lang.X("bundle.flag.incident", "only these incidents (ids; repeat or separate by commas)"))
	o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, lang.X("bundle.flag.no_pseudonymize", "keep the names of your people list (default: pseudonyms)"))
	o.values["include-health"] = fs.Bool("include-health", false, lang.X("bundle.flag.include_health", "include the medical notes (default: left out)"))
	o.values["author-pseudonym"] = fs.String("author-pseudonym", "", lang.X("bundle.flag.author_pseudonym", "the name shown as the report's author"))
	o.values["request"] = fs.String("request", "", lang.X("bundle.flag.request", "what you ask of the committee, in your words"))
	o.values["thumbnails"] = fs.Bool("thumbnails", false, lang.X("bundle.flag.thumbnails", "show images as thumbnails in the report"))
	o.values["evidence"] = fs.StringSlice("evidence", []string{"all"}, lang.X("bundle.flag.evidence", "evidence files to include: all, none, or their ids"))
	fs.BoolVar(&o.force, "force", false, lang.X("cli.flag.force", "replace the file if it exists"))
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
	return errors.New(lang.X("cli.usage", "usage: temoin {{.Usage}}", map[string]any{"Usage": usage}))
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
				return fmt.Errorf("%s: %w", lang.X("cli.cannot_open", "cannot open the file"), err)
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
		fmt.Fprintln(e.Stdout, lang.X("bundle.reps.added", "{{.Name}} added, key {{.Key}}", map[string]any{"Name": rep.Name, "Key": rep.Key}))
		fmt.Fprintln(e.Stdout, lang.X("bundle.reps.fingerprint", "Fingerprint: {{.F}}", map[string]any{"F": rep.Fingerprint()}))
		fmt.Fprintln(e.Stderr, lang.X("bundle.reps.compare", "Compare this fingerprint with the representative, by phone or in person: if it differs, the key is not theirs."))
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
			fmt.Fprintln(e.Stderr, lang.X("bundle.reps.none", "No representative yet: \"temoin reps add NAME --key age1…\"."))
			return nil
		}
		for _, r := range reps {
			name := r.Name
			if r.Org != "" {
				name += " (" + r.Org + ")"
			}
			fmt.Fprintf(e.Stdout, "%s\n    %s\n    %s %s\n", name, r.Key, lang.X("bundle.reps.fingerprint_label", "fingerprint"), r.Fingerprint())
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
		fmt.Fprintln(e.Stdout, lang.X("bundle.reps.removed", "{{.Name}} removed from your representatives", map[string]any{"Name": args[1]}))
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
		return errors.New(lang.X("bundle.export.no_recipient", "say who can open the bundle: --to NAME (a representative of your list, see \"temoin reps\"), --to age1… or --passphrase"))
	}
	if len(to) > 0 && withPass {
		return bundleError(bundle.ErrPassphraseAndKeys)
	}
	ro := report.Options{
		Lang:            i18n.Language(),
		NoPseudonymize:  e.flag("no-pseudonymize"),
		IncludeHealth:   e.flag("include-health"),
		Thumbnails:      e.flag("thumbnails"),
		AuthorPseudonym: e.str("author-pseudonym"),
		Request:         e.str("request"),
	}
	var err error
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
			bar = e.progress(lang.X("bundle.export.progress", "evidence"), p.Total)
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
	fmt.Fprintln(e.Stdout, lang.X("bundle.export.done", "Bundle written: {{.Path}} ({{.Size}}).", map[string]any{"Path": res.Path, "Size": i18n.Size(res.Size)}))
	fmt.Fprintln(e.Stdout, lang.XN("bundle.export.contents", "It holds {{.N}} incidents and {{.E}} evidence files, and the report.", len(res.Manifest.Incidents),
		map[string]any{"N": len(res.Manifest.Incidents), "E": len(res.Manifest.Evidence)}))
	if withPass {
		fmt.Fprintln(e.Stdout, lang.X("bundle.export.for_passphrase", "Only someone who knows the passphrase can open it: give it by another way than the bundle (by phone, in person)."))
	} else {
		for _, k := range res.Recipients {
			fmt.Fprintln(e.Stdout, lang.X("bundle.export.for_key", "Can be opened by: {{.Key}} (fingerprint {{.F}})", map[string]any{"Key": k, "F": app.KeyFingerprint(k)}))
		}
		if len(names) > 0 {
			fmt.Fprintln(e.Stdout, lang.X("bundle.export.for_names", "that is: {{.Names}}", map[string]any{"Names": strings.Join(names, ", ")}))
		}
	}
	fmt.Fprintln(e.Stdout, lang.X("bundle.export.recorded", "The export is recorded in your journal's history (manifest SHA-256 {{.Hash}}).", map[string]any{"Hash": res.ManifestSHA256}))
	fmt.Fprintln(e.Stderr, lang.X("bundle.export.advice", "Send it from your personal mail or on a USB key, not through the professional mail."))
	return nil
}

// bundlePassphrase reads a bundle's passphrase: $TEMOIN_BUNDLE_PASSPHRASE,
// else the terminal (twice when it is being chosen).
func (e *env) bundlePassphrase(choose bool) ([]byte, error) {
	if p := os.Getenv("TEMOIN_BUNDLE_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	if _, _, ok := e.terminal(); !ok {
		return nil, errors.New(lang.X("bundle.no_passphrase", "no passphrase for the bundle: type it in a terminal, or set TEMOIN_BUNDLE_PASSPHRASE"))
	}
	if !choose {
		return e.prompt(lang.X("bundle.prompt.passphrase", "Passphrase of the bundle: "))
	}
	p, err := e.prompt(lang.X("bundle.prompt.new_passphrase", "Passphrase for the bundle (not the one of your journal): "))
	if err != nil {
		return nil, err
	}
	again, err := e.prompt(lang.X("cli.prompt.confirm_passphrase", "The same passphrase again: "))
	if err != nil {
		return nil, err
	}
	if string(again) != string(p) {
		wipe(p)
		return nil, errors.New(lang.X("bundle.passphrase_mismatch", "the two passphrases differ: no bundle was written"))
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
			return errors.New(lang.X("bundle.keygen.exists", "{{.Path}} already exists: it is not replaced (it may be the key that opens bundles already received)", map[string]any{"Path": e.opts.out}))
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
	fmt.Fprintln(e.Stderr, lang.X("bundle.keygen.fingerprint", "Fingerprint: {{.F}}", map[string]any{"F": app.KeyFingerprint(key)}))
	if inVault {
		fmt.Fprintln(e.Stderr, lang.X("bundle.keygen.done_vault", "Your key is kept in your vault. Give the public key above to your colleagues: \"temoin reps add YOUR-NAME --key …\"."))
	} else {
		fmt.Fprintln(e.Stderr, lang.X("bundle.keygen.done", "Your secret key is in {{.Path}}: keep it safe and never send it. Give the public key above to your colleagues.", map[string]any{"Path": e.opts.out}))
	}
	return nil
}

// ---- open ----

// identities returns the identities given by --identity or --passphrase;
// none when neither is given (the vault's own is used then).
func (e *env) identities() ([]age.Identity, error) {
	file, withPass := e.str("identity"), e.flag("passphrase")
	if file != "" && withPass {
		return nil, errors.New(lang.X("bundle.identity_or_passphrase", "give --identity or --passphrase, not both"))
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", lang.X("cli.cannot_open", "cannot open the file"), err)
		}
		ids, err := bundle.ParseIdentities(data)
		wipe(data)
		if err != nil {
			return nil, errors.New(lang.X("bundle.bad_identity", "{{.Path}} is not an identity file made by age-keygen or \"temoin keygen\"", map[string]any{"Path": file}))
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
			fmt.Fprintln(e.Stderr, lang.X("bundle.open.already", "This bundle is already kept in your vault (case {{.ID}}).", map[string]any{"ID": existing}))
			c, err = bundle.OpenCase(ctx, j.Cases, existing, bundle.OpenOptions{OutDir: e.opts.out})
		case err == nil:
			cont = &rec.Continuity
			c, err = bundle.OpenCase(ctx, j.Cases, rec.Case.ID, bundle.OpenOptions{OutDir: e.opts.out})
			if err == nil {
				fmt.Fprintln(e.Stdout, lang.X("bundle.open.kept", "Kept in your vault as case {{.ID}}.", map[string]any{"ID": rec.Case.ID}))
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
	fmt.Fprintln(e.Stdout, lang.X("bundle.open.ok", "Bundle checked: every file matches its SHA-256, and the history holds."))
	fmt.Fprintln(e.Stdout, lang.X("bundle.open.made", "Made on {{.Date}} with Témoin {{.Version}}; history head: event {{.Seq}}, {{.Head}}.",
		map[string]any{"Date": i18n.DateTime(m.ExportedAt.Local()), "Version": m.AppVersion, "Seq": m.ChainHead.Seq, "Head": m.ChainHead.ID}))
	fmt.Fprintln(e.Stdout, lang.XN("bundle.open.incidents", "{{.N}} incidents, {{.E}} evidence files.", len(m.Incidents), map[string]any{"N": len(m.Incidents), "E": len(m.Evidence)}))
	if !m.Pseudonymised {
		fmt.Fprintln(e.Stdout, lang.X("bundle.open.names", "Names were kept (the author's choice): handle with care."))
	}
	if m.HealthIncluded {
		fmt.Fprintln(e.Stdout, lang.X("bundle.open.health", "Medical information is included (the author's choice)."))
	}
	if c.Dir != "" {
		fmt.Fprintln(e.Stdout, lang.X("bundle.open.dir", "Files written to {{.Dir}}:", map[string]any{"Dir": c.Dir}))
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
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.first", "First bundle received from this colleague: later bundles will be compared with it."))
	case bundle.VerdictSame:
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.same", "Same history as the bundle of {{.Date}}.", data))
	case bundle.VerdictExtends:
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.extends", "History consistent with the bundle of {{.Date}}: nothing shown then was altered or removed.", data))
	case bundle.VerdictOlder:
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.older", "This bundle is older than the one of {{.Date}}, and consistent with it.", data))
	case bundle.VerdictDiverged:
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.diverged", "WARNING: this history differs from that of the bundle of {{.Date}} from event {{.Seq}} on: entries shown then were altered or removed since (or the journal was restored from an older copy). Ask the colleague before relying on it.", data))
	}
	if c.ExportRecorded {
		fmt.Fprintln(e.Stdout, lang.X("bundle.continuity.recorded", "The colleague's journal records having sent the earlier bundle."))
	}
}

// ---- synthesis ----

func runSynthesis(e *env, args []string) error {
	usage := "synthesis --out FILE.pdf [--identity FILE | --passphrase] BUNDLE... | synthesis --out FILE.pdf --cases"
	useCases := e.flag("cases")
	if e.opts.out == "" || (len(args) == 0 && !useCases) {
		return usageErr(usage)
	}
	opts := bundle.SynthesisOptions{Lang: i18n.Language(), IncludeDescriptions: e.flag("descriptions")}
	var err error
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
		return errors.New(lang.X("bundle.synthesis.none", "no bundle to combine"))
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
	fmt.Fprintln(e.Stdout, lang.X("bundle.synthesis.done", "Synthesis written: {{.Path}}: {{.N}} incident(s) from {{.B}} bundle(s) of {{.C}} colleague(s).",
		map[string]any{"Path": e.opts.out, "N": s.Incidents, "B": s.Bundles, "C": s.Colleagues}))
	if s.Overlaps > 0 {
		fmt.Fprintln(e.Stdout, lang.X("bundle.synthesis.overlaps_cli", "{{.N}} incidents were in several bundles: each is counted once, in its latest revision.", map[string]any{"N": s.Overlaps}))
	}
	if s.Diverged > 0 {
		fmt.Fprintln(e.Stdout, lang.X("bundle.synthesis.diverged_cli", "WARNING: for {{.N}} colleague(s), the bundles' histories disagree (see the PDF).", map[string]any{"N": s.Diverged}))
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
		return errors.New(lang.X("bundle.error.wrong_key", "This bundle cannot be opened with this key or passphrase (or its beginning is damaged)."))
	case errors.Is(err, bundle.ErrUnsupportedVersion):
		return errors.New(lang.X("bundle.error.version", "This bundle was made by a newer version of Témoin: update Témoin to open it."))
	case errors.As(err, &ce):
		check := lang.X("bundle.check."+string(ce.Check), string(ce.Check))
		return errors.New(lang.X("bundle.error.check", "Bundle refused: the {{.Check}} check failed{{.Name}}. Nothing was written. Detail: {{.Detail}}",
			map[string]any{"Check": check, "Name": nameSuffix(ce.Name), "Detail": ce.Err.Error()}))
	case errors.Is(err, bundle.ErrOutExists):
		return errors.New(lang.X("bundle.error.out_exists", "The output folder already exists and is not empty: choose another one."))
	case errors.Is(err, bundle.ErrExists):
		return errors.New(lang.X("bundle.error.exists", "The file already exists: choose another name, or add --force to replace it."))
	case errors.Is(err, bundle.ErrVaultPassphrase):
		return errors.New(lang.X("bundle.error.vault_passphrase", "This is your journal's passphrase: choose another one for the bundle, since you will give it to someone."))
	case errors.Is(err, bundle.ErrPassphraseAndKeys):
		return errors.New(lang.X("bundle.error.passphrase_and_keys", "A bundle is protected either by a passphrase or by representatives' keys, not both."))
	case errors.Is(err, bundle.ErrNoIncident):
		return errors.New(lang.X("bundle.error.no_incident", "No incident in this selection: nothing was written."))
	case errors.Is(err, bundle.ErrAlreadyReceived):
		return errors.New(lang.X("bundle.error.already_received", "This bundle is already kept in your vault."))
	case errors.Is(err, app.ErrInvalidKey):
		return errors.New(lang.X("bundle.error.invalid_key", "This is not a valid public key: it starts with age1 and comes from the representative (\"temoin keygen\" or age-keygen). Detail: {{.Detail}}", map[string]any{"Detail": err.Error()}))
	case errors.Is(err, app.ErrNoRepresentative):
		return errors.New(lang.X("bundle.error.no_rep", "No representative of this name in your list: see \"temoin reps list\"."))
	case errors.Is(err, app.ErrNoIdentity):
		return errors.New(lang.X("bundle.error.no_identity", "Your vault holds no representative key: give --identity FILE or --passphrase, or create one with \"temoin keygen --in-vault\"."))
	case errors.Is(err, app.ErrPassphraseTooShort):
		return errors.New(lang.X("cli.passphrase_too_short", "this passphrase is too short: choose at least {{.N}} characters (several words are easy to remember)", map[string]any{"N": app.MinPassphraseLength}))
	}
	return err
}

func nameSuffix(name string) string {
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}
