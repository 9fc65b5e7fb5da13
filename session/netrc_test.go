package session_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

func TestParseNetrc(t *testing.T) {
	text := "# comment\nmachine api.example.com login ada password \"p a\\\"ss\"\n" +
		"macdef init\ncd /pub\nmachine evil login x\n\n" +
		"machine other.test\n  login bob\n  password hunter2 account acct\n" +
		"default login anon password guest\n"
	entries, err := session.ParseNetrc(text)
	if err != nil {
		t.Fatal(err)
	}
	for host, want := range map[string]string{"api.example.com": "ada/p a\"ss", "OTHER.test": "bob/hunter2", "evil": "anon/guest", "x.test": "anon/guest"} {
		e, ok := session.LookupNetrc(entries, host)
		if !ok || e.Login+"/"+e.Password != want {
			t.Errorf("%s: %+v, want %s", host, e, want)
		}
	}
	if _, err := session.ParseNetrc("machine a lgin b"); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad keyword: %v", err)
	}
}

func FuzzParseNetrc(f *testing.F) {
	f.Add("machine a login b password \"c\\\\d\"\ndefault login x")
	f.Add("macdef m\nx\n\nmachine q")
	f.Fuzz(func(t *testing.T, s string) {
		entries, err := session.ParseNetrc(s)
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.Machine != "" {
				if got, ok := session.LookupNetrc(entries, e.Machine); !ok || !strings.EqualFold(got.Machine, e.Machine) {
					t.Fatalf("lookup %q lost", e.Machine)
				}
			}
		}
	})
}

// netrcSession is a session whose $NETRC is a file with text and mode.
func netrcSession(t *testing.T, text string, mode os.FileMode) (*session.Session, string) {
	path := filepath.Join(t.TempDir(), "netrc")
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(path, mode)
	s := newSession(t)
	s.Getenv = func(k string) string {
		if k == "NETRC" {
			return path
		}
		return ""
	}
	return s, path
}

// TestNetrc: credentials for the host only, marked .netrc, not when
// anything else gives credentials, not across a redirect to another
// origin, off with `set netrc off`, and a warning for a readable file.
func TestNetrc(t *testing.T) {
	rec := hostile.Record(hostile.OK("ok"))
	other := hostile.Server(t, rec)
	srv := hostile.Server(t, hostile.Redirect(302, other.URL+"/x"))
	s, path := netrcSession(t, "machine 127.0.0.1 login ada password s3cret\n", 0o600)
	p, _ := s.Prepare(&session.Request{Method: "GET", URL: srv.URL})
	var origin string
	for _, l := range p.Lines {
		if l.Name == "Authorization" {
			origin = l.Origin
		}
	}
	if origin != ".netrc" || len(p.Notes) != 0 {
		t.Fatalf("origin %q notes %v", origin, p.Notes)
	}
	// 127.0.0.1 on another port is another origin: dropped on redirect.
	e, err := s.Send(t.Context(), p, session.SendOptions{})
	if err != nil || rec.Seen()[0].Header.Get("Authorization") != "" || len(e.Hops[1].Request.Dropped) == 0 {
		t.Fatalf("netrc credentials followed a redirect to another origin: %v", err)
	}
	p, _ = s.Prepare(&session.Request{Method: "GET", URL: srv.URL, Headers: []session.Header{{Name: "Authorization", Value: "Bearer x"}}})
	if v, _ := p.Header("Authorization"); v != "Bearer x" {
		t.Fatalf("netrc replaced an explicit header: %q", v)
	}
	_ = s.Settings.Set("netrc", "off")
	if p, _ = s.Prepare(&session.Request{Method: "GET", URL: srv.URL}); hasHeader(p, "Authorization") {
		t.Fatal("set netrc off ignored")
	}
	_ = s.Settings.Set("netrc", "on")
	if p, _ = s.Prepare(&session.Request{Method: "GET", URL: "http://example.test/"}); hasHeader(p, "Authorization") {
		t.Fatal("netrc credentials sent to another host")
	}
	_ = os.Chmod(path, 0o644)
	p, _ = s.Prepare(&session.Request{Method: "GET", URL: srv.URL})
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "chmod 600") {
		t.Fatalf("no warning for a readable .netrc: %v", p.Notes)
	}
}

func hasHeader(p *session.Prepared, name string) bool {
	_, ok := p.Header(name)
	return ok
}
