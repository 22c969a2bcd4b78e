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
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The encrypted export to representatives, and the representative's
// side: the contacts list (reps), export, keygen, open, synthesis.

func init() {
	register(&command{name: "reps", partly: true, usage: "add NAME --key age1… [--org ORG] | add NAME --key-file FILE | list | remove NAME", group: 3,
		summary: summary("bundle.reps"), new: func() runner { return &repsCmd{} }})
	register(&command{name: "export", group: 3, summary: summary("bundle.export"),
		usage: "--out FILE (--to NAME|age1…)... | --passphrase [--since DATE] [--until DATE] [--incident ID]... [--evidence all|none|ID...] [--report-lang fr|en]",
		new:   func() runner { return &exportCmd{} }})
	register(&command{name: "keygen", partly: true, usage: "--out IDENTITY | --in-vault [--qr FILE.png]", group: 5,
		summary: summary("bundle.keygen"), new: func() runner { return &keygenCmd{} }})
	register(&command{name: "open", usage: "BUNDLE --out DIR [--identity FILE | --passphrase] [--keep]", group: 5,
		summary: summary("bundle.open"), new: func() runner { return &openCmd{} }})
	register(&command{name: "synthesis", group: 5, summary: summary("bundle.synthesis"),
		usage: "--out FILE.pdf [--identity FILE | --passphrase] [--report-lang fr|en] BUNDLE... | --out FILE.pdf --cases",
		new:   func() runner { return &synthesisCmd{} }})
}

type repsCmd struct {
	key, keyFile, org string
	out               jsonFlag
}

func (c *repsCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.key, "key", "", later("bundle.flag.key"))
	fs.StringVar(&c.keyFile, "key-file", "", later("bundle.flag.key_file"))
	fs.StringVar(&c.org, "org", "", later("bundle.flag.org"))
	c.out.add(fs)
}

func (c *repsCmd) run(ctx context.Context, e *env, args []string) error {
	switch {
	case len(args) == 2 && args[0] == "add" && (c.key == "") != (c.keyFile == ""):
		return c.add(ctx, e, args[1])
	case len(args) == 1 && args[0] == "list":
		return c.list(ctx, e)
	case len(args) == 2 && (args[0] == "remove" || args[0] == "rm"):
		j, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		if err := j.Representatives.Remove(args[1]); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.removed", map[string]any{"Name": args[1]}))
		return nil
	}
	return e.usageError()
}

func (c *repsCmd) add(ctx context.Context, e *env, name string) error {
	key := present.KeyText(c.key)
	if msg, ok := present.KeyStatus(key); key != "" && !ok {
		return present.Said(msg) // what is wrong with it: a character missing, a typo
	}
	if c.keyFile != "" {
		data, err := os.ReadFile(c.keyFile)
		if err != nil {
			return err
		}
		key, err = app.PublicKeyFromFile(data)
		clear(data)
		if err != nil {
			return err
		}
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	rep, err := j.Representatives.Add(app.Representative{Name: name, Org: c.org, Key: key})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.added", map[string]any{"Name": rep.Name, "Key": rep.Key}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.reps.fingerprint", map[string]any{"F": rep.Fingerprint()}))
	fmt.Fprintln(e.Stderr, i18n.X("bundle.reps.compare"))
	return nil
}

func (c *repsCmd) list(ctx context.Context, e *env) error {
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	reps, err := j.Representatives.List()
	if err != nil {
		return err
	}
	if c.out.json {
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
}

type exportCmd struct {
	out        string
	to         []string
	passphrase bool
	evidence   []string
	force      forceFlag
	choice     reportFlags
}

func (c *exportCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("bundle.flag.export_out"))
	fs.StringArrayVar(&c.to, "to", nil, later("bundle.flag.to"))
	fs.BoolVar(&c.passphrase, "passphrase", false, later("bundle.flag.passphrase"))
	c.choice.add(fs, "bundle")
	fs.StringSliceVar(&c.evidence, "evidence", []string{"all"}, later("bundle.flag.evidence"))
	c.force.add(fs, "cli.flag.force")
}

// evidenceChoice reads --evidence: all, none, or evidence ids.
func (c *exportCmd) evidenceChoice() (bundle.EvidenceChoice, bool) {
	var ev bundle.EvidenceChoice
	for _, v := range c.evidence {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "all", "":
		case "none":
			ev.None = true
		default:
			ev.IDs = append(ev.IDs, strings.TrimSpace(v))
		}
	}
	return ev, !(ev.None && len(ev.IDs) > 0)
}

func (c *exportCmd) run(ctx context.Context, e *env, args []string) error {
	ev, ok := c.evidenceChoice()
	if len(args) != 0 || !ok {
		return e.usageError()
	}
	switch {
	case len(c.to) == 0 && !c.passphrase:
		return bundle.ErrNoRecipient
	case len(c.to) > 0 && c.passphrase:
		return bundle.ErrPassphraseAndKeys
	}
	ro, err := c.choice.options(nil)
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	if ro.IncidentIDs, err = resolveAll(j, ro.IncidentIDs); err != nil {
		return err
	}
	opts := bundle.ExportOptions{Out: c.out, Overwrite: c.force.force, Report: ro, Evidence: ev}
	if opts.Out == "" {
		opts.Out = bundle.DefaultFileName(time.Now())
	}
	names, err := c.recipients(j, &opts)
	if err != nil {
		return err
	}
	if c.passphrase {
		if opts.Passphrase, err = e.bundlePassphrase(ctx, true); err != nil {
			return err
		}
		defer clear(opts.Passphrase)
	}
	p := e.progress("")
	opts.Progress = p.Export()
	res, err := bundle.Export(ctx, bundle.JournalSource(j), opts)
	p.Done()
	if err != nil {
		return present.In(err, present.Where{File: opts.Out})
	}
	c.said(e, res, names)
	if w := present.BundleTooBig(res.Size); w != "" {
		fmt.Fprintln(e.Stderr, w)
	}
	return nil
}

