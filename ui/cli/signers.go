package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Who made a bundle: the colleague reads the fingerprint of their
// journal's signing key (fingerprint); the representative compares it
// with what "temoin open" showed, then recognises the key under a name
// (signers trust), or accepts a case whose signer is not the colleague's
// known key after talking with them (cases accept).

func init() {
	register(&command{name: "signers", usage: "list [--json] | trust CASE NAME", group: 5,
		summary: summary("signer.cmd.signers"), new: func() runner { return &signersCmd{} }})
	register(&command{name: "cases", usage: "list [--json] | accept CASE | name CASE NAME | note CASE [--edit N] TEXT | notes CASE [--json]", group: 5,
		summary: summary("signer.cmd.cases"), new: func() runner { return &casesCmd{} }})
	register(&command{name: "fingerprint", usage: "[--qr FILE.png]", group: 3,
		summary: summary("signer.cmd.fingerprint"), new: func() runner { return &fingerprintCmd{} }})
}

type signersCmd struct{ out jsonFlag }

func (c *signersCmd) flags(fs *pflag.FlagSet) { c.out.add(fs) }

func (c *signersCmd) run(ctx context.Context, e *env, args []string) error {
	switch {
	case len(args) == 1 && args[0] == "list":
		j, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		return c.list(e, j)
	case len(args) == 3 && args[0] == "trust":
		j, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		return trustSigner(e, j, args[1], args[2])
	}
	return e.usageError()
}

func (c *signersCmd) list(e *env, j *app.Journal) error {
	signers, err := j.Cases.Signers()
	if err != nil {
		return err
	}
	if c.out.json {
		type signerJSON struct {
			app.Signer
			Fingerprint string `json:"fingerprint"`
		}
		out := make([]signerJSON, len(signers))
		for i, s := range signers {
			out[i] = signerJSON{s, s.Fingerprint()}
		}
		return writeJSON(e.Stdout, out)
	}
	if len(signers) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("signer.none"))
		return nil
	}
	for _, s := range signers {
		fmt.Fprintf(e.Stdout, "%s\n    %s %s\n    %s\n", s.Name, i18n.X("bundle.reps.fingerprint_label"), s.Fingerprint(),
			i18n.X("signer.trusted_on", map[string]any{"Date": i18n.Date(s.TrustedAt.Local())}))
	}
	return nil
}

// trustSigner recognises the key that signed a case as the colleague's,
// under the name the representative gives.
func trustSigner(e *env, j *app.Journal, caseArg, name string) error {
	c, err := findCase(j, caseArg)
	if err != nil {
		return err
	}
	if c.Summary == nil || c.Summary.Manifest == nil || c.Summary.Manifest.Signer == nil {
		return present.Said(i18n.X("signer.cannot_trust_unsigned"))
	}
	m := c.Summary.Manifest
	sg, err := j.Cases.TrustSigner(m.VaultID, m.Signer.PublicKey, name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.signer.trust_done", map[string]any{"Name": sg.Name}))
	fmt.Fprintln(e.Stdout, i18n.X("bundle.signer.fingerprint", map[string]any{"F": sg.Fingerprint()}))
	return nil
}

// unlockCase unlocks the vault and finds a case in it (findCase).
func unlockCase(ctx context.Context, e *env, id string) (*app.Journal, *bundle.CaseInfo, error) {
	j, err := e.unlock(ctx)
	if err != nil {
		return nil, nil, err
	}
	k, err := findCase(j, id)
	return j, k, err
}

// findCase finds a case by its id or the start of it.
func findCase(j *app.Journal, id string) (*bundle.CaseInfo, error) {
	cases, err := bundle.CheckedCases(j.Cases)
	if err != nil {
		return nil, err
	}
	var found *bundle.CaseInfo
	for i := range cases {
		if cases[i].ID == id {
			return &cases[i], nil
		}
		if len(id) >= 4 && strings.HasPrefix(cases[i].ID, id) {
			if found != nil {
				return nil, fmt.Errorf("%w: %q", app.ErrNoCase, id)
			}
			found = &cases[i]
		}
	}
	if found == nil {
		return nil, fmt.Errorf("%w: %q", app.ErrNoCase, id)
	}
	return found, nil
}

type casesCmd struct {
	out  jsonFlag
	edit int // note: the number of the note to change
}

func (c *casesCmd) flags(fs *pflag.FlagSet) {
	c.out.add(fs)
	fs.IntVar(&c.edit, "edit", 0, later("colleague.flag.edit"))
}

func (c *casesCmd) run(ctx context.Context, e *env, args []string) error {
	switch {
	case len(args) == 1 && args[0] == "list":
		j, err := e.unlock(ctx)
		if err != nil {
			return err
		}
		return c.list(e, j)
	case len(args) == 2 && args[0] == "accept":
		j, k, err := unlockCase(ctx, e, args[1])
		if err != nil {
			return err
		}
		if k.Signer.Counts() {
			fmt.Fprintln(e.Stdout, i18n.X("signer.accept_needless"))
			return nil
		}
		if err := j.Cases.AcceptCase(k.ID); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("signer.accepted_case", map[string]any{"ID": k.ID}))
		return nil
	case len(args) >= 2 && (args[0] == "name" || args[0] == "note" || args[0] == "notes"):
		return c.colleague(ctx, e, args)
	}
	return e.usageError()
}

