package session_test

import (
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/testca"
	"github.com/httpsh/httpsh/session"
)

// tlsServer serves "hello" over TLS with a certificate of ca; with
// clients non-nil it requires a client certificate signed by it.
func tlsServer(t *testing.T, ca *testca.CA, clients *testca.CA, h2 bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := "anonymous"
		if r.TLS != nil && len(r.TLS.PeerCertificates) > 0 {
			who = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		_, _ = w.Write([]byte("hello " + who + " over " + r.Proto))
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Server(t).TLS}}
	if clients != nil {
		srv.TLS.ClientAuth = tls.RequireAndVerifyClientCert
		srv.TLS.ClientCAs = clients.Pool()
	}
	srv.EnableHTTP2 = h2
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// TestCAFile: a server of an unknown CA is refused with a hint naming
// --cacert; `set ca FILE` trusts it, and a request with its own TLS
// options does not share the trusted pool.
func TestCAFile(t *testing.T) {
	ca := testca.New(t, "Test Root")
	srv := tlsServer(t, ca, nil, true)
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrTLS) || !strings.Contains(err.Error(), "--cacert FILE or `set ca FILE`") {
		t.Fatalf("err = %v", err)
	}
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{Insecure: true}})
	if err != nil {
		t.Fatal(err)
	}
	if info := e.Response().TLSInfo(); info.Verified || !strings.Contains(info.VerifyError, "would fail") || !strings.Contains(info.VerifyError, "unknown authority") {
		t.Fatalf("insecure summary: %+v", info)
	}
	caFile := testca.Write(t, t.TempDir(), "ca.pem", ca.PEM)
	if err := s.Settings.Set("ca", caFile); err != nil {
		t.Fatal(err)
	}
	e, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	info := e.Response().TLSInfo()
	if !info.Verified || info.ALPN != "h2" || info.Chain[0].Issuer != "CN=Test Root,O=httpsh tests" || info.Chain[0].DNSNames[0] != "localhost" {
		t.Fatalf("tls info %+v", info)
	}
	if !strings.Contains(strings.Join(info.Lines(), "\n"), "names: localhost, 127.0.0.1") {
		t.Fatalf("lines:\n%s", strings.Join(info.Lines(), "\n"))
	}
	_, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{TLS: &session.TLSOptions{}}})
	if !errors.Is(err, session.ErrTLS) {
		t.Fatalf("a request without the CA reused the trusted pool: %v", err)
	}
	s.Settings.Wire.TLS.CAOnly = true
	if _, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL}); err != nil {
		t.Fatalf("ca-only with the right CA: %v", err)
	}
	s.Settings.Verify = false
	e, _ = send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if info := e.Response().TLSInfo(); info.Verified || !strings.Contains(info.VerifyError, "would pass") {
		t.Fatalf("verify off with a trusted CA: %+v", info)
	}
	s.Settings.Verify = true
	tc, err := s.TokenClient()
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := tc.Get(srv.URL); err != nil {
		t.Fatalf("token client does not trust what the session trusts: %v", err)
	} else {
		resp.Body.Close()
	}
}

// TestClientCert: an mTLS server without a certificate says so and
// names --cert/--key; with one it answers; the pools never mix.
func TestClientCert(t *testing.T) {
	ca := testca.New(t, "Test Root")
	srv := tlsServer(t, ca, ca, false)
	dir := t.TempDir()
	client := ca.Client(t, "ada", time.Now().Add(time.Hour))
	caFile := testca.Write(t, dir, "ca.pem", ca.PEM)
	s := newSession(t)
	s.Settings.Wire.TLS.CA = []string{caFile}
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrClientCert) || !strings.Contains(err.Error(), "--cert FILE --key FILE") || !strings.Contains(err.Error(), strings.TrimPrefix(srv.URL, "https://")) {
		t.Fatalf("err = %v", err)
	}
	s.Settings.Wire.TLS.Cert = testca.Write(t, dir, "c.pem", client.CertPEM)
	s.Settings.Wire.TLS.Key = testca.Write(t, dir, "k.pem", client.KeyPEM)
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil || string(e.Response().Body) != "hello ada over HTTP/1.1" {
		t.Fatalf("with a certificate: %v %q", err, e.Response().Body)
	}
	_, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{TLS: &session.TLSOptions{CA: []string{caFile}}}})
	if !errors.Is(err, session.ErrClientCert) {
		t.Fatalf("a request without --cert reused the mTLS connection: %v", err)
	}
}

