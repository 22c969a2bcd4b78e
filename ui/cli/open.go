package cli

import (
	"context"
	"errors"
	"fmt"

	"filippo.io/age"
	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The representative's side: open a bundle (and keep it in the vault as
// a case), combine bundles into the anonymous synthesis.

type openCmd struct {
	out  string
	ids  identityFlags
	keep bool
}

func (c *openCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", i18n.X("bundle.flag.open_out"))
	c.ids.add(fs)
	fs.BoolVar(&c.keep, "keep", false, i18n.X("bundle.flag.keep"))
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
	if c.keep || len(ids) == 0 {
		contents, cont, err = c.receive(ctx, e, args[0], ids)
	} else {
		contents, err = bundle.OpenFile(ctx, args[0], bundle.OpenOptions{Identities: ids, OutDir: c.out})
	}
	if err != nil {
		return present.In(err, present.Where{File: args[0]})
	}
	printContents(e, contents)
	if cont != nil {
		printContinuity(e, *cont)
	}
	return nil
}

// receive keeps the bundle in the vault as a case (or finds the case that
// already holds it), then extracts it.
func (c *openCmd) receive(ctx context.Context, e *env, path string, ids []age.Identity) (*bundle.Contents, *bundle.Continuity, error) {
	j, err := e.unlock(ctx)
	if err != nil {
		return nil, nil, err
	}
	rec, err := bundle.Receive(ctx, j.Cases, path, bundle.ReceiveOptions{Identities: ids})
	if errors.Is(err, bundle.ErrAlreadyReceived) {
		if existing := caseOf(ctx, j, path, ids); existing != "" {
			fmt.Fprintln(e.Stderr, i18n.X("bundle.open.already", map[string]any{"ID": existing}))
			contents, err := bundle.OpenCase(ctx, j.Cases, existing, bundle.OpenOptions{OutDir: c.out})
			return contents, nil, err
		}
	}
	if err != nil {
		return nil, nil, err
	}
	contents, err := bundle.OpenCase(ctx, j.Cases, rec.Case.ID, bundle.OpenOptions{OutDir: c.out})
	if err != nil {
		return nil, nil, err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.open.kept", map[string]any{"ID": rec.Case.ID}))
	return contents, &rec.Continuity, nil
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

func printContents(e *env, c *bundle.Contents) {
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
	fs.StringVarP(&c.out, "out", "o", "", i18n.X("bundle.flag.synthesis_out"))
	c.ids.add(fs)
	fs.BoolVar(&c.cases, "cases", false, i18n.X("bundle.flag.cases"))
	fs.BoolVar(&c.descriptions, "descriptions", false, i18n.X("bundle.flag.descriptions"))
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
	if c.cases || len(ids) == 0 {
		j, err := e.unlock(ctx)
		if err != nil {
			return nil, err
		}
		if own, err := j.Cases.Identity(); err == nil {
			ids = append(ids, own)
		}
		if c.cases {
			if inputs, err = caseInputs(j); err != nil {
				return nil, err
			}
		}
	}
	for _, path := range paths {
		contents, err := bundle.OpenFile(ctx, path, bundle.OpenOptions{Identities: ids})
		if err != nil && len(paths) > 1 { // say which
			return nil, present.Said(path + i18n.Language().Colon("") + " " + errorLine(err, e.opts.vault))
		}
		if err != nil {
			return nil, present.In(err, present.Where{File: path})
		}
		inputs = append(inputs, bundle.InputOf(contents))
	}
	if len(inputs) == 0 {
		return nil, present.Said(i18n.X("bundle.synthesis.none"))
	}
	return inputs, nil
}

func caseInputs(j *app.Journal) ([]bundle.SynthesisInput, error) {
	cases, err := bundle.Cases(j.Cases)
	if err != nil {
		return nil, err
	}
	var inputs []bundle.SynthesisInput
	for _, c := range cases {
		in, err := bundle.InputOfCase(c)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, in)
	}
	return inputs, nil
}
