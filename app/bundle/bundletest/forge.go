package bundletest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"aead.dev/minisign"
)

// Forge is what a forger does with a bundle's plaintext ZIP (one made
// with a journal of their own) knowing only the format
// (docs/bundle-format.md), the representative's public key and the
// colleague's vault id: it puts vaultID in the manifest, recomputes every
// hash, and signs the manifest with the forger's own key, or, with a zero
// key, removes the signature and calls the bundle version 1. It returns
// the new plaintext ZIP, to encrypt to the representative.
func Forge(plain []byte, vaultID string, key minisign.PrivateKey) ([]byte, error) {
	order, files, m, err := load(plain)
	if err != nil {
		return nil, err
	}
	m["vault_id"] = vaultID
	unsigned := key.ID() == 0
	if unsigned {
		m["version"] = 1
		delete(m, "signer")
		order = without(order, "manifest.json.minisig", "minisign.pub")
	} else {
		pub := key.Public().(minisign.PublicKey)
		text, _ := pub.MarshalText()
		files["minisign.pub"] = append(text, '\n')
		m["signer"] = map[string]any{"public_key": pub.String()}
	}
	var list []map[string]any
	for _, n := range order {
		if n == "manifest.json" || n == "SHA256SUMS" || n == "manifest.json.minisig" {
			continue
		}
		list = append(list, map[string]any{"path": n, "size": len(files[n]), "sha256": sum(files[n])})
	}
	m["files"] = list
	manifest, _ := json.MarshalIndent(m, "", "  ")
	files["manifest.json"] = manifest
	if !unsigned {
		head := m["chain_head"].(map[string]any)
		comment := fmt.Sprintf("temoin-bundle vault_id=%s chain_head=%v:%v exported_at=%v", vaultID, head["seq"], head["id"], m["exported_at"])
		files["manifest.json.minisig"] = minisign.SignWithComments(key, manifest, comment, "")
	}
	writeSums(order, files)
	return rezip(order, files)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func without(list []string, names ...string) []string {
	var out []string
	for _, n := range list {
		keep := true
		for _, x := range names {
			keep = keep && n != x
		}
		if keep {
			out = append(out, n)
		}
	}
	return out
}

// load reads a bundle's plaintext ZIP: its entries in order, their
// contents, and the manifest decoded.
func load(plain []byte) ([]string, map[string][]byte, map[string]any, error) {
	order, files, err := unzip(plain)
	if err != nil {
		return nil, nil, nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		return nil, nil, nil, err
	}
	return order, files, m, nil
}

func unzip(plain []byte) ([]string, map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		return nil, nil, err
	}
	var order []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, nil, err
		}
		order = append(order, f.Name)
		files[f.Name] = data
	}
	return order, files, nil
}

func rezip(order []string, files map[string][]byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range order {
		w, err := zw.Create(n)
		if err != nil {
			return nil, err
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ChangeManifest changes a bundle's manifest.json with change and writes
// SHA256SUMS again, keeping every other file, the signature among them:
// what someone without the colleague's key can do to a real bundle.
func ChangeManifest(plain []byte, change func(m map[string]any)) ([]byte, error) {
	order, files, m, err := load(plain)
	if err != nil {
		return nil, err
	}
	change(m)
	files["manifest.json"], _ = json.MarshalIndent(m, "", "  ")
	writeSums(order, files)
	return rezip(order, files)
}

// writeSums writes SHA256SUMS for every file of order but itself.
func writeSums(order []string, files map[string][]byte) {
	var sums strings.Builder
	for _, n := range order {
		if n != "SHA256SUMS" {
			fmt.Fprintf(&sums, "%s  %s\n", sum(files[n]), n)
		}
	}
	files["SHA256SUMS"] = []byte(sums.String())
}
