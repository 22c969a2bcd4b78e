package bundle

import (
	"fmt"
	"slices"
	"strings"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// What an export takes: the recipients, the incidents and the evidence
// files.

// exportRecipients checks the recipients: valid keys, or one passphrase
// that is not the vault's own.
func exportRecipients(v VaultIdentity, opts ExportOptions) ([]age.Recipient, []string, error) {
	if len(opts.Passphrase) > 0 {
		if len(opts.To) > 0 {
			return nil, nil, ErrPassphraseAndKeys
		}
		if err := app.CheckPassphrase(opts.Passphrase); err != nil {
			return nil, nil, err
		}
		same, err := v.IsVaultPassphrase(opts.Passphrase)
		if err != nil {
			return nil, nil, err
		}
		if same {
			return nil, nil, ErrVaultPassphrase
		}
		r, err := age.NewScryptRecipient(string(opts.Passphrase))
		if err != nil {
			return nil, nil, fmt.Errorf("invalid passphrase: %w", err)
		}
		factor := opts.PassphraseWorkFactor
		if factor == 0 {
			factor = defaultScryptWorkFactor
		}
		if factor < minScryptFactor || factor > maxScryptFactor {
			return nil, nil, fmt.Errorf("invalid passphrase work factor %d: from %d to %d", factor, minScryptFactor, maxScryptFactor)
		}
		r.SetWorkFactor(factor)
		return []age.Recipient{r}, nil, nil
	}
	if len(opts.To) == 0 {
		return nil, nil, ErrNoRecipient
	}
	var rs []age.Recipient
	var keys []string
	for _, k := range opts.To {
		key, err := app.ParsePublicKey(k)
		if err != nil {
			return nil, nil, err
		}
		if slices.Contains(keys, key) {
			continue
		}
		r, err := age.ParseX25519Recipient(key)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", app.ErrInvalidKey, err)
		}
		rs = append(rs, r)
		keys = append(keys, key)
	}
	return rs, keys, nil
}

// selectIncidents applies the report's selection: hand-picked incidents,
// else the period. The result is sorted oldest first.
func selectIncidents(incidents report.IncidentReader, ro report.Options) ([]*app.Incident, error) {
	f := app.Filter{Since: ro.Since, Until: ro.Until}
	if len(ro.IncidentIDs) > 0 {
		f = app.Filter{}
		for _, id := range ro.IncidentIDs {
			full, err := incidents.Resolve(id)
			if err != nil {
				return nil, err
			}
			f.IDs = append(f.IDs, full)
		}
	}
	list := incidents.List(f)
	if len(list) == 0 {
		return nil, ErrNoIncident
	}
	out := make([]*app.Incident, len(list))
	for i, in := range list {
		out[len(list)-1-i] = in.Clone()
	}
	return out, nil
}

type chosenEvidence struct {
	incident string
	ev       app.Evidence
}

func selectEvidence(incidents []*app.Incident, choice EvidenceChoice) ([]chosenEvidence, error) {
	if choice.None {
		return nil, nil
	}
	var out []chosenEvidence
	found := make(map[string]bool)
	for _, in := range incidents {
		for _, ev := range in.Evidence {
			if ev.IsLink() {
				continue
			}
			if len(choice.IDs) > 0 && !slices.ContainsFunc(choice.IDs, func(id string) bool {
				return id == ev.ID || (len(id) >= 4 && strings.HasPrefix(ev.ID, strings.ToLower(id)))
			}) {
				continue
			}
			found[ev.ID] = true
			out = append(out, chosenEvidence{incident: in.ID, ev: ev})
		}
	}
	for _, id := range choice.IDs {
		ok := false
		for f := range found {
			if f == id || (len(id) >= 4 && strings.HasPrefix(f, strings.ToLower(id))) {
				ok = true
			}
		}
		if !ok {
			return nil, &app.IDError{Err: app.ErrNoEvidence, ID: id}
		}
	}
	return out, nil
}
