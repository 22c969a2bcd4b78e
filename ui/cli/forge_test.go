package cli

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"

	"aead.dev/minisign"
	"filippo.io/age"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/temoin-app/temoin/app/bundle/bundletest"
)

// forgeCmd is the script command "forge OWN VICTIM OUT": what a forger
// does with a bundle of their own journal (OWN) and one of the
// colleague's (VICTIM, for its vault id): the forged bundle names the
// colleague's journal and is signed by the forger's key. "forge -unsigned
// OWN VICTIM OUT" removes the signature instead. Every bundle is
// encrypted with $TEMOIN_BUNDLE_PASSPHRASE.
func forgeCmd(ts *testscript.TestScript, neg bool, args []string) {
	unsigned := len(args) == 4 && args[0] == "-unsigned"
	if unsigned {
		args = args[1:]
	}
	if neg || len(args) != 3 {
		ts.Fatalf("usage: forge [-unsigned] OWN VICTIM OUT")
	}
	pass := ts.Getenv("TEMOIN_BUNDLE_PASSPHRASE")
	own := decryptBundle(ts, args[0], pass)
	victim := decryptBundle(ts, args[1], pass)
	var m struct {
		VaultID string `json:"vault_id"`
	}
	ts.Check(json.Unmarshal(zipEntry(ts, victim, "manifest.json"), &m))
	var key minisign.PrivateKey
	if !unsigned {
		var err error
		_, key, err = minisign.GenerateKey(nil)
		ts.Check(err)
	}
	forged, err := bundletest.Forge(own, m.VaultID, key)
	ts.Check(err)
	r, err := age.NewScryptRecipient(pass)
	ts.Check(err)
	r.SetWorkFactor(10)
	var out bytes.Buffer
	w, err := age.Encrypt(&out, r)
	ts.Check(err)
	_, err = w.Write(forged)
	ts.Check(err)
	ts.Check(w.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[2]), out.Bytes(), 0o600))
}

func decryptBundle(ts *testscript.TestScript, name, pass string) []byte {
	id, err := age.NewScryptIdentity(pass)
	ts.Check(err)
	f, err := os.Open(ts.MkAbs(name))
	ts.Check(err)
	defer f.Close()
	r, err := age.Decrypt(f, id)
	ts.Check(err)
	data, err := io.ReadAll(r)
	ts.Check(err)
	return data
}

// zipEntry returns the contents of one entry of a ZIP.
func zipEntry(ts *testscript.TestScript, plain []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	ts.Check(err)
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			ts.Check(err)
			defer rc.Close()
			data, err := io.ReadAll(rc)
			ts.Check(err)
			return data
		}
	}
	ts.Fatalf("no %s in the bundle", name)
	return nil
}