// TestClientCertBadFiles: each broken file is one clear error before
// anything is sent, and the session goes on.
func TestClientCertBadFiles(t *testing.T) {
	ca := testca.New(t, "Test Root")
	dir := t.TempDir()
	good := ca.Client(t, "ada", time.Now().Add(time.Hour))
	other := ca.Client(t, "bob", time.Now().Add(time.Hour))
	expired := ca.Client(t, "old", time.Now().Add(-time.Hour))
	enc := encryptKey(t, good.KeyPEM, "sesame")
	cert := testca.Write(t, dir, "c.pem", good.CertPEM)
	cases := []struct {
		name string
		o    session.TLSOptions
		want string
	}{
		{"missing key", session.TLSOptions{Cert: cert}, "no private key: give --key FILE"},
		{"mismatched key", session.TLSOptions{Cert: cert, Key: testca.Write(t, dir, "o.pem", other.KeyPEM)}, "do not make a pair"},
		{"expired", session.TLSOptions{Cert: testca.Write(t, dir, "e.pem", expired.CertPEM), Key: testca.Write(t, dir, "ek.pem", expired.KeyPEM)}, "expired on"},
		{"wrong passphrase", session.TLSOptions{Cert: cert, Key: testca.Write(t, dir, "enc.pem", enc)}, "wrong passphrase"},
		{"key only", session.TLSOptions{Key: cert}, "without a certificate"},
		{"not a CA", session.TLSOptions{CA: []string{testca.Write(t, dir, "x.pem", []byte("junk"))}}, "holds no PEM certificate"},
	}
	srv := tlsServer(t, ca, ca, false)
	s := newSession(t)
	s.Passphrase = func(string) ([]byte, error) { return []byte("wrong"), nil }
	for _, c := range cases {
		_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{TLS: &c.o}})
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "sesame") {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
	s.Passphrase = func(string) ([]byte, error) { return []byte("sesame"), nil }
	caFile := testca.Write(t, dir, "ca.pem", ca.PEM)
	o := session.TLSOptions{CA: []string{caFile}, Cert: cert, Key: testca.Write(t, dir, "enc2.pem", enc)}
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{TLS: &o}})
	if err != nil || !strings.HasPrefix(string(e.Response().Body), "hello ada") {
		t.Fatalf("encrypted key with the right passphrase: %v", err)
	}
}

// encryptKey re-encodes an EC key with legacy PEM encryption, as
// `openssl ec -aes256` writes it.
func encryptKey(t *testing.T, keyPEM []byte, pass string) []byte {
	t.Helper()
	b, _ := pem.Decode(keyPEM)
	//lint:ignore SA1019 the form under test
	eb, err := x509.EncryptPEMBlock(rand.Reader, b.Type, b.Bytes, []byte(pass), x509.PEMCipherAES256)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(eb)
}

// TestClientCertRefused: TLS 1.2 servers say "bad certificate" rather
// than "certificate required", and a certificate of another CA is
// refused: each is ErrClientCert naming the host.
func TestClientCertRefused(t *testing.T) {
	ca, stranger := testca.New(t, "Test Root"), testca.New(t, "Stranger")
	dir := t.TempDir()
	caFile := testca.Write(t, dir, "ca.pem", ca.PEM)
	foreign := stranger.Client(t, "eve", time.Now().Add(time.Hour))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Server(t).TLS}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: ca.Pool(), MaxVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "https://")
	s := newSession(t)
	for _, o := range []session.TLSOptions{
		{CA: []string{caFile}},
		{CA: []string{caFile}, Cert: testca.Write(t, dir, "f.pem", foreign.CertPEM), Key: testca.Write(t, dir, "fk.pem", foreign.KeyPEM)},
	} {
		_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{TLS: &o}})
		if !errors.Is(err, session.ErrClientCert) || !strings.Contains(err.Error(), host) {
			t.Errorf("cert %q: err = %v", o.Cert, err)
		}
	}
}
