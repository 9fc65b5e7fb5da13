package session_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/httpsh/httpsh/session"
)

// recorder is a loopback server that keeps the headers of every request
// it gets; /set answers with the Set-Cookie lines of ?c= and /hop
// redirects to /end.
type recorder struct {
	srv  *httptest.Server
	mu   sync.Mutex
	seen []http.Header
}

func newRecorder(t *testing.T) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Header.Clone())
		rec.mu.Unlock()
		switch r.URL.Path {
		case "/set":
			for _, c := range r.URL.Query()["c"] {
				w.Header().Add("Set-Cookie", c)
			}
		case "/hop":
			http.Redirect(w, r, "/end", http.StatusFound)
		}
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

// last is what the server got in the n-th request from the end (1 = last).
func (rec *recorder) last(n int) http.Header {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.seen[len(rec.seen)-n]
}

func hdr(pairs ...string) []session.Header {
	var out []session.Header
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, session.Header{Name: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// TestTypedHeadersWin: a header typed on the line wins over the session's
// headers and credentials (an empty one removes them, send-time ones
// too), a name typed more than once is sent every time, and the request's
// own cookie replaces the jar's of the same name. Issue 11, items 1, 2.
func TestTypedHeadersWin(t *testing.T) {
	rec := newRecorder(t)
	origin := rec.srv.URL
	cases := []struct {
		name    string
		setup   func(*session.Session)
		req     session.Request
		header  string
		want    []string
		noteHas string
	}{
		{"typed Authorization beats session basic", func(s *session.Session) {
			s.Auth = &session.Auth{Scheme: "basic", User: "u", Pass: "p", Origin: origin}
		}, session.Request{Headers: hdr("Authorization", "Bearer typed")}, "Authorization", []string{"Bearer typed"}, "typed on the line wins"},
		{"typed Authorization beats session bearer", func(s *session.Session) {
			s.Auth = &session.Auth{Scheme: "bearer", Token: "sess", Origin: origin}
		}, session.Request{Headers: hdr("Authorization", "Basic eA==")}, "Authorization", []string{"Basic eA=="}, "session auth (bearer)"},
		{"empty Authorization removes session basic", func(s *session.Session) {
			s.Auth = &session.Auth{Scheme: "basic", User: "u", Pass: "p", Origin: origin}
		}, session.Request{Headers: hdr("Authorization", "")}, "Authorization", nil, "removed by Authorization:"},
		{"empty Authorization removes session digest", func(s *session.Session) {
			s.Auth = &session.Auth{Scheme: "digest", User: "u", Pass: "p", Origin: origin}
		}, session.Request{Headers: hdr("Authorization", "")}, "Authorization", nil, "removed by Authorization:"},
		{"typed Authorization beats request --digest", nil,
			session.Request{Headers: hdr("Authorization", "Bearer t"), Auth: &session.Auth{Scheme: "digest", User: "u", Pass: "p", Origin: origin}},
			"Authorization", []string{"Bearer t"}, "(--digest) not sent"},
		{"a name typed three times is sent three times", nil,
			session.Request{Headers: hdr("X-A", "1", "X-A", "2", "x-a", "3")}, "X-A", []string{"1", "2", "3"}, ""},
		{"typed twice beats a session header", func(s *session.Session) {
			s.Headers = hdr("X-A", "sess")
		}, session.Request{Headers: hdr("X-A", "1", "X-A", "2")}, "X-A", []string{"1", "2"}, "X-A (session header) not sent"},
		{"--cookie replaces the jar's cookie of its name", func(s *session.Session) {
			s.Jar.SetCookieLines(mustURL(t, origin), []string{"a=jar", "b=jar"})
		}, session.Request{Cookies: hdr("a", "flag")}, "Cookie", []string{"b=jar; a=flag"}, "cookie a (cookie jar) not sent"},
		{"a typed Cookie replaces the jar's cookie of its name", func(s *session.Session) {
			s.Jar.SetCookieLines(mustURL(t, origin), []string{"a=jar"})
		}, session.Request{Headers: hdr("Cookie", "a=typed")}, "Cookie", []string{"a=typed"}, "the request's own a replaces it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSession(t)
			if c.setup != nil {
				c.setup(s)
			}
			r := c.req
			r.Method, r.URL = "GET", origin+"/anything"
			p, err := s.Prepare(&r)
			if err != nil {
				t.Fatal(err)
			}
			if c.noteHas != "" && !strings.Contains(strings.Join(p.Notes, "\n"), c.noteHas) {
				t.Errorf("notes %q lack %q", p.Notes, c.noteHas)
			}
			if _, err := send(t, s, &r); err != nil {
				t.Fatal(err)
			}
			if got := rec.last(1).Values(c.header); !slices.Equal(got, c.want) {
				t.Errorf("server got %s %q, want %q", c.header, got, c.want)
			}
		})
	}
}

// TestQuotedCookieSentAsReceived: a value the server quoted goes back
// with its quotes, on the first hop and on a redirect hop (RFC 6265
// section 4.1.1). Issue 11, item 7.
func TestQuotedCookieSentAsReceived(t *testing.T) {
	rec := newRecorder(t)
	s := newSession(t)
	if _, err := send(t, s, &session.Request{Method: "GET", URL: rec.srv.URL + `/set?c=qq="abc"&c=pl=x`}); err != nil {
		t.Fatal(err)
	}
	follow := true
	if _, err := send(t, s, &session.Request{Method: "GET", URL: rec.srv.URL + "/hop", Options: session.Options{Follow: &follow}}); err != nil {
		t.Fatal(err)
	}
	for n, hop := range map[int]string{2: "first hop", 1: "redirect hop"} {
		if got, want := rec.last(n).Get("Cookie"), `qq="abc"; pl=x`; got != want {
			t.Errorf("%s: Cookie %q, want %q", hop, got, want)
		}
	}
}
