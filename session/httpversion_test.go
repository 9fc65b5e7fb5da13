package session_test

import (
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/testca"
	"github.com/httpsh/httpsh/session"
)

// h2cServer serves HTTP/1.1 and h2c with prior knowledge on loopback.
func h2cServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetUnencryptedHTTP2(true)
	srv := &http.Server{Protocols: &p, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Proto))
	})}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String()
}

// TestHTTPVersion: set http and Options.HTTP choose the protocol; the
// response's Proto and the wire request's are the one actually used.
func TestHTTPVersion(t *testing.T) {
	ca := testca.New(t, "Test Root")
	tlsURL := tlsServer(t, ca, nil, true).URL
	plain := h2cServer(t)
	s := newSession(t)
	s.Settings.Wire.TLS.CA = []string{testca.Write(t, t.TempDir(), "ca.pem", ca.PEM)}
	cases := []struct {
		url, setting, option, want string
	}{
		{plain, "auto", "", "HTTP/1.1"},
		{plain, "2", "", "HTTP/2.0"},
		{plain, "auto", "2", "HTTP/2.0"},
		{plain, "2", "1.1", "HTTP/1.1"},
		{tlsURL, "auto", "", "HTTP/2.0"},
		{tlsURL, "1.1", "", "HTTP/1.1"},
		{tlsURL, "auto", "1.1", "HTTP/1.1"},
		{tlsURL, "2", "", "HTTP/2.0"},
	}
	for _, c := range cases {
		if err := s.Settings.Set("http", c.setting); err != nil {
			t.Fatal(err)
		}
		e, err := send(t, s, &session.Request{Method: "GET", URL: c.url, Options: session.Options{HTTP: c.option}})
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		r := e.Response()
		if r.Proto != c.want || !strings.HasSuffix(string(r.Body), c.want) || e.Final().Request.Proto != c.want && c.want != "HTTP/1.1" {
			t.Errorf("%s http %s option %q: proto %s, body %q", c.url[:5], c.setting, c.option, r.Proto, r.Body)
		}
	}
	if err := s.Settings.Set("http", "3"); err == nil {
		t.Fatal("http 3 accepted")
	}
}

// TestHTTP2Refused: --http2 against a TLS server without h2 is an error
// rather than a silent HTTP/1.1.
func TestHTTP2Refused(t *testing.T) {
	ca := testca.New(t, "Test Root")
	srv := tlsServer(t, ca, nil, false)
	s := newSession(t)
	s.Settings.Wire.TLS.CA = []string{testca.Write(t, t.TempDir(), "ca.pem", ca.PEM)}
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{HTTP: "2"}})
	if err == nil || !strings.Contains(err.Error(), "does not offer HTTP/2") {
		t.Fatalf("err = %v, want a refusal naming HTTP/2", err)
	}
}
