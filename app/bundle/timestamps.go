package bundle

import (
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/temoin-app/temoin/app/tsa"
	"github.com/temoin-app/temoin/vault"
)

// Trusted time-stamps in a bundle (version 2 on). Each token the
// colleague's journal kept for its history up to the bundle's head goes
// in as timestamps/NNN.tsr (the authority's response, DER), listed in the
// manifest with the event it signed. The reader checks each against
// chain.json: the token must be a valid RFC 3161 time-stamp of the ID
// chain.json gives that event, so the history up to it existed at the
// token's time at the latest. "openssl ts -verify -in timestamps/001.tsr
// -digest <event id> -CAfile <the authority's CA>" checks the same.

// TimestampCheck is a time-stamp of a bundle, checked.
type TimestampCheck struct {
	TimestampEntry
	// Trusted reports that the authority's certificate chains to a root
	// this computer trusts (or one given in OpenOptions.TSARoots). An
	// untrusted token still proves the time to whoever trusts that
	// authority.
	Trusted bool
}

// timestamps chooses the tokens of the history up to the bundle's head
// whose event ID still matches the chain (one that does not is left out:
// "temoin verify" reports it), and lists them in the manifest.
func (x *zipper) timestamps(events []vault.ChainEvent) error {
	if x.src.Timestamps == nil {
		return nil
	}
	tokens, err := x.src.Timestamps.Tokens()
	if err != nil {
		return fmt.Errorf("failed to read the time-stamps: %w", err)
	}
	for _, t := range tokens {
		if t.Seq == 0 || t.Seq > x.m.ChainHead.Seq || events[t.Seq-1].ID != t.EventID {
			continue
		}
		x.tokens = append(x.tokens, t.Response)
		x.m.Timestamps = append(x.m.Timestamps, TimestampEntry{
			Path: timestampFileName(len(x.tokens)), Seq: t.Seq, EventID: t.EventID, Time: t.Time.UTC(), TSA: t.Authority, URL: t.URL,
		})
	}
	return nil
}

// checkTimestamps checks the manifest's time-stamps against their files
// (kept, their hashes already checked) and chain.json.
func checkTimestamps(m *Manifest, cf *ChainFile, kept map[string][]byte, roots *x509.CertPool) ([]TimestampCheck, error) {
	used := map[string]bool{}
	var out []TimestampCheck
	for _, t := range m.Timestamps {
		data, ok := kept[t.Path]
		switch {
		case !timestampName.MatchString(t.Path) || !ok || used[t.Path]:
			return nil, checkErr(CheckTimestamps, printable(t.Path), "the manifest names a time-stamp file the bundle does not hold")
		case t.Seq == 0 || t.Seq > uint64(len(cf.Events)) || cf.Events[t.Seq-1].ID != t.EventID:
			return nil, checkErr(CheckTimestamps, t.Path, "it is about an event the history does not hold")
		}
		used[t.Path] = true
		digest, _ := hex.DecodeString(t.EventID)
		tok, err := tsa.Verify(data, digest, roots)
		if err != nil {
			return nil, &CheckError{Check: CheckTimestamps, Name: t.Path, Err: err}
		}
		if !tok.Time.Equal(t.Time) {
			return nil, checkErr(CheckTimestamps, t.Path, "the manifest gives another time than the token")
		}
		t.TSA = tok.Authority
		out = append(out, TimestampCheck{TimestampEntry: t, Trusted: tok.Trusted})
	}
	for name := range kept {
		if strings.HasPrefix(name, TimestampsDir) && !used[name] {
			return nil, checkErr(CheckTimestamps, name, "a time-stamp the manifest does not list")
		}
	}
	return out, nil
}
