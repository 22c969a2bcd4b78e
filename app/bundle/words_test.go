package bundle

import (
	"testing"

	"github.com/temoin-app/temoin/i18n"
)

// TestEveryCheckAndVerdictHasWords: the checks a bundle goes through and
// the verdicts of continuity are named to the person (and in the
// synthesis) by key; none may show as a bare key.
func TestEveryCheckAndVerdictHasWords(t *testing.T) {
	var keys []string
	for _, c := range []Check{CheckDecrypt, CheckArchive, CheckNames, CheckManifest, CheckSums, CheckSignature, CheckHash, CheckChain, CheckIncidents, CheckTimestamps} {
		keys = append(keys, "bundle.check."+string(c))
	}
	for _, v := range []Verdict{VerdictFirst, VerdictSame, VerdictExtends, VerdictOlder, VerdictDiverged} {
		keys = append(keys, "bundle.synthesis.verdict."+string(v))
	}
	for _, s := range []SignerStatus{SignerTrusted, SignerNew, SignerChanged, SignerMissing} {
		keys = append(keys, "bundle.signer."+string(s))
	}
	for _, l := range i18n.Languages {
		for _, k := range keys {
			if !l.Has(k) {
				t.Errorf("%s: no text for %s", l, k)
			}
		}
	}
}
