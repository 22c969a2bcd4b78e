package cli

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"filippo.io/age"
	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/tsa"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The representative's side: open a bundle (and keep it in the vault as
// a case), combine bundles into the anonymous synthesis.

type openCmd struct {
	out   string
	ids   identityFlags
	keep  bool
	tsaCA []string
	kept  string // the case that keeps the bundle
	// changes says what the case kept brings since the colleague's
	// previous one ("" when there is none).
	changes string
}

func (c *openCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("bundle.flag.open_out"))
	c.ids.add(fs)
	fs.BoolVar(&c.keep, "keep", false, later("bundle.flag.keep"))
	fs.StringArrayVar(&c.tsaCA, "tsa-ca", nil, later("timestamp.flag.tsa_ca"))
}

// roots are the roots time-stamping authorities are trusted by: the
// system's, the certificates given with --tsa-ca, and those of the
// authorities configured in the journal (j may be nil).
func (c *openCmd) roots(j *app.Journal) (*x509.CertPool, error) {
	var pems []string
	for _, name := range c.tsaCA {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, present.In(err, present.Where{File: name})
		}
		pems = append(pems, string(data))
	}
	if j != nil {
		auths, err := j.Timestamps.Authorities()
		if err != nil {
			return nil, err
		}
		for _, a := range auths {
			pems = append(pems, a.CA)
		}
	}
	return tsa.Roots(pems...), nil
}

func (c *openCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || c.out == "" {
		return e.usageError()
	}
	ids, err := c.ids.identities(ctx, e)
	if err != nil {
		return err
	}
	var contents *bundle.Contents
	var cont *bundle.Continuity
	var signer bundle.SignerCheck
	if c.keep || len(ids) == 0 {
		contents, cont, signer, err = c.receive(ctx, e, args[0], ids)
	} else {
		var roots *x509.CertPool
		if roots, err = c.roots(nil); err != nil {
			return err
		}
		contents, err = bundle.OpenFile(ctx, args[0], bundle.OpenOptions{Identities: ids, OutDir: c.out, TSARoots: roots})
		signer = unregistered(contents)
	}
	if err != nil {
		return present.In(err, present.Where{File: args[0]})
	}
	printContents(e, contents, signer)
	if cont != nil {
		printContinuity(e, *cont)
	}
	if c.changes != "" {
		fmt.Fprintln(e.Stdout, c.changes)
	}
	if c.kept != "" && !signer.Counts() {
		key := "signer.cli.next_accept"
		if signer.Status == bundle.SignerNew {
			key = "signer.cli.next_trust"
		}
		fmt.Fprintln(e.Stderr, i18n.X(key, map[string]any{"ID": c.kept}))
	}
	return nil
}

// unregistered is what can be said of a bundle's signer without the
// representative's registry: a key to compare, or none.
func unregistered(c *bundle.Contents) bundle.SignerCheck {
	if c == nil || c.Signer == nil {
		return bundle.SignerCheck{Status: bundle.SignerMissing}
	}
	return bundle.SignerCheck{Status: bundle.SignerNew, Signer: c.Signer}
}

// printSigner says who signed the bundle and, when the key is not yet
// the colleague's known one, what to do.
func printSigner(e *env, s bundle.SignerCheck) {
	for _, line := range present.SignerLines(s) {
		fmt.Fprintln(e.Stdout, line)
	}
}

// receive keeps the bundle in the vault as a case (or finds the case that
// already holds it), then extracts it.
func (c *openCmd) receive(ctx context.Context, e *env, path string, ids []age.Identity) (*bundle.Contents, *bundle.Continuity, bundle.SignerCheck, error) {
	var none bundle.SignerCheck
	j, err := e.unlock(ctx)
	if err != nil {
		return nil, nil, none, err
	}
	roots, err := c.roots(j)
	if err != nil {
		return nil, nil, none, err
	}
	rec, err := bundle.Receive(ctx, j.Cases, path, bundle.ReceiveOptions{Identities: ids, TSARoots: roots})
	if errors.Is(err, bundle.ErrAlreadyReceived) {
		if existing := caseOf(ctx, j, path, ids); existing != "" {
			fmt.Fprintln(e.Stderr, i18n.X("bundle.open.already", map[string]any{"ID": existing}))
			contents, err := bundle.OpenCase(ctx, j.Cases, existing, bundle.OpenOptions{OutDir: c.out, TSARoots: roots})
			if err != nil {
				return nil, nil, none, err
			}
			c.kept = existing
			signer, err := bundle.CheckSigner(j.Cases, contents.Manifest, contents.Signer, existing)
			return contents, nil, signer, err
		}
	}
	if err != nil {
		return nil, nil, none, err
	}
	contents, err := bundle.OpenCase(ctx, j.Cases, rec.Case.ID, bundle.OpenOptions{OutDir: c.out, TSARoots: roots})
	if err != nil {
		return nil, nil, none, err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.kept", map[string]any{"ID": rec.Case.ID}))
	c.kept = rec.Case.ID
	if cases, err := bundle.Cases(j.Cases); err == nil {
		for _, k := range cases {
			if k.ID == rec.Case.ID {
				c.changes = present.Changes(bundle.ChangesSince(cases, k), "")
			}
		}
	}
	return contents, &rec.Continuity, rec.Signer, nil
}

// caseOf finds the case that holds the same bundle as the file.
func caseOf(ctx context.Context, j *app.Journal, path string, ids []age.Identity) string {
	if own, err := j.Cases.Identity(); err == nil {
		ids = append(ids, own)
	}
	c, err := bundle.OpenFile(ctx, path, bundle.OpenOptions{Identities: ids})
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

func printContents(e *env, c *bundle.Contents, signer bundle.SignerCheck) {
	m := c.Manifest
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.ok"))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.made",
		map[string]any{"Date": i18n.DateTime(m.ExportedAt.Local()), "Version": m.AppVersion, "Seq": m.ChainHead.Seq, "Head": m.ChainHead.ID}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.incidents", map[string]any{
		"Incidents": i18n.N("count.incidents", len(m.Incidents)), "Evidence": i18n.N("count.evidence_files", len(m.Evidence))}))
	printSigner(e, signer)
	for _, line := range present.TimestampLines(c.Timestamps) {
		fmt.Fprintln(e.Stdout, line)
	}
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
	fmt.Fprintln(e.Stdout, present.Continuity(c))
}