// caseJSON is a case as "cases list --json" gives it.
type caseJSON struct {
	ID          string `json:"id"`
	ReceivedAt  string `json:"received_at"`
	ExportedAt  string `json:"exported_at,omitempty"`
	VaultID     string `json:"vault_id,omitempty"`
	Signer      string `json:"signer"`
	SignerName  string `json:"signer_name,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"`
	Accepted    bool   `json:"accepted"`
	Counted     bool   `json:"counted_in_synthesis"`
	// ColleagueName is the name the representative gave the colleague;
	// Notes how many notes they keep on them (cases notes).
	ColleagueName string `json:"colleague_name,omitempty"`
	Notes         int    `json:"notes"`
	Incidents     int    `json:"incidents"`
	Evidence      int    `json:"evidence"`
	Verdict       string `json:"continuity,omitempty"`
}

func (c *casesCmd) list(e *env, j *app.Journal) error {
	cases, err := bundle.CheckedCases(j.Cases)
	if err != nil {
		return err
	}
	if !c.out.json && len(cases) == 0 {
		fmt.Fprintln(e.Stderr, i18n.X("signer.no_case"))
		return nil
	}
	out := make([]caseJSON, 0, len(cases))
	for _, k := range cases {
		cj := caseJSON{ID: k.ID, ReceivedAt: k.ReceivedAt.UTC().Format("2006-01-02T15:04:05Z"), Signer: string(k.Signer.Status),
			Accepted: k.Signer.Accepted, Counted: k.Signer.Counts()}
		if k.Signer.Known != nil {
			cj.SignerName = k.Signer.Known.Name
		}
		var kept *app.Colleague
		if s := k.Summary; s != nil && s.Manifest != nil {
			if kept, err = j.Cases.Colleague(s.Manifest.VaultID); err != nil {
				return err
			}
			cj.ColleagueName, cj.Notes = kept.Name, len(kept.Notes)
		}
		if k.Signer.Signer != nil {
			cj.Fingerprint = k.Signer.Signer.Fingerprint
		}
		if s := k.Summary; s != nil && s.Manifest != nil {
			cj.ExportedAt = s.Manifest.ExportedAt.UTC().Format("2006-01-02T15:04:05Z")
			cj.VaultID, cj.Incidents, cj.Evidence = s.Manifest.VaultID, len(s.Manifest.Incidents), len(s.Manifest.Evidence)
			if s.Continuity != nil {
				cj.Verdict = string(s.Continuity.Verdict)
			}
		}
		if c.out.json {
			out = append(out, cj)
			continue
		}
		printCase(e, k, kept, present.Changes(bundle.ChangesSince(cases, k), ""))
	}
	if c.out.json {
		return writeJSON(e.Stdout, out)
	}
	return nil
}

// printCase says one case in a few lines: its id, when it was made (to
// the second: two bundles of the same minute differ), who signed it,
// what it holds, and whether the synthesis counts it.
func printCase(e *env, k bundle.CaseInfo, kept *app.Colleague, changes string) {
	made := ""
	counts := ""
	if s := k.Summary; s != nil && s.Manifest != nil {
		made = i18n.X("signer.case_made", map[string]any{"Date": i18n.DateTime(s.Manifest.ExportedAt.Local()),
			"Time": s.Manifest.ExportedAt.Local().Format("15:04:05")})
		counts = present.Counts(len(s.Manifest.Incidents), len(s.Manifest.Evidence))
	}
	fmt.Fprintf(e.Stdout, "%s  %s  %s\n", k.ID, made, counts)
	if kept != nil && (kept.Name != "" || len(kept.Notes) > 0) {
		fmt.Fprintln(e.Stdout, "    "+colleagueLine(kept))
	}
	fmt.Fprintln(e.Stdout, "    "+present.SignerShort(k.Signer))
	if changes != "" {
		fmt.Fprintln(e.Stdout, "    "+changes)
	}
	if k.Signer.Signer != nil && k.Signer.Status != bundle.SignerTrusted {
		fmt.Fprintln(e.Stdout, "    "+i18n.X("bundle.signer.fingerprint", map[string]any{"F": k.Signer.Signer.Fingerprint}))
	}
	if !k.Signer.Counts() {
		fmt.Fprintln(e.Stdout, "    "+i18n.X("signer.not_counted"))
	}
}

type fingerprintCmd struct{ qr string }

func (c *fingerprintCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.qr, "qr", "", later("signer.flag.qr"))
}

func (c *fingerprintCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 0 {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	key, err := j.SigningPublicKey()
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("bundle.signer.own", map[string]any{"F": app.SignerFingerprint(key)}))
	fmt.Fprintln(e.Stdout, i18n.X("signer.own_key", map[string]any{"Key": key}))
	if c.qr != "" {
		img, err := app.SignerQRCode(key, 8)
		if err != nil {
			return err
		}
		if _, err := present.WritePrivate(c.qr, true, strings.NewReader(string(img))); err != nil {
			return present.In(err, present.Where{File: c.qr})
		}
	}
	return nil
}
