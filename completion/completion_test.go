package completion

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

// fixture is a session against the playground with a few exchanges, some
// history, a directory of files and variables.
type fixture struct {
	c    *Completer
	base string
}

func newFixture(t testing.TB, history []string, lines ...string) *fixture {
	t.Helper()
	pg, err := playground.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Close() })
	s := session.New("test")
	t.Cleanup(s.Close)
	x := commands.NewExecutor(s, all.Registry(), io.Discard, io.Discard)
	if err := x.ExecuteLine(context.Background(), "base "+pg.URL); err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	dir := t.TempDir()
	for _, name := range []string{"data.json", "data.csv", "notes.txt", ".hidden", "sub/inner.json"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := New(Source{
		Registry: x.Registry(),
		Session:  s,
		History:  func() []string { return history },
		ReadDir:  func(d string) ([]os.DirEntry, error) { return os.ReadDir(filepath.Join(dir, d)) },
	})
	return &fixture{c: c, base: pg.URL}
}

func texts(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestComplete(t *testing.T) {
	f := newFixture(t,
		[]string{"get /status/418", "post /post name=x", "get https://example.com/a", "cookies"},
		"var user ada",
		"var userid 7",
		"headers X-Trace:1",
		"get /cookies/set?flavor=choc&size=big",
		"get /anything?lastname=skywalker --show status",
	)
	tests := []struct {
		line string // "|" marks the cursor; the end when absent
		want []string
		// prefix: want is only the start of the list
		prefix bool
	}{
		{line: "coo", want: []string{"cookies"}},
		{line: "e", want: []string{"echo", "edit", "env"}, prefix: true},
		{line: "qu", want: []string{"quit"}},
		{line: "nosuchcommand x", want: nil},
		{line: "cookies c", want: []string{"clear"}},
		{line: "cookies ", want: []string{"clear", "set", "unset", "save", "load", "flavor", "size"}},
		{line: "cookies unset f", want: []string{"flavor"}},
		{line: "cookies clear ", want: []string{"127.0.0.1"}},
		{line: "get /x --fo", want: []string{"--follow", "--force", "--form"}},
		{line: "get /x -", want: []string{"--auth", "--bearer"}, prefix: true},
		{line: "get /x --show ", want: []string{"status,headers,body", "body"}, prefix: true},
		{line: "get /x -H Con", want: []string{"Connection:", "Content-Encoding:", "Content-Length:", "Content-Type:"}},
		{line: "get /x content-t", want: []string{"content-type:"}},
		{line: "post /post Content-Type:application/j", want: []string{"Content-Type:application/json"}},
		{line: "post /post Accept:", want: []string{"Accept:application/json", "Accept:*/*", "Accept:text/html", "Accept:application/xml", "Accept:text/plain"}},
		{line: "post /post n:=", want: nil},
		{line: "get /", want: []string{"/anything?lastname=skywalker", "/cookies", "/cookies/set?flavor=choc&size=big", "/post", "/status/418", "/"}},
		{line: "get /st", want: []string{"/status/418"}},
		{line: "get https://ex", want: []string{"https://example.com/a"}},
		{line: "post /post file@da", want: []string{"file@data.csv", "file@data.json"}},
		{line: "post /post file@", want: []string{"file@sub/", "file@data.csv", "file@data.json", "file@notes.txt"}},
		{line: "post /post file@.", want: []string{"file@.hidden"}},
		{line: "post /post file@sub/", want: []string{"file@sub/inner.json"}},
		{line: "post /post --json @n", want: []string{"@notes.txt"}},
		{line: "save d", want: []string{"data.csv", "data.json"}},
		{line: "get /anything?u={{us", want: []string{"/anything?u={{user}}", "/anything?u={{userid}}"}},
		{line: "echo {{", want: []string{"{{user}}", "{{userid}}"}},
		{line: "unvar u", want: []string{"user", "userid"}},
		{line: "set ", want: session.SettingNames()},
		{line: "set co", want: []string{"color"}},
		{line: "set color ", want: []string{"auto", "always", "never"}},
		{line: "set pager o", want: []string{"on", "off"}},
		{line: "json .ar", want: []string{".args"}},
		{line: "json .args.", want: []string{".args.lastname"}},
		{line: "json .", want: []string{".args", ".data", ".files", ".form", ".headers", ".json", ".method", ".origin", ".url"}},
		{line: "json .headers.Ac", want: []string{".headers.Accept", `'.headers."Accept-Encoding"'`}},
		{line: "json '.headers.Ho", want: []string{`'.headers.Host`}},
		{line: "json .args.lastname", want: []string{".args.lastname"}},
		{line: "json .args.lastname.", want: []string{".args.lastname[0]", ".args.lastname[]"}},
		{line: "json .args.lastname[0].", want: nil},
		{line: "json '.headers.\"User-A", want: []string{`'.headers."User-Agent"`}},
		{line: "json .nosuch.", want: nil},
		{line: "expect ", want: []string{"status", "header", "json", "body", "cookie", "time", "spec"}},
		{line: "expect json .me", want: []string{".method"}},
		{line: "expect status ", want: []string{"200", "201"}, prefix: true},
		{line: "expect cookie s", want: []string{"size"}},
		{line: "expect header Content-T", want: []string{"Content-Type"}},
		{line: "headers unset ", want: []string{"X-Trace"}},
		{line: "request ", want: []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}},
		{line: "request POST /p", want: []string{"/post"}},
		{line: "help coo", want: []string{"cookies"}},
		{line: "get /x # comm", want: nil},
		{line: "post /post --json '{\"a\": ", want: nil},
		{line: "post /post --json @- <<END", want: nil},
		{line: "co|okies", want: []string{"cookies"}},
		{line: "explain content-ty", want: []string{"content-type"}},
		{line: "capture who ", want: []string{"json", "header", "cookie", "status"}},
		{line: "capture who json .ar", want: []string{".args"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			line, cursor := tt.line, len(tt.line)
			if i := strings.IndexByte(line, '|'); i >= 0 {
				line, cursor = line[:i]+line[i+1:], i
			}
			got := texts(f.c.Complete(line, cursor))
			if tt.prefix && len(got) > len(tt.want) {
				got = got[:len(tt.want)]
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Complete(%q, %d):\n got %q\nwant %q", line, cursor, got, tt.want)
			}
		})
	}
}

