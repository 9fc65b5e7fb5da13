package session_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// TestSelfSignedRefused: verification is on by default, and the error
// names the host, the reason and the way out.
func TestSelfSignedRefused(t *testing.T) {
	srv := hostile.TLSServer(t, hostile.OK("secret"))
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrTLS) {
		t.Fatalf("err = %v, want ErrTLS", err)
	}
	host := strings.TrimPrefix(srv.URL, "https://")
	for _, want := range []string{host, "unknown authority", "--insecure"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// TestInsecureDoesNotLeak: --insecure covers its own request only; the
// connection it opened is never reused by a later verified request, which
// fails verification again. `set verify off` likewise stops at `set
// verify on`.
func TestInsecureDoesNotLeak(t *testing.T) {
	srv := hostile.TLSServer(t, hostile.OK("hello"))
	s := newSession(t)
	steps := []struct {
		insecure bool
		verify   bool
		ok       bool
	}{
		{insecure: true, verify: true, ok: true},
		{insecure: false, verify: true, ok: false},
		{insecure: true, verify: true, ok: true},
		{insecure: false, verify: false, ok: true},
		{insecure: false, verify: true, ok: false},
	}
	for i, st := range steps {
		s.Settings.Verify = st.verify
		_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{Insecure: st.insecure}})
		if st.ok && err != nil {
			t.Fatalf("step %d: %v", i+1, err)
		}
		if !st.ok && !errors.Is(err, session.ErrTLS) {
			t.Fatalf("step %d: err = %v, want a TLS verification failure", i+1, err)
		}
	}
}

// TestPlainHTTPToTLSPort: http:// to a TLS port, and https:// to a plain
// port, say what is wrong.
func TestPlainHTTPToTLSPort(t *testing.T) {
	plain := hostile.Server(t, hostile.OK("plain"))
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: strings.Replace(plain.URL, "http://", "https://", 1)})
	if !errors.Is(err, session.ErrTLS) || !strings.Contains(err.Error(), "try http://") {
		t.Fatalf("err = %v", err)
	}
}
