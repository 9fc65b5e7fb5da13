package session_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
	"github.com/httpsh/httpsh/session/jar"
)

// newSession is a session with no proxy from the environment.
func newSession(t *testing.T) *session.Session {
	t.Helper()
	s := session.New("httpsh-test")
	s.Getenv = func(string) string { return "" }
	t.Cleanup(s.Close)
	return s
}

func send(t *testing.T, s *session.Session, r *session.Request) (*session.Exchange, error) {
	t.Helper()
	p, err := s.Prepare(r)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	return s.Send(context.Background(), p, session.SendOptions{})
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// secretCase puts one credential into a session or a request and names
// the header that must not reach another origin.
type secretCase struct {
	name   string
	header string
	setup  func(s *session.Session, r *session.Request, origin string)
}

// jarCase is the secretCase of a jar cookie: it follows RFC 6265, where
// cookies belong to a host, not a port (as in browsers and curl), so it
// is tested across host names, not ports.
const jarCase = "jar cookie for the first host only"

func secretCases() []secretCase {
	h := func(name, value string) func(*session.Session, *session.Request, string) {
		return func(_ *session.Session, r *session.Request, _ string) {
			r.Headers = append(r.Headers, session.Header{Name: name, Value: value})
		}
	}
	sh := func(name, value string) func(*session.Session, *session.Request, string) {
		return func(s *session.Session, _ *session.Request, _ string) { s.SetHeader(name, value) }
	}
	cs := []secretCase{
		{"session basic auth", "Authorization", func(s *session.Session, _ *session.Request, origin string) {
			s.Auth = &session.Auth{Scheme: "basic", User: "ada", Pass: "lovelace", Origin: origin}
		}},
		{"session bearer", "Authorization", func(s *session.Session, _ *session.Request, origin string) {
			s.Auth = &session.Auth{Scheme: "bearer", Token: "t0ken", Origin: origin}
		}},
		{"--bearer", "Authorization", func(_ *session.Session, r *session.Request, _ string) {
			r.Auth = &session.Auth{Scheme: "bearer", Token: "t0ken"}
		}},
		{"-H Authorization", "Authorization", h("Authorization", "Bearer hand-set")},
		{"-H Proxy-Authorization", "Proxy-Authorization", h("Proxy-Authorization", "Basic cHJveHk6cHc=")},
		{"-H Cookie", "Cookie", h("Cookie", "sid=hand-set")},
		{"--cookie", "Cookie", func(_ *session.Session, r *session.Request, _ string) {
			r.Cookies = append(r.Cookies, session.Header{Name: "sid", Value: "line"})
		}},
		{"session X-Api-Key", "X-Api-Key", sh("X-Api-Key", "k3y")},
		{"session X-Auth-Token", "X-Auth-Token", sh("X-Auth-Token", "t0k")},
		{"-H X-Client-Secret", "X-Client-Secret", h("X-Client-Secret", "s3cret")},
		{"header marked secret", "X-Tenant", func(s *session.Session, _ *session.Request, _ string) {
			s.SetHeader("X-Tenant", "acme")
			s.MarkSecret("x-tenant")
		}},
		{jarCase, "Cookie", func(s *session.Session, _ *session.Request, origin string) {
			u, _ := url.Parse(origin)
			_ = s.Jar.Set(jar.Cookie{Name: "sid", Value: "jar", Domain: u.Hostname(), Path: "/", HostOnly: true, SetBy: "user"})
		}},
	}
	return cs
}

// TestRedirectToAnotherPortDropsCredentials: two listeners on 127.0.0.1
// are two origins (the port differs, as in curl CVE-2022-27776); every
// credential stays behind, an ordinary header goes on.
func TestRedirectToAnotherPortDropsCredentials(t *testing.T) {
	for _, tc := range secretCases() {
		if tc.name == jarCase {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			other := hostile.Record(hostile.OK("landed"))
			b := hostile.Server(t, other)
			a := hostile.Server(t, hostile.Redirect(http.StatusFound, b.URL+"/landing"))
			s := newSession(t)
			r := &session.Request{Method: "GET", URL: a.URL + "/start", Headers: []session.Header{{Name: "X-Trace", Value: "keep"}}}
			tc.setup(s, r, session.Origin(mustURL(t, a.URL)))
			e, err := send(t, s, r)
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if len(e.Hops) != 2 {
				t.Fatalf("%d hops, want 2", len(e.Hops))
			}
			seen := other.Seen()
			if len(seen) != 1 {
				t.Fatalf("other origin saw %d requests", len(seen))
			}
			if v := seen[0].Header.Get(tc.header); v != "" {
				t.Errorf("%s leaked to %s: %q", tc.header, b.URL, v)
			}
			if seen[0].Header.Get("X-Trace") != "keep" {
				t.Errorf("ordinary header X-Trace not carried over: %v", seen[0].Header)
			}
			if v := seen[0].Header.Get("Referer"); v != "" {
				t.Errorf("Referer sent: %q", v)
			}
		})
	}
}

