package main

import (
	"bytes"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/repl"
)

// runHTTPSH runs the program in-process with the given stdin and args.
func runHTTPSH(t *testing.T, stdin string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	st := repl.Streams{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	status = repl.Main(args, st)
	return status, out.String(), errb.String()
}

func startPlayground(t *testing.T) string {
	t.Helper()
	pg, err := playground.Start(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Close() })
	return pg.URL
}

var (
	portRE  = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	dateRE2 = regexp.MustCompile(`Date: .* GMT`)
)

func scrubOutput(s string) string {
	s = portRE.ReplaceAllString(s, "127.0.0.1:PORT")
	return dateRE2.ReplaceAllString(s, "Date: DATE")
}

// TestTutorial runs examples/tutorial.hsh, the README's walk-through of
// the requests tutorial, and compares its output with
// testdata/tutorial.golden (go test -run TestTutorial -update rewrites it).
func TestTutorial(t *testing.T) {
	base := startPlayground(t)
	wd, _ := os.Getwd()
	t.Chdir(t.TempDir())
	if err := os.MkdirAll("examples", 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := os.ReadFile(filepath.Join(wd, "examples", "pixel.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("examples/pixel.png", png, 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, errs := runHTTPSH(t, "", "--base", base, filepath.Join(wd, "examples", "tutorial.hsh"))
	if status != 1 {
		t.Errorf("exit status %d, want 1 (the check of step 16 fails)", status)
	}
	wantErr := "tutorial.hsh:64: error: 405 Client Error: Method Not Allowed for url: http://127.0.0.1:PORT/get\n"
	if got := scrubOutput(errs); !strings.HasSuffix(got, wantErr) || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr:\n%s\nwant one line ending in:\n%s", got, wantErr)
	}
	if st, err := os.Stat("large.bin"); err != nil || st.Size() != 1<<20 {
		t.Errorf("step 5 should stream 1 MiB to large.bin: %v", err)
	}
	golden(t, filepath.Join(wd, "testdata", "tutorial.golden"), scrubOutput(out))
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", path, diffLines(string(want), got))
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n- " + a + "\n+ " + b
		}
	}
	return ""
}

