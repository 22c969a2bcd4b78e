// Package tsatest is a Time-Stamping Authority for tests: a test CA, a
// TSA certificate with the timeStamping extended key usage, and an RFC
// 3161 server over HTTP on the loopback interface, started by the test
// itself. No test ever reaches the internet. Only tests import it.
package tsatest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digitorus/timestamp"
)

// TSA is a running test authority.
type TSA struct {
	// URL is where to send time-stamp queries.
	URL string
	// CAPEM is the test CA's certificate (PEM): what "openssl ts -verify
	// -CAfile" takes, and what tsa.Roots takes to trust the authority.
	CAPEM string
	// Name is the authority's name as tsa.Token.Authority gives it.
	Name string

	srv      *httptest.Server
	cert     *x509.Certificate
	key      crypto.Signer
	offline  atomic.Bool
	requests atomic.Int64
	mu       sync.Mutex
	now      func() time.Time
}

// New starts a test authority named name; it stops with the test.
func New(t testing.TB, name string) *TSA {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name + " Root CA", Organization: []string{"Témoin tests"}},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: time.Now().Add(10 * 365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: name, Organization: []string{"Témoin tests"}},
		NotBefore: time.Now().Add(-24 * time.Hour), NotAfter: time.Now().Add(5 * 365 * 24 * time.Hour),
		KeyUsage:        x509.KeyUsageDigitalSignature,
		ExtraExtensions: []pkix.Extension{timeStampingOnly()},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	a := &TSA{cert: cert, key: key, now: time.Now, Name: name + ", Témoin tests",
		CAPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}))}
	_ = ca
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	a.URL = a.srv.URL + "/tsr"
	t.Cleanup(a.srv.Close)
	return a
}

// SetOffline makes the authority answer 503, as an unreachable one would
// for the client's purposes.
func (a *TSA) SetOffline(off bool) { a.offline.Store(off) }

// Requests returns how many time-stamps were asked.
func (a *TSA) Requests() int { return int(a.requests.Load()) }

// SetClock makes the authority sign with the times now gives.
func (a *TSA) SetClock(now func() time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.now = now
}

// WriteCA writes the CA certificate into dir and returns its path.
func (a *TSA) WriteCA(t testing.TB, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "tsa-ca.pem")
	if err := os.WriteFile(p, []byte(a.CAPEM), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func (a *TSA) serve(w http.ResponseWriter, r *http.Request) {
	if a.offline.Load() {
		http.Error(w, "hors ligne", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil || r.Method != http.MethodPost {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req, err := timestamp.ParseRequest(body)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	a.requests.Add(1)
	a.mu.Lock()
	now := a.now()
	a.mu.Unlock()
	ts := timestamp.Timestamp{
		HashAlgorithm: req.HashAlgorithm, HashedMessage: req.HashedMessage, Time: now.UTC().Truncate(time.Second),
		Nonce: req.Nonce, Policy: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Accuracy: time.Second,
		AddTSACertificate: req.Certificates,
	}
	resp, err := ts.CreateResponseWithOpts(a.cert, a.key, crypto.SHA256)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/timestamp-reply")
	w.Write(resp)
}

// timeStampingOnly is the extended key usage RFC 3161 asks of an
// authority's certificate: timeStamping alone, critical (Go's
// ExtKeyUsage field would not be marked critical, and openssl refuses
// such a certificate).
func timeStampingOnly() pkix.Extension {
	value, _ := asn1.Marshal([]asn1.ObjectIdentifier{{1, 3, 6, 1, 5, 5, 7, 3, 8}})
	return pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 37}, Critical: true, Value: value}
}
