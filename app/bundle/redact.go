package bundle

import (
	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
)

// redactHistory returns the events of chain.json: in full, those about
// what the bundle holds — the revisions and evidence of the incidents
// exported, the bundles sent before (whose event names only the
// manifest's hash: continuity checks that the colleague's journal
// recorded them), the time-stamps of the history; every other event by
// its place only (Seq, Prev, ID). The head verifies all the same
// (vault.VerifyRedactedChain), and later bundles compare with earlier ones
// by the IDs, which every event keeps. Nothing of other incidents, of
// earlier recipients (their keys were in the subject of "exported" events
// before format 2), of reports or of a representative's cases leaves.
func redactHistory(events []vault.ChainEvent, selected []*app.Incident) []ChainEntry {
	exported := make(map[string]bool, len(selected))
	for _, in := range selected {
		exported[in.ID] = true
	}
	out := make([]ChainEntry, len(events))
	for i, e := range events {
		full := false
		switch app.KindOf(e) {
		case app.EventCreated, app.EventAmended, app.EventEvidenceAdded, app.EventEvidenceRemoved, app.EventEvidenceNoted:
			full = exported[e.Subject]
		case app.EventExported:
			full = e.Subject == ""
		case app.EventTimestamped:
			full = true
		}
		out[i] = ChainEntry{ChainEvent: e, Redacted: !full}
		if !full {
			out[i].ChainEvent = vault.ChainEvent{Seq: e.Seq, Prev: e.Prev, ID: e.ID}
		}
	}
	return out
}