// TestBadInput: every malformed line gives one error line, the usage
// status, and sends nothing (the playground would have recorded it in
// history; we check `history` is empty afterwards).
func TestBadInput(t *testing.T) {
	base := startPlayground(t)
	dir := t.TempDir()
	tests := []struct {
		line   string
		status int
		msg    string
	}{
		{`get /get 'unbalanced`, 2, "unbalanced ' at column 10: close the quote"},
		{`get /get "unbalanced`, 2, `unbalanced " at column 10`},
		{`gett /get`, 2, `unknown command "gett": did you mean "get"?`},
		{`cokies`, 2, `did you mean "cookies"?`},
		{`frobnicate`, 2, `unknown command "frobnicate": ` + "`help` lists commands"},
		{`get /get --bogus`, 2, "get: unknown flag: --bogus (`help get` lists its flags)"},
		{`get`, 2, "get needs a URL: get URL [ITEM...]"},
		{`get ftp://example.com/x`, 2, `unsupported scheme "ftp"`},
		{`get http://[::1/x`, 2, `bad URL "http://[::1/x"`},
		{`get http://host:99999/`, 2, `bad port "99999"`},
		{`post /post --json '{"a": }'`, 2, "--json: invalid JSON: invalid character '}' looking for beginning of value at byte 7"},
		{`post /post --json @` + dir + `/missing.json`, 2, "missing.json: no such file"},
		{`post /post n:=nope`, 2, `invalid JSON in "n:=nope"`},
		{`post /post file@` + dir + `/nothere.png`, 2, "nothere.png for field file: no such file"},
		{`get /get =value`, 2, `bad item "=value": the name before "=" is empty`},
		{`get /get justaword`, 2, `bad item "justaword"`},
		{`get /get 'Bad Header:x'`, 2, `bad header name "Bad Header"`},
		{"get /get 'X-Bad:a\x01b'", 2, `bad header value in "X-Bad:a\x01b"`},
		{`post /post --json '{}' a=b`, 2, "give the body one way"},
		{`get /get --timeout soon`, 2, "--timeout: expected a duration"},
		{`get /get {{nope}}`, 2, "undefined variable {{nope}}: define it with `var nope VALUE`"},
		{`get /get --show everything`, 2, `--show: unknown part "everything"`},
		{`get /get --show ''`, 2, "get: --show needs a value"},
		{`get /get -o ''`, 2, "get: --output needs a value"},
		{`set follow maybe`, 2, `set follow: expected on or off, not "maybe"`},
		{`set nosuch 1`, 2, `unknown setting "nosuch"`},
		{`show`, 2, "no response yet: send a request first"},
		{`show 7`, 2, "no exchange 7"},
		{`json .a`, 2, "no response yet"},
		{`send`, 2, "nothing prepared: use `prepare METHOD URL` first"},
		{`expect status 200`, 2, "no response yet"},
		{`save ` + dir + `/nodir/x.bin`, 2, "no response yet"},
		{`request`, 2, "usage: request METHOD URL"},
		{`request 'BAD METHOD' /get`, 2, `bad method "BAD METHOD"`},
		{`get /get --auth ada`, 2, "no password for ada and no terminal to ask on: give user:password"},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			status, _, errs := runHTTPSH(t, "", "--base", base, "-c", tc.line, "--keep-going", "-c", "history")
			if status != tc.status {
				t.Errorf("status %d, want %d", status, tc.status)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "-c 1: error: ") {
				t.Fatalf("want exactly one error line, got:\n%s", errs)
			}
			if !strings.Contains(lines[0], tc.msg) {
				t.Errorf("error %q does not contain %q", lines[0], tc.msg)
			}
		})
	}
}

// TestNothingSentOnBadInput checks that a malformed request line does not
// reach the server.
func TestNothingSentOnBadInput(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	for _, line := range []string{`post / --json '{bad'`, `post / a:=b`, `get / --bogus`, `get / {{x}}`, `post / f@/no/such/file`} {
		status, _, _ := runHTTPSH(t, "", "--base", srv.URL, "-c", line)
		if status != 2 {
			t.Errorf("%s: status %d, want 2", line, status)
		}
	}
	if hits != 0 {
		t.Errorf("the server got %d requests from malformed lines", hits)
	}
}

// TestNetworkErrors: refused, unknown host, timeout and TLS failures give
// one clear error line and exit status 1; the session goes on.
func TestNetworkErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("secret")) }))
	defer tlsSrv.Close()
	tests := []struct{ line, msg string }{
		{"get " + closed + "/x", "connection refused by 127.0.0.1:"},
		{"get http://no-such-host.invalid/", `cannot resolve host "no-such-host.invalid"`},
		{"get " + slow.URL + " --timeout 200ms", "timed out after 200ms for the whole request of " + slow.URL + "/: raise it with --timeout 60s"},
		{"get " + tlsSrv.URL, "TLS certificate of 127.0.0.1:"},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			status, out, errs := runHTTPSH(t, "", "-c", tc.line, "--keep-going", "-c", "echo still here")
			if status != 1 {
				t.Errorf("status %d, want 1", status)
			}
			lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], "error: ") || !strings.Contains(lines[0], tc.msg) {
				t.Errorf("want one error line containing %q, got:\n%s", tc.msg, errs)
			}
			if !strings.Contains(out, "still here") {
				t.Errorf("the session did not go on after the failure: %q", out)
			}
		})
	}
	status, out, _ := runHTTPSH(t, "", "-c", "get "+tlsSrv.URL+" --insecure --show body")
	if status != 0 || out != "secret\n" {
		t.Errorf("--insecure: status %d, out %q", status, out)
	}
}
