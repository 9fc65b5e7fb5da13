package request_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/scripttest"
	"github.com/httpsh/httpsh/internal/testca"
	"github.com/klauspost/compress/zstd"
)

// line runs one line and returns its error, failing the test when its
// exit status is not want.
func line(t *testing.T, x *commands.Executor, text string, want int) error {
	t.Helper()
	err := x.ExecuteLine(context.Background(), text)
	if got := commands.ExitStatus(err); got != want {
		t.Fatalf("%s: status %d (%v), want %d", text, got, err, want)
	}
	return err
}

// whoServer answers "hello CN over PROTO" over TLS with ca's certificate;
// with mtls it requires a client certificate of ca.
func whoServer(t *testing.T, ca *testca.CA, mtls bool) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := "anonymous"
		if len(r.TLS.PeerCertificates) > 0 {
			who = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		_, _ = w.Write([]byte("hello " + who + " over " + r.Proto))
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{ca.Server(t).TLS}}
	if mtls {
		srv.TLS.ClientAuth, srv.TLS.ClientCAs = tls.RequireAndVerifyClientCert, ca.Pool()
	}
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// TestCACertFlag: an unknown CA is refused with the hint; --cacert trusts
// it for one request only; show tls prints the chain and the result;
// --http1.1 and --http2 pick the version the status line shows.
func TestCACertFlag(t *testing.T) {
	ca := testca.New(t, "Test Root")
	srv := whoServer(t, ca, false)
	caFile := testca.Write(t, t.TempDir(), "ca.pem", ca.PEM)
	x, out, _ := scripttest.Executor(t, srv.URL)
	err := line(t, x, "get /", 1)
	if !strings.Contains(err.Error(), "--cacert FILE") || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("unknown CA: %v", err)
	}
	line(t, x, "get / --cacert "+caFile+" --http1.1", 0)
	if !strings.Contains(out.String(), "HTTP/1.1 200 OK") || !strings.Contains(out.String(), "hello anonymous over HTTP/1.1") {
		t.Errorf("--http1.1:\n%s", out)
	}
	out.Reset()
	line(t, x, "get / --cacert "+caFile, 0)
	if !strings.Contains(out.String(), "HTTP/2.0 200 OK") {
		t.Errorf("h2 over TLS:\n%s", out)
	}
	out.Reset()
	line(t, x, "show tls", 0)
	for _, want := range []string{"protocol: TLS 1.3", "alpn: h2", "verified: yes", "certificate 0: CN=localhost", "issuer: CN=Test Root", "names: localhost, 127.0.0.1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("show tls lacks %q:\n%s", want, out)
		}
	}
	line(t, x, "get /", 1) // the CA was for that request only
	line(t, x, "get / --insecure", 0)
	out.Reset()
	line(t, x, "show tls", 0)
	if !strings.Contains(out.String(), "verified: no") || !strings.Contains(out.String(), "unknown authority") {
		t.Errorf("show tls after --insecure:\n%s", out)
	}
	line(t, x, "set ca "+caFile, 0)
	line(t, x, "get /", 0)
	line(t, x, "get / --http1.1 --http2", 2)
	line(t, x, "get / --cacert-only --key k.pem", 2)
}

// TestClientCertFlags: mTLS with --cert/--key; a missing, expired,
// mismatched or wrongly unlocked key is one error and the session goes on.
func TestClientCertFlags(t *testing.T) {
	ca := testca.New(t, "Test Root")
	srv := whoServer(t, ca, true)
	dir := t.TempDir()
	good := ca.Client(t, "ada", time.Now().Add(time.Hour))
	other := ca.Client(t, "bob", time.Now().Add(time.Hour))
	old := ca.Client(t, "old", time.Now().Add(-time.Hour))
	w := func(name string, b []byte) string { return testca.Write(t, dir, name, b) }
	cert, key := w("c.pem", good.CertPEM), w("k.pem", good.KeyPEM)
	x, out, _ := scripttest.Executor(t, srv.URL)
	line(t, x, "set ca "+w("ca.pem", ca.PEM), 0)
	if err := line(t, x, "get /", 1); !strings.Contains(err.Error(), "--cert") {
		t.Errorf("no client cert: %v", err)
	}
	line(t, x, "get / --cert "+cert+" --key "+key, 0)
	if !strings.Contains(out.String(), "hello ada") {
		t.Errorf("mTLS:\n%s", out)
	}
	for _, c := range []struct{ flags, want string }{
		{"--cert " + cert, "no private key"},
		{"--cert " + cert + " --key " + w("o.pem", other.KeyPEM), "do not make a pair"},
		{"--cert " + w("e.pem", old.CertPEM) + " --key " + w("ek.pem", old.KeyPEM), "expired on"},
	} {
		if err := line(t, x, "get / "+c.flags, 1); !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.flags, err, c.want)
		}
	}
	line(t, x, "set cert "+cert, 0)
	line(t, x, "set key "+key, 0)
	line(t, x, "get /", 0)
}

