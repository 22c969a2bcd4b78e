package tsa

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app/tsa/tsatest"
)

func TestRequestAndVerify(t *testing.T) {
	t.Parallel()
	a := tsatest.New(t, "Horodatage de test")
	digest := sha256.Sum256([]byte("tête de l’historique"))
	tok, err := Request(context.Background(), nil, a.URL, digest[:], Roots(a.CAPEM))
	if err != nil {
		t.Fatal(err)
	}
	if !tok.Trusted || tok.Authority != a.Name || tok.URL != a.URL || time.Since(tok.Time) > time.Minute {
		t.Errorf("token: %+v", tok)
	}
	// The system does not know the test CA: the token checks, untrusted.
	if again, err := Verify(tok.Response, digest[:], nil); err != nil || again.Trusted {
		t.Errorf("with the system's roots: %+v, %v", again, err)
	}
	other := sha256.Sum256([]byte("une autre histoire"))
	if _, err := Verify(tok.Response, other[:], Roots(a.CAPEM)); !errors.Is(err, ErrInvalid) {
		t.Errorf("another digest: %v", err)
	}
	damaged := append([]byte(nil), tok.Response...)
	damaged[len(damaged)-40] ^= 1
	if _, err := Verify(damaged, digest[:], Roots(a.CAPEM)); !errors.Is(err, ErrInvalid) {
		t.Errorf("damaged token: %v", err)
	}
	a.SetOffline(true)
	if _, err := Request(context.Background(), nil, a.URL, digest[:], nil); !errors.Is(err, ErrUnreachable) {
		t.Errorf("offline: %v", err)
	}
	if _, err := Request(context.Background(), nil, "http://127.0.0.1:1/tsr", digest[:], nil); !errors.Is(err, ErrUnreachable) {
		t.Errorf("nobody there: %v", err)
	}
}

// The stock openssl checks the tokens, as the bundle's README tells.
func TestOpensslVerifies(t *testing.T) {
	t.Parallel()
	openssl, err := exec.LookPath("openssl")
	if err != nil && runtime.GOOS == "windows" {
		t.Skip("openssl is not installed in this Windows: the tokens are checked with it on Linux")
	}
	if err != nil {
		t.Fatal("openssl is missing: run \"make deps\"")
	}
	a := tsatest.New(t, "Horodatage de test")
	digest := sha256.Sum256([]byte("tête"))
	tok, err := Request(context.Background(), nil, a.URL, digest[:], nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tsr := filepath.Join(dir, "001.tsr")
	os.WriteFile(tsr, tok.Response, 0o600)
	ca := a.WriteCA(t, dir)
	out, err := exec.Command(openssl, "ts", "-verify", "-in", tsr, "-digest", hex.EncodeToString(digest[:]), "-CAfile", ca).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Verification: OK") {
		t.Fatalf("openssl ts -verify: %v\n%s", err, out)
	}
	other := sha256.Sum256([]byte("autre"))
	if out, err := exec.Command(openssl, "ts", "-verify", "-in", tsr, "-digest", hex.EncodeToString(other[:]), "-CAfile", ca).CombinedOutput(); err == nil {
		t.Errorf("openssl accepts another digest:\n%s", out)
	}
}