// resolveAll resolves incident ids given by their start.
func resolveAll(j *app.Journal, ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		full, err := j.Incidents.Resolve(id)
		if err != nil {
			return nil, err
		}
		out = append(out, full)
	}
	return out, nil
}

// recipients resolves --to into keys, and returns the names given.
func (c *exportCmd) recipients(j *app.Journal, opts *bundle.ExportOptions) ([]string, error) {
	var names []string
	for _, t := range c.to {
		key, err := j.Representatives.ResolveKey(t)
		if err != nil {
			return nil, err
		}
		opts.To = append(opts.To, key)
		if !strings.HasPrefix(strings.ToLower(t), "age1") {
			names = append(names, t)
		}
	}
	return names, nil
}

func (c *exportCmd) said(e *env, res *bundle.ExportResult, names []string) {
	fmt.Fprintln(e.Stdout, i18n.X("bundle.export.done", map[string]any{"Path": res.Path, "Size": i18n.Size(res.Size)}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.export.contents", map[string]any{
		"Incidents": i18n.N("count.incidents", len(res.Manifest.Incidents)), "Evidence": i18n.N("count.evidence_files", len(res.Manifest.Evidence))}))
	if c.passphrase {
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
}

// bundlePassphrase reads a bundle's passphrase: $TEMOIN_BUNDLE_PASSPHRASE,
// else the terminal (twice when it is being chosen).
func (e *env) bundlePassphrase(ctx context.Context, choose bool) ([]byte, error) {
	if p := os.Getenv("TEMOIN_BUNDLE_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	if _, _, ok := e.terminal(); !ok {
		return nil, present.Said(i18n.X("bundle.no_passphrase"))
	}
	if !choose {
		return e.prompt(ctx, i18n.X("bundle.prompt.passphrase"))
	}
	return e.promptTwice(ctx, i18n.X("bundle.prompt.new_passphrase"), i18n.X("bundle.passphrase_mismatch"))
}

type keygenCmd struct {
	out, qr string
	inVault bool
}

func (c *keygenCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("bundle.flag.keygen_out"))
	fs.BoolVar(&c.inVault, "in-vault", false, later("bundle.flag.in_vault"))
	fs.StringVar(&c.qr, "qr", "", later("bundle.flag.qr"))
}

func (c *keygenCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 0 || (c.out == "") == !c.inVault {
		return e.usageError()
	}
	var key string
	var err error
	if c.inVault {
		key, err = c.inVaultKey(ctx, e)
	} else {
		key, err = c.keyFile()
	}
	if err != nil {
		return err
	}
	if c.qr != "" {
		img, err := app.PublicKeyQRCode(key, 8)
		if err != nil {
			return err
		}
		// A public key: nothing secret, but written the same way.
		if _, err := present.WritePrivate(c.qr, true, strings.NewReader(string(img))); err != nil {
			return present.In(err, present.Where{File: c.qr})
		}
	}
	fmt.Fprintln(e.Stdout, key)
	fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.fingerprint", map[string]any{"F": app.KeyFingerprint(key)}))
	if c.inVault {
		fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.done_vault"))
	} else {
		fmt.Fprintln(e.Stderr, i18n.X("bundle.keygen.done", map[string]any{"Path": c.out}))
	}
	return nil
}

func (c *keygenCmd) inVaultKey(ctx context.Context, e *env) (string, error) {
	j, err := e.unlock(ctx)
	if err != nil {
		return "", err
	}
	id, err := j.Cases.CreateIdentity()
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}

// keyFile writes a new identity into the file --out, which must not
// exist (it may be the key that opens bundles already received).
func (c *keygenCmd) keyFile() (string, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return "", err
	}
	key := id.Recipient().String()
	content := fmt.Sprintf("# created: %s\n# public key: %s\n%s\n", time.Now().Format(time.RFC3339), key, id.String())
	if _, err := present.WritePrivate(c.out, false, strings.NewReader(content)); err != nil {
		if errors.Is(err, os.ErrExist) {
			return "", present.Said(i18n.X("bundle.keygen.exists", map[string]any{"Path": c.out}))
		}
		return "", present.In(err, present.Where{File: c.out})
	}
	return key, nil
}

// identityFlags are --identity and --passphrase: what opens a bundle.
type identityFlags struct {
	file       string
	passphrase bool
}

func (f *identityFlags) add(fs *pflag.FlagSet) {
	fs.StringVarP(&f.file, "identity", "i", "", later("bundle.flag.identity"))
	fs.BoolVar(&f.passphrase, "passphrase", false, later("bundle.flag.open_passphrase"))
}

// identities returns the identities given by --identity or --passphrase;
// none when neither is given (the vault's own is used then).
func (f *identityFlags) identities(ctx context.Context, e *env) ([]age.Identity, error) {
	switch {
	case f.file != "" && f.passphrase:
		return nil, present.Said(i18n.X("bundle.identity_or_passphrase"))
	case f.file != "":
		data, err := os.ReadFile(f.file)
		if err != nil {
			return nil, err
		}
		ids, err := bundle.ParseIdentities(data)
		clear(data)
		if err != nil {
			return nil, present.Said(i18n.X("bundle.bad_identity", map[string]any{"Path": f.file}))
		}
		return ids, nil
	case f.passphrase:
		p, err := e.bundlePassphrase(ctx, false)
		if err != nil {
			return nil, err
		}
		defer clear(p)
		id, err := bundle.PassphraseIdentity(p)
		if err != nil {
			return nil, err
		}
		return []age.Identity{id}, nil
	}
	return nil, nil
}
