package bundle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// forge makes what finding 2 of issue 10 describes: a forger who knows
// only the representative's public key and the colleague's vault id (in
// clear in vault.json) exports a bundle from a journal of their own, puts
// the colleague's vault id in its manifest, recomputes every hash and
// signs it with their own key (fixHashes); unsigned, they also strip the
// signature and call it a bundle of version 1. (The test decrypts the
// forger's bundle with the representative's key only to stand for the
// forger's own plaintext copy.)
func forge(t *testing.T, made string, rep *age.X25519Identity, vaultID string, unsigned bool) string {
	t.Helper()
	return rewrap(t, made, rep, func(order []string, files map[string][]byte) []entry {
		files[NameManifest] = editJSON(t, files[NameManifest], func(v map[string]any) {
			v["vault_id"] = vaultID
			if unsigned {
				v["version"] = 1
				delete(v, "signer")
			}
		})
		if unsigned {
			order = slices.DeleteFunc(order, func(n string) bool { return n == NameSignature || n == NameSignerKey })
			delete(files, NameSignature)
			delete(files, NameSignerKey)
		}
		fixHashes(t, order, files)
		return entriesOf(order, files)
	})
}

// TestForgedBundleIsToldApart: finding 2 of issue 10, through real vaults
// and real bundle files. Before bundles were signed, a forged bundle
// passed every check and was counted in the committee's synthesis as the
// colleague's (this test failed: "the synthesis counts 2 bundles").
func TestForgedBundleIsToldApart(t *testing.T) {
	ctx := context.Background()
	colleague := journalFixture(t)
	own, _ := colleague.j.SigningPublicKey()
	rep, _ := apptest.NewJournal(t)
	repID, err := rep.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	to := []string{repID.Recipient().String()}
	receive := func(path string) *Received {
		t.Helper()
		rec, err := Receive(ctx, rep.Cases, path, ReceiveOptions{})
		if err != nil {
			t.Fatalf("every bundle is kept for the representative to see: %v", err)
		}
		return rec
	}

	// The first real bundle: its key is new; its fingerprint is the one
	// the colleague reads out; the representative trusts it.
	first, _ := exportTo(t, colleague.src, ExportOptions{To: to})
	rec := receive(first)
	if rec.Signer.Status != SignerNew || rec.Signer.Signer.PublicKey != own || rec.Signer.Signer.Fingerprint != app.SignerFingerprint(own) {
		t.Fatalf("first bundle: %+v", rec.Signer)
	}
	if _, err := rep.Cases.TrustSigner(rec.Contents.Manifest.VaultID, rec.Signer.Signer.PublicKey, "Camille"); err != nil {
		t.Fatal(err)
	}
	second, _ := exportTo(t, colleague.src, ExportOptions{To: to})
	if rec := receive(second); rec.Signer.Status != SignerTrusted || rec.Signer.Known.Name != "Camille" {
		t.Fatalf("second bundle: %+v", rec.Signer)
	}

	// The forgeries: signed by the forger's key, and unsigned.
	forger := newFixture(t)
	made, _ := exportTo(t, forger.src, ExportOptions{To: to})
	signed := receive(forge(t, made, repID, colleague.j.VaultID(), false))
	if signed.Signer.Status != SignerChanged || signed.Signer.Known.Name != "Camille" ||
		signed.Signer.Signer.Fingerprint == app.SignerFingerprint(own) {
		t.Errorf("forged, signed by another key: %+v", signed.Signer)
	}
	unsigned := receive(forge(t, made, repID, colleague.j.VaultID(), true))
	if unsigned.Signer.Status != SignerMissing {
		t.Errorf("forged, unsigned: %+v", unsigned.Signer)
	}

	inputs, left, err := SynthesisCases(rep.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 2 || len(left) != 2 || left[0].ID != signed.Case.ID || left[1].ID != unsigned.Case.ID {
		t.Fatalf("the synthesis counts %d bundles and leaves %d out, want the colleague's 2 real ones counted", len(inputs), len(left))
	}
	for _, in := range inputs {
		if in.Manifest.Signer.PublicKey != own {
			t.Errorf("a bundle not signed by the colleague is counted")
		}
	}

	// Accepted explicitly, a case is counted.
	if err := rep.Cases.AcceptCase(unsigned.Case.ID); err != nil {
		t.Fatal(err)
	}
	if inputs, _, _ := SynthesisCases(rep.Cases); len(inputs) != 3 {
		t.Errorf("an accepted case is not counted: %d", len(inputs))
	}
}

// TestSignatureCoversTheBundle: a change anywhere, with every hash redone
// but without the colleague's key, breaks the signature; minisign.pub
// swapped for another key too.
func TestSignatureCoversTheBundle(t *testing.T) {
	t.Parallel()
	fx := newFixture(t)
	id := newIdentity(t)
	path, _ := exportTo(t, fx.src, ExportOptions{To: []string{id.Recipient().String()}})
	keepSignature := rewrap(t, path, id, func(order []string, files map[string][]byte) []entry {
		files[NameManifest] = editJSON(t, files[NameManifest], func(v map[string]any) { v["pseudonymised"] = false })
		resum(order, files)
		return entriesOf(order, files)
	})
	refused(t, "signature kept after a change", keepSignature, id, CheckSignature)

	otherKey := rewrap(t, path, id, func(order []string, files map[string][]byte) []entry {
		sig := files[NameSignature]
		fixHashes(t, order, files)
		files[NameSignature] = sig
		resum(order, files)
		return entriesOf(order, files)
	})
	refused(t, "another key named, the colleague's signature kept", otherKey, id, CheckSignature)
	noSignature := rewrap(t, path, id, func(order []string, files map[string][]byte) []entry {
		order = slices.DeleteFunc(order, func(n string) bool { return n == NameSignature })
		resum(order, files)
		return entriesOf(order, files)
	})
	refused(t, "signature removed", noSignature, id, CheckSignature)
}

// resum writes SHA256SUMS again for the files of order.
func resum(order []string, files map[string][]byte) {
	var sums strings.Builder
	for _, n := range order {
		if n != NameSums {
			sum := sha256.Sum256(files[n])
			fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), n)
		}
	}
	files[NameSums] = []byte(sums.String())
}