// TestRedirectSameOriginKeepsCredentials: the policy is about origins, not
// redirects: the same origin gets every credential on every hop.
func TestRedirectSameOriginKeepsCredentials(t *testing.T) {
	for _, tc := range secretCases() {
		t.Run(tc.name, func(t *testing.T) {
			rec := hostile.Record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/start" {
					http.Redirect(w, r, "/landing", http.StatusFound)
					return
				}
				_, _ = w.Write([]byte("ok"))
			}))
			a := hostile.Server(t, rec)
			s := newSession(t)
			r := &session.Request{Method: "GET", URL: a.URL + "/start"}
			tc.setup(s, r, session.Origin(mustURL(t, a.URL)))
			if _, err := send(t, s, r); err != nil {
				t.Fatalf("Send: %v", err)
			}
			seen := rec.Seen()
			if len(seen) != 2 {
				t.Fatalf("saw %d requests, want 2", len(seen))
			}
			for i, sn := range seen {
				if sn.Header.Get(tc.header) == "" {
					t.Errorf("hop %d: %s missing on the same origin", i+1, tc.header)
				}
			}
		})
	}
}

// TestRedirectHTTPSToHTTPSameHostPort: only the scheme changes (curl
// CVE-2022-27774, requests CVE-2018-18074): credentials stay on https.
func TestRedirectHTTPSToHTTPSameHostPort(t *testing.T) {
	var plain *hostile.Recorder
	var addr string
	plain = hostile.Record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.TLS != nil {
			http.Redirect(w, r, "http://"+addr+"/plain", http.StatusMovedPermanently)
			return
		}
		_, _ = w.Write([]byte("plain"))
	}))
	addr = hostile.Dual(t, plain)
	s := newSession(t)
	s.SetHeader("X-Api-Key", "k3y")
	s.Auth = &session.Auth{Scheme: "bearer", Token: "t0ken", Origin: "https://" + addr}
	e, err := send(t, s, &session.Request{Method: "GET", URL: "https://" + addr + "/secure", Options: session.Options{Insecure: true}})
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := e.URL().Scheme; got != "http" {
		t.Fatalf("final scheme %s, want http", got)
	}
	seen := plain.Seen()
	if len(seen) != 2 {
		t.Fatalf("saw %d requests, want 2", len(seen))
	}
	if seen[0].Header.Get("Authorization") == "" || seen[0].Header.Get("X-Api-Key") == "" {
		t.Errorf("https hop lacks its credentials: %v", seen[0].Header)
	}
	for _, name := range []string{"Authorization", "X-Api-Key"} {
		if v := seen[1].Header.Get(name); v != "" {
			t.Errorf("%s leaked over plain http: %q", name, v)
		}
	}
	if d := e.Hops[1].Request.Dropped; len(d) != 2 {
		t.Errorf("Dropped = %q, want Authorization and X-Api-Key", d)
	}
}

// TestRedirect307CrossOriginBodyWarns: a 307 keeps method and body, so a
// body may carry credentials to another origin: it is sent, with a warning
// (curl and requests resend it silently).
func TestRedirect307CrossOriginBodyWarns(t *testing.T) {
	other := hostile.Record(hostile.OK("got it"))
	b := hostile.Server(t, other)
	a := hostile.Server(t, hostile.Redirect(http.StatusTemporaryRedirect, b.URL+"/collect"))
	s := newSession(t)
	e, err := send(t, s, &session.Request{Method: "POST", URL: a.URL + "/login", Body: []byte(`{"password":"pw"}`), ContentType: "application/json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Warnings) != 1 || !strings.Contains(e.Warnings[0], "307 redirect re-sent the 17-byte body to another origin") {
		t.Errorf("Warnings = %q", e.Warnings)
	}
	if seen := other.Seen(); len(seen) != 1 || seen[0].Method != "POST" {
		t.Errorf("other origin saw %+v", seen)
	}
}

// TestRedirectLoopStopsWithChain: a loop stops at max-redirects with an
// error that lists the chain, and the hops are kept.
func TestRedirectLoopStopsWithChain(t *testing.T) {
	a := hostile.Server(t, hostile.Redirect(http.StatusFound, "/again"))
	s := newSession(t)
	s.Settings.MaxRedirects = 3
	e, err := send(t, s, &session.Request{Method: "GET", URL: a.URL + "/start"})
	if !errors.Is(err, session.ErrTooManyRedirects) {
		t.Fatalf("err = %v, want ErrTooManyRedirects", err)
	}
	if !strings.Contains(err.Error(), "stopped after 3") || strings.Count(err.Error(), "302 ") != 4 || !strings.Contains(err.Error(), "→") {
		t.Errorf("error does not list the chain: %v", err)
	}
	if e == nil || len(e.Hops) != 4 {
		t.Errorf("hops kept: %v", e)
	}
}

// TestRedirectWithoutLocationIsAResponse: a 3xx without Location is an
// ordinary answer, and so is a redirect when following is off.
func TestRedirectWithoutLocationIsAResponse(t *testing.T) {
	a := hostile.Server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusFound) }))
	s := newSession(t)
	e, err := send(t, s, &session.Request{Method: "GET", URL: a.URL})
	if err != nil || len(e.Hops) != 1 || e.Response().StatusCode != 302 {
		t.Fatalf("got %v, %v", e, err)
	}
}

// TestRedirectToOtherSchemesRefused: a server cannot send the client to
// file:, ftp: or javascript: URLs.
func TestRedirectToOtherSchemesRefused(t *testing.T) {
	for _, loc := range []string{"file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"} {
		a := hostile.Server(t, hostile.Redirect(http.StatusFound, loc))
		s := newSession(t)
		_, err := send(t, s, &session.Request{Method: "GET", URL: a.URL})
		if err == nil || !strings.Contains(err.Error(), "unsupported scheme") {
			t.Errorf("%s: err = %v", loc, err)
		}
	}
}