// TestStable checks that the same input gives the same list, and that
// every list is capped and free of duplicates.
func TestStable(t *testing.T) {
	f := newFixture(t, nil, "get /get")
	for _, line := range []string{"", "get ", "get /x -", "set ", "json .", "get /x A"} {
		a, b := f.c.Complete(line, len(line)), f.c.Complete(line, len(line))
		if strings.Join(texts(a), "\n") != strings.Join(texts(b), "\n") {
			t.Errorf("%q: two calls differ: %q then %q", line, texts(a), texts(b))
		}
		if len(a) > MaxSuggestions {
			t.Errorf("%q: %d suggestions, more than %d", line, len(a), MaxSuggestions)
		}
		seen := map[string]bool{}
		for _, s := range a {
			if seen[s.Text] {
				t.Errorf("%q: %q twice", line, s.Text)
			}
			seen[s.Text] = true
		}
	}
}

// TestHostileServerText checks that keys and cookie names with control
// characters are never offered, and descriptions are sanitised.
func TestHostileServerText(t *testing.T) {
	f := newFixture(t, nil,
		`post /anything --json '{"ok": 1, "bad\u001b[2Jkey": "x\u001b]0;pwned\u0007"}'`,
	)
	for _, s := range f.c.Complete("json .json.", len("json .json.")) {
		if strings.ContainsAny(s.Text+s.Description, "\x1b\x07") {
			t.Errorf("suggestion carries control characters: %q %q", s.Text, s.Description)
		}
	}
	got := texts(f.c.Complete("json .json.", len("json .json.")))
	if strings.Join(got, ",") != ".json.ok" {
		t.Errorf("got %q, want only .json.ok", got)
	}
}

func TestNoSession(t *testing.T) {
	c := New(Source{Registry: all.Registry()})
	for _, line := range []string{"", "get /", "json .", "cookies unset ", "echo {{", "expect header ", "headers unset ", "get /x -H A"} {
		_ = c.Complete(line, len(line)) // must not panic
		_ = c.Complete(line, -5)
		_ = c.Complete(line, 1<<20)
	}
}

func FuzzComplete(f *testing.F) {
	for _, s := range []string{"get /x -H Acc", "json '.a[0].\"b", "echo {{x", "set color ", "json .[", "json .a[\"x\"].", "post /p f@../"} {
		f.Add(s, len(s))
	}
	c := New(Source{Registry: all.Registry(), Session: session.New("fuzz"), ReadDir: func(string) ([]os.DirEntry, error) { return nil, nil }})
	f.Fuzz(func(t *testing.T, line string, cursor int) {
		for _, s := range c.Complete(line, cursor) {
			if s.Text == "" {
				t.Fatalf("empty suggestion for %q", line)
			}
		}
	})
}
