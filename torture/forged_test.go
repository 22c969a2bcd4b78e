package torture

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"aead.dev/minisign"
	"filippo.io/age"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/bundle/bundletest"
)

// TestAttackForgedBundle: finding 2 of issue 10, through real vaults and
// real bundle files. A representative trusted a colleague's key with the
// first bundle; then come forgeries made with only the representative's
// public key and the colleague's vault id (bundletest.Forge): signed by
// the forger's key, unsigned, or a real bundle changed after it was
// signed. None may be counted in the synthesis as the colleague's.
func TestAttackForgedBundle(t *testing.T) {
	n := scale("TORTURE_ATTACKS", 3, 30)
	ctx := context.Background()
	dir := t.TempDir()
	colleague := unlockNew(t, filepath.Join(dir, "collegue"))
	defer colleague.Lock()
	if _, err := colleague.Incidents.Create(incident(newRand(), "VRAI")); err != nil {
		t.Fatal(err)
	}
	forger := unlockNew(t, filepath.Join(dir, "faussaire"))
	defer forger.Lock()
	if _, err := forger.Incidents.Create(incident(newRand(), "FAUX")); err != nil {
		t.Fatal(err)
	}
	rep := unlockNew(t, filepath.Join(dir, "representant"))
	defer rep.Lock()
	repID, err := rep.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	export := func(j *app.Journal) string {
		path := filepath.Join(t.TempDir(), "dossier.zip.age")
		if _, err := bundle.Export(ctx, bundle.JournalSource(j), bundle.ExportOptions{Out: path, To: []string{repID.Recipient().String()}}); err != nil {
			t.Fatal(err)
		}
		return path
	}
	first, err := bundle.Receive(ctx, rep.Cases, export(colleague), bundle.ReceiveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rep.Cases.TrustSigner(colleague.VaultID(), first.Signer.Signer.PublicKey, "Camille"); err != nil {
		t.Fatal(err)
	}
	_, forgerKey, _ := minisign.GenerateKey(nil)
	counts := map[string]int{}
	for i := range n {
		var plain []byte
		switch i % 3 {
		case 0:
			plain = forged(t, export(forger), repID, colleague.VaultID(), forgerKey)
		case 1:
			plain = forged(t, export(forger), repID, colleague.VaultID(), minisign.PrivateKey{})
		case 2:
			plain = changedAfterSigning(t, export(colleague), repID)
		}
		path := encrypt(t, plain, repID.Recipient())
		rec, err := bundle.Receive(ctx, rep.Cases, path, bundle.ReceiveOptions{})
		var ce *bundle.CheckError
		switch {
		case i%3 == 2 && errors.As(err, &ce) && ce.Check == bundle.CheckSignature:
			counts["refused"]++
		case err != nil:
			t.Fatalf("forgery %d: %v", i, err)
		case i%3 == 0 && rec.Signer.Status == bundle.SignerChanged && rec.Signer.Signer.Fingerprint != first.Signer.Signer.Fingerprint:
			counts["other key"]++
		case i%3 == 1 && rec.Signer.Status == bundle.SignerMissing:
			counts["unsigned"]++
		default:
			t.Fatalf("forgery %d not told apart: %+v, %v", i, rec.Signer, err)
		}
	}
	inputs, left, err := bundle.SynthesisCases(rep.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) != 1 || inputs[0].Manifest.Signer.PublicKey != first.Signer.Signer.PublicKey {
		t.Fatalf("the synthesis counts %d bundles, want the colleague's one", len(inputs))
	}
	summary(t, "%d forged bundles: %d signed by another key, %d unsigned (kept, shown, left out of the synthesis: %d), %d changed after signing (refused); 0 counted as the colleague's",
		n, counts["other key"], counts["unsigned"], len(left), counts["refused"])
}

// unlockNew creates a vault at dir and unlocks it.
func unlockNew(t *testing.T, dir string) *app.Journal {
	t.Helper()
	newVault(t, dir)
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// plaintext decrypts a bundle (the forger's own, or one intercepted and
// opened with the representative's key, which stands for the forger's
// plaintext copy).
func plaintext(t *testing.T, path string, id *age.X25519Identity) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func forged(t *testing.T, path string, id *age.X25519Identity, vaultID string, key minisign.PrivateKey) []byte {
	t.Helper()
	out, err := bundletest.Forge(plaintext(t, path, id), vaultID, key)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changedAfterSigning changes a real bundle's manifest and recomputes
// SHA256SUMS, keeping the colleague's signature.
func changedAfterSigning(t *testing.T, path string, id *age.X25519Identity) []byte {
	t.Helper()
	out, err := bundletest.ChangeManifest(plaintext(t, path, id), func(m map[string]any) { m["pseudonymised"] = false })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func encrypt(t *testing.T, plain []byte, to age.Recipient) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dossier.zip.age")
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, to)
	w.Write(plain)
	w.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