// TestH2C: --http2 to an http:// server speaks h2c with prior knowledge.
func TestH2C(t *testing.T) {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Proto))
	}))
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetHTTP1(true)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	t.Cleanup(srv.Close)
	x, out, _ := scripttest.Executor(t, srv.URL)
	line(t, x, "get / --http2 --show status,body,timing", 0)
	if !strings.Contains(out.String(), "HTTP/2.0 200 OK") || !strings.Contains(out.String(), "  protocol HTTP/2.0\n") {
		t.Errorf("h2c:\n%s", out)
	}
}

// TestCharsetDisplay: a Latin-1 body is shown and filtered decoded; save
// and --raw (not a terminal) keep the bytes as received.
func TestCharsetDisplay(t *testing.T) {
	body := []byte("{\"drink\": \"caf\xe9 cr\xe8me\"}")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ct := "application/json; charset=iso-8859-1"
		if r.URL.Path == "/text" {
			ct = "text/plain; charset=windows-1252"
		}
		w.Header().Set("Content-Type", ct)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	x, out, _ := scripttest.Executor(t, srv.URL)
	line(t, x, "get /text --show body", 0)
	if got := out.String(); got != "{\"drink\": \"café crème\"}\n" {
		t.Errorf("windows-1252 text shown as %q", got)
	}
	out.Reset()
	line(t, x, "get /json --show body", 0)
	line(t, x, "json -r .drink", 0)
	if !strings.Contains(out.String(), "\"drink\": \"café crème\"") || !strings.HasSuffix(out.String(), "café crème\n") {
		t.Errorf("latin-1 JSON:\n%s", out)
	}
	out.Reset()
	line(t, x, "show body --raw", 0)
	if !bytes.Equal(out.Bytes(), body) {
		t.Errorf("--raw printed %q", out.Bytes())
	}
}

// TestCompressedCharset: brotli and zstd bodies in Windows-1252 are
// decompressed, then decoded for display; save keeps the decompressed bytes.
func TestCompressedCharset(t *testing.T) {
	text := []byte("caf\xe9 \x80 cr\xe8me\n")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=windows-1252")
		var buf bytes.Buffer
		switch r.URL.Path {
		case "/br":
			bw := brotli.NewWriter(&buf)
			_, _ = bw.Write(text)
			_ = bw.Close()
		case "/zstd":
			zw, _ := zstd.NewWriter(&buf)
			_, _ = zw.Write(text)
			_ = zw.Close()
		}
		w.Header().Set("Content-Encoding", strings.TrimPrefix(r.URL.Path, "/"))
		_, _ = w.Write(buf.Bytes())
	}))
	t.Cleanup(srv.Close)
	x, out, _ := scripttest.Executor(t, srv.URL)
	dir := t.TempDir()
	for _, enc := range []string{"br", "zstd"} {
		out.Reset()
		line(t, x, "get /"+enc+" --show body", 0)
		if out.String() != "café € crème\n" {
			t.Errorf("%s shown as %q", enc, out)
		}
		line(t, x, "save "+dir+"/"+enc, 0)
		if b, _ := os.ReadFile(dir + "/" + enc); !bytes.Equal(b, text) {
			t.Errorf("%s saved %q", enc, b)
		}
	}
}
