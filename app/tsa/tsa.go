// Package tsa asks Time-Stamping Authorities (RFC 3161) to time-stamp a
// digest, and checks their tokens. Only the digest leaves the computer:
// the authority signs it with the time, and anyone can later check, with
// the authority's certificate, that the data behind the digest existed at
// that time at the latest ("openssl ts -verify").
//
// The RFC 3161 structures are read and written by
// github.com/digitorus/timestamp and its pkcs7; this package adds the
// HTTP exchange, the checks a client owes (the nonce, the imprint, the
// signer's timeStamping usage) and the check of the signer's certificate
// chain against the authorities the computer (or the caller) trusts.
package tsa

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// Errors of Request and Verify, tested with errors.Is.
var (
	// ErrUnreachable: the authority could not be reached (no network, a
	// server down, a time-out). The request can be tried again later.
	ErrUnreachable = errors.New("the time-stamping authority could not be reached")
	// ErrRefused: the authority answered, but with a refusal or with
	// something that is not a time-stamp.
	ErrRefused = errors.New("the time-stamping authority refused to time-stamp")
	// ErrInvalid: the token does not check: damaged, not signed by the
	// certificate it carries, or about another digest.
	ErrInvalid = errors.New("the time-stamp does not check")
)

// maxResponse bounds what is read from an authority.
const maxResponse = 256 << 10

// Token is a checked time-stamp of a SHA-256 digest.
type Token struct {
	// Response is the authority's response as received (DER): what
	// "openssl ts -verify -in FILE" reads.
	Response []byte
	// Digest is the SHA-256 digest the authority signed.
	Digest []byte
	// Time is when the authority says it signed (genTime).
	Time time.Time
	// Authority names the authority: its signing certificate's subject
	// (common name, organisation).
	Authority string
	// URL is where it was asked (set by Request only).
	URL string
	// Trusted reports that the signing certificate chains to a root the
	// caller trusts (Verify's roots), with the timeStamping usage, at
	// Time. A token that is not trusted still proves the digest and time
	// to whoever trusts that authority's certificate.
	Trusted bool
}

// Request asks the authority at url to time-stamp digest (SHA-256, 32
// bytes) and checks its answer (Verify with roots; the nonce). client may
// be nil (a client with a 30-second time-out is used).
func Request(ctx context.Context, client *http.Client, url string, digest []byte, roots *x509.CertPool) (*Token, error) {
	if len(digest) != 32 {
		return nil, fmt.Errorf("a SHA-256 digest has 32 bytes, not %d", len(digest))
	}
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, err
	}
	req := timestamp.Request{HashAlgorithm: crypto.SHA256, HashedMessage: digest, Certificates: true, Nonce: nonce}
	body, err := req.Marshal()
	if err != nil {
		return nil, fmt.Errorf("failed to make the request: %w", err)
	}
	resp, err := post(ctx, client, url, body)
	if err != nil {
		return nil, err
	}
	ts, err := timestamp.ParseResponse(resp)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRefused, err)
	}
	if ts.Nonce == nil || ts.Nonce.Cmp(nonce) != 0 {
		return nil, fmt.Errorf("%w: the answer is not to this request (nonce)", ErrInvalid)
	}
	tok, err := Verify(resp, digest, roots)
	if err != nil {
		return nil, err
	}
	tok.URL = url
	return tok, nil
}

// post sends a time-stamp query and returns the reply's body.
func post(ctx context.Context, client *http.Client, url string, body []byte) ([]byte, error) {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return nil, fmt.Errorf("%w: not a web address: %q", ErrUnreachable, url)
	}
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	hr.Header.Set("Content-Type", "application/timestamp-query")
	hr.Header.Set("Accept", "application/timestamp-reply")
	res, err := client.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 500 {
		return nil, fmt.Errorf("%w: %s", ErrUnreachable, res.Status)
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s", ErrRefused, res.Status)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if len(data) > maxResponse {
		return nil, fmt.Errorf("%w: the answer is too large", ErrRefused)
	}
	return data, nil
}

// Verify checks a time-stamp response (DER) against digest: it must be a
// granted time-stamp of digest with SHA-256, signed by the certificate it
// carries, which must have the timeStamping usage. Trusted tells whether
// that certificate chains to roots (nil: the system's) at the token's
// time.
func Verify(response, digest []byte, roots *x509.CertPool) (*Token, error) {
	ts, err := timestamp.ParseResponse(response)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if ts.HashAlgorithm != crypto.SHA256 || !bytes.Equal(ts.HashedMessage, digest) {
		return nil, fmt.Errorf("%w: it is about another digest", ErrInvalid)
	}
	p7, err := pkcs7.Parse(ts.RawToken)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	signer := p7.GetOnlySigner()
	if signer == nil {
		return nil, fmt.Errorf("%w: the token does not carry its signer's certificate", ErrInvalid)
	}
	if !timeStampingCert(signer) {
		return nil, fmt.Errorf("%w: its certificate is not one of a time-stamping authority", ErrInvalid)
	}
	if err := p7.Verify(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	tok := &Token{Response: response, Digest: slices.Clone(digest), Time: ts.Time.UTC(), Authority: name(signer)}
	if roots == nil {
		if roots, err = x509.SystemCertPool(); err != nil {
			roots = x509.NewCertPool()
		}
	}
	intermediates := x509.NewCertPool()
	for _, c := range p7.Certificates {
		intermediates.AddCert(c)
	}
	_, err = signer.Verify(x509.VerifyOptions{Roots: roots, Intermediates: intermediates,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}, CurrentTime: tok.Time})
	tok.Trusted = err == nil
	return tok, nil
}

// timeStampingCert reports whether a certificate has the extended key
// usage RFC 3161 (2.3) asks of an authority: timeStamping only, in a
// critical extension.
func timeStampingCert(c *x509.Certificate) bool {
	if !slices.Equal(c.ExtKeyUsage, []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}) || len(c.UnknownExtKeyUsage) > 0 {
		return false
	}
	for _, e := range c.Extensions {
		if e.Id.Equal(asn1.ObjectIdentifier{2, 5, 29, 37}) {
			return e.Critical
		}
	}
	return false
}

// name is a certificate's subject as a person reads it.
func name(c *x509.Certificate) string {
	var parts []string
	if c.Subject.CommonName != "" {
		parts = append(parts, c.Subject.CommonName)
	}
	for _, o := range c.Subject.Organization {
		if !slices.Contains(parts, o) {
			parts = append(parts, o)
		}
	}
	if len(parts) == 0 {
		return c.Subject.String()
	}
	return strings.Join(parts, ", ")
}

// Roots returns a pool of the system's roots and of the certificates
// (PEM) given: the authorities a person configured with their CA.
func Roots(pems ...string) *x509.CertPool {
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	for _, p := range pems {
		if strings.TrimSpace(p) != "" {
			pool.AppendCertsFromPEM([]byte(p))
		}
	}
	return pool
}