type synthesisCmd struct {
	out                 string
	ids                 identityFlags
	cases, descriptions bool
	period              periodFlags
	force               forceFlag
	lang                docLangFlag
}

func (c *synthesisCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("bundle.flag.synthesis_out"))
	c.ids.add(fs)
	fs.BoolVar(&c.cases, "cases", false, later("bundle.flag.cases"))
	fs.BoolVar(&c.descriptions, "descriptions", false, later("bundle.flag.descriptions"))
	c.period.add(fs)
	c.force.add(fs, "cli.flag.force")
	c.lang.add(fs)
}

func (c *synthesisCmd) run(ctx context.Context, e *env, args []string) error {
	if c.out == "" || (len(args) == 0 && !c.cases) {
		return e.usageError()
	}
	lang, err := c.lang.lang()
	if err != nil {
		return err
	}
	opts := bundle.SynthesisOptions{Lang: lang, IncludeDescriptions: c.descriptions}
	if opts.Since, opts.Until, err = c.period.dates(); err != nil {
		return err
	}
	out, err := present.CreatePrivate(c.out, c.force.force)
	if err != nil {
		return err
	}
	inputs, err := c.inputs(ctx, e, args)
	if err != nil {
		return err
	}
	s, err := bundle.WriteSynthesis(inputs, opts, out)
	if err = out.Finish(err); err != nil {
		return present.In(err, present.Where{File: c.out})
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.synthesis.done",
		map[string]any{"Path": c.out, "Incidents": i18n.N("count.incidents", s.Incidents),
			"Bundles": i18n.N("count.bundles", s.Bundles), "Colleagues": i18n.N("count.colleagues", s.Colleagues)}))
	if s.Overlaps > 0 {
		fmt.Fprintln(e.Stdout, i18n.N("bundle.synthesis.overlaps_cli", s.Overlaps))
	}
	if s.Diverged > 0 {
		fmt.Fprintln(e.Stdout, i18n.N("bundle.synthesis.diverged_cli", s.Diverged))
	}
	return nil
}

// inputs gathers what the synthesis combines: the cases kept in the
// vault (--cases) and the bundle files given.
func (c *synthesisCmd) inputs(ctx context.Context, e *env, paths []string) ([]bundle.SynthesisInput, error) {
	ids, err := c.ids.identities(ctx, e)
	if err != nil {
		return nil, err
	}
	var inputs []bundle.SynthesisInput
	var j *app.Journal
	left := 0
	// The representative's vault, when there is one, says whose keys are
	// recognised.
	if c.cases || len(ids) == 0 || e.hasVault() {
		if j, err = e.unlock(ctx); err != nil {
			return nil, err
		}
		if own, err := j.Cases.Identity(); err == nil {
			ids = append(ids, own)
		}
		if c.cases {
			var out []bundle.CaseInfo
			if inputs, out, err = bundle.SynthesisCases(j.Cases); err != nil {
				return nil, err
			}
			left += len(out)
		}
	}
	for _, path := range paths {
		in, counts, err := c.fileInput(ctx, e, j, path, ids, len(paths) > 1)
		if err != nil {
			return nil, err
		}
		if !counts {
			left++
			continue
		}
		inputs = append(inputs, in)
	}
	if left > 0 {
		fmt.Fprintln(e.Stderr, i18n.N("bundle.signer.left_out", left))
		fmt.Fprintln(e.Stderr, i18n.X("signer.cli.left_out_help"))
	}
	if len(paths) > 0 && j == nil {
		fmt.Fprintln(e.Stderr, i18n.X("signer.cli.unchecked"))
	}
	if len(inputs) == 0 {
		return nil, present.Said(i18n.X("bundle.synthesis.none"))
	}
	return inputs, nil
}

// fileInput opens a bundle file for the synthesis. With the
// representative's vault (j), its signer is checked against the keys
// recognised: a bundle not signed by one is left out (counts false);
// keep it with "open --keep" to accept it.
func (c *synthesisCmd) fileInput(ctx context.Context, e *env, j *app.Journal, path string, ids []age.Identity, several bool) (bundle.SynthesisInput, bool, error) {
	contents, err := bundle.OpenFile(ctx, path, bundle.OpenOptions{Identities: ids})
	if err != nil && several { // say which
		return bundle.SynthesisInput{}, false, present.Said(path + i18n.Language().Colon("") + " " + errorLine(err, e.opts.vault))
	}
	if err != nil {
		return bundle.SynthesisInput{}, false, present.In(err, present.Where{File: path})
	}
	if j != nil {
		signer, err := bundle.CheckSigner(j.Cases, contents.Manifest, contents.Signer, "")
		if err != nil {
			return bundle.SynthesisInput{}, false, err
		}
		if !signer.Counts() {
			return bundle.SynthesisInput{}, false, nil
		}
	}
	return bundle.InputOf(contents), true, nil
}
