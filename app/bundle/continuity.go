package bundle

import (
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// History is what a representative keeps of a bundle to compare it with
// the next ones from the same colleague: the vault's id, the chain's event
// IDs up to the head, and the bundle's manifest hash.
type History struct {
	VaultID    string          `json:"vault_id"`
	ExportedAt time.Time       `json:"exported_at"`
	Head       vault.ChainHead `json:"head"`
	// IDs are the IDs of the chain's events, IDs[i] that of event i+1.
	IDs            []string `json:"ids"`
	ManifestSHA256 string   `json:"manifest_sha256"`
	// ExportHashes are the hashes of the "exported" events of the chain:
	// the manifests of the bundles exported before this one.
	ExportHashes []string `json:"export_hashes,omitempty"`
}

func chainIDs(events []ChainEntry) []string {
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return ids
}

func exportHashes(events []ChainEntry) []string {
	var out []string
	for _, e := range events {
		if !e.Redacted && app.KindOf(e.ChainEvent) == app.EventExported && e.Hash != "" {
			out = append(out, e.Hash)
		}
	}
	return out
}

// Verdict is the outcome of a continuity check.
type Verdict string

// The verdicts, from the calmest to the most worrying.
const (
	// VerdictFirst: no earlier bundle from this colleague to compare with.
	VerdictFirst Verdict = "first"
	// VerdictSame: the same history as an earlier bundle.
	VerdictSame Verdict = "same"
	// VerdictExtends: the history extends the earlier bundle's: nothing
	// that bundle showed was altered or removed since.
	VerdictExtends Verdict = "extends"
	// VerdictOlder: this bundle is older than one already received, and
	// the later one extends it.
	VerdictOlder Verdict = "older"
	// VerdictDiverged: the histories disagree: entries shown by the
	// earlier bundle were altered or removed (or the journal was restored
	// from an old copy and continued).
	VerdictDiverged Verdict = "diverged"
)

// Continuity is the result of comparing a bundle's history with the
// earlier bundles of the same colleague.
type Continuity struct {
	Verdict Verdict
	// Against is the earlier bundle the verdict is about: the latest one
	// the new history extends, or the one it disagrees with.
	Against *History
	// AgainstCase is the id of Against's case, when the bundles compared
	// were kept in a vault.
	AgainstCase string
	// FirstDifference is, for VerdictDiverged, the number of the first
	// event of the earlier history that differs (or is missing).
	FirstDifference uint64
	// ExportRecorded reports that the newer history records the export of
	// the older bundle (its manifest's SHA-256): the colleague's journal
	// acknowledges having sent it.
	ExportRecorded bool
	// Compared is the number of earlier bundles of the same colleague.
	Compared int
}

// OK reports whether nothing worrying was found.
func (c Continuity) OK() bool { return c.Verdict != VerdictDiverged }

// Compare compares the history of a bundle (h) with that of an earlier
// one from the same vault (earlier). Bundles of different vaults cannot be
// compared: the verdict is then VerdictFirst.
func Compare(earlier, h *History) Continuity {
	if earlier == nil || h == nil || earlier.VaultID != h.VaultID || earlier.VaultID == "" {
		return Continuity{Verdict: VerdictFirst}
	}
	c := Continuity{Against: earlier, Compared: 1}
	older, newer := earlier, h
	if h.Head.Seq < earlier.Head.Seq {
		older, newer = h, earlier
	}
	switch {
	case !prefixOf(older, newer):
		c.Verdict = VerdictDiverged
		c.FirstDifference = firstDifference(older, newer)
	case older.Head == newer.Head:
		c.Verdict = VerdictSame
	case older == earlier:
		c.Verdict = VerdictExtends
	default:
		c.Verdict = VerdictOlder
	}
	if c.Verdict != VerdictDiverged {
		for _, x := range newer.ExportHashes {
			if x == older.ManifestSHA256 {
				c.ExportRecorded = true
			}
		}
	}
	return c
}

// prefixOf reports whether newer's history holds older's head at the same
// place. Since each event's ID covers the one before, that means every
// earlier event is unchanged.
func prefixOf(older, newer *History) bool {
	s := older.Head.Seq
	if s == 0 {
		return true
	}
	if s > uint64(len(newer.IDs)) {
		return false
	}
	return newer.IDs[s-1] == older.Head.ID
}

func firstDifference(older, newer *History) uint64 {
	for i := range older.IDs {
		if i >= len(newer.IDs) || older.IDs[i] != newer.IDs[i] {
			return uint64(i) + 1
		}
	}
	if uint64(len(older.IDs)) < older.Head.Seq {
		return uint64(len(older.IDs)) + 1
	}
	return older.Head.Seq
}

// CheckContinuity compares a bundle's history with every earlier bundle
// of the same colleague (those of other vaults are ignored). Any
// disagreement wins (VerdictDiverged, with the earliest bundle concerned);
// otherwise the verdict is about the latest earlier bundle that h extends
// (or, if h is older than all of them, the earliest that extends h).
// cases, if not nil, gives the case id of each earlier history.
func CheckContinuity(h *History, earlier []*History, cases []string) Continuity {
	out := Continuity{Verdict: VerdictFirst}
	var best Continuity
	n := 0
	for i, e := range earlier {
		c := Compare(e, h)
		if c.Verdict == VerdictFirst {
			continue
		}
		n++
		if i < len(cases) {
			c.AgainstCase = cases[i]
		}
		if c.Verdict == VerdictDiverged {
			if out.Verdict != VerdictDiverged || e.ExportedAt.Before(out.Against.ExportedAt) {
				out = c
			}
			continue
		}
		if out.Verdict == VerdictDiverged {
			continue
		}
		switch {
		case best.Against == nil:
			best = c
		case c.Verdict != VerdictOlder && (best.Verdict == VerdictOlder || e.Head.Seq > best.Against.Head.Seq):
			best = c
		case c.Verdict == VerdictOlder && best.Verdict == VerdictOlder && e.Head.Seq < best.Against.Head.Seq:
			best = c
		}
	}
	if out.Verdict != VerdictDiverged && best.Against != nil {
		out = best
	}
	out.Compared = n
	return out
}
