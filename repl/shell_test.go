package repl

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/session"
)

func testShell(t *testing.T, noHistory bool) (*shell, *bytes.Buffer, *bytes.Buffer, string) {
	t.Helper()
	home := t.TempDir()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"HOME": home, "XDG_STATE_HOME": filepath.Join(home, "state")}
	st := Streams{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	s := session.New("test")
	t.Cleanup(s.Close)
	x := commands.NewExecutor(s, all.Registry(), &stdout, &stderr)
	x.Getenv = st.Getenv
	sh := newShell(context.Background(), x, &options{noHistory: noHistory}, st)
	return sh, &stdout, &stderr, filepath.Join(home, "state", "httpsh", "history")
}

// TestPlainLoop runs the shell without a line editor: continuation lines,
// a heredoc, bad lines (one error each, the shell goes on), exit status.
func TestPlainLoop(t *testing.T) {
	sh, stdout, stderr, hist := testShell(t, false)
	in := strings.Join([]string{
		"base http://127.0.0.1:9",
		"echo one \\",
		"two",
		"echo input <<END",
		"heredoc text",
		"END",
		"nosuch",
		"echo 'unclosed",
		"auth bearer sekrit-token",
		"exit 3",
		"echo never",
	}, "\n") + "\n"
	status := runPlain(sh, strings.NewReader(in), stdout)
	if status != 3 {
		t.Errorf("status %d, want 3", status)
	}
	out := stdout.String()
	if !strings.Contains(out, "one two\n") || strings.Contains(out, "never") {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.Contains(out, "... ") || !strings.Contains(out, "httpsh > ") {
		t.Errorf("prompts missing from stdout:\n%s", out)
	}
	errs := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(errs) != 2 || !strings.HasPrefix(errs[0], `error: unknown command "nosuch"`) || !strings.HasPrefix(errs[1], "error: ") {
		t.Errorf("stderr: want two error lines, got:\n%s", stderr.String())
	}
	data, err := os.ReadFile(hist)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("sekrit-token")) {
		t.Errorf("history holds the token:\n%s", data)
	}
	lines := sh.historyLines()
	want := []string{"base http://127.0.0.1:9", "echo one \\\ntwo", "echo input <<END\nheredoc text\nEND", "nosuch", "echo 'unclosed"}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Fatalf("history %q, want it to start with %q", lines, want)
		}
	}
}

func TestNoHistory(t *testing.T) {
	sh, stdout, _, hist := testShell(t, true)
	runPlain(sh, strings.NewReader("echo hi\n"), stdout)
	if _, err := os.Stat(hist); !os.IsNotExist(err) {
		t.Errorf("--no-history wrote %s (err %v)", hist, err)
	}
}

func TestEarlyInterrupt(t *testing.T) {
	sh, stdout, stderr, _ := testShell(t, true)
	sh.interrupt() // Ctrl-C after Enter, before the command started
	runPlain(sh, strings.NewReader(""), stdout)
	sh.interrupt()
	sh.handle("sleep 10s")
	if !strings.Contains(stderr.String(), "^C cancelled") {
		t.Errorf("stderr %q: want ^C cancelled", stderr.String())
	}
	stderr.Reset()
	sh.forgetInterrupt()
	sh.handle("sleep 1ms")
	if stderr.Len() != 0 {
		t.Errorf("a forgotten Ctrl-C still cancelled: %q", stderr.String())
	}
}

func TestPrefix(t *testing.T) {
	sh, _, _, _ := testShell(t, true)
	if got := sh.prefix(); got != "httpsh > " {
		t.Errorf("prefix %q", got)
	}
	sh.handle("base http://127.0.0.1:9/api/v1")
	if got := sh.prefix(); got != "127.0.0.1:9/api/v1 > " {
		t.Errorf("prefix %q", got)
	}
	sh.handle("base http://a-very-long-host-name.example.com/some/deep/path")
	if got := sh.prefix(); len([]rune(got)) > 40 || !strings.HasSuffix(got, "… > ") {
		t.Errorf("prefix %q: want it cut short", got)
	}
	sh.handle("echo \\")
	if got := sh.prefix(); got != "... " {
		t.Errorf("continuation prefix %q", got)
	}
	sh.clearPending()
	if got := sh.prefix(); got == "... " {
		t.Error("clearPending left the continuation")
	}
}

func TestPage(t *testing.T) {
	dir := t.TempDir()
	paged := filepath.Join(dir, "paged")
	pager := "tee " + paged // writes what it pages to a file, and to out
	short, long := "a\nb\n", strings.Repeat("line\n", 30)

	var out bytes.Buffer
	page(&out, short, 24, pager)
	if out.String() != short {
		t.Errorf("short text: got %q", out.String())
	}
	if _, err := os.Stat(paged); !os.IsNotExist(err) {
		t.Error("short text went through the pager")
	}
	out.Reset()
	page(&out, long, 24, pager)
	if got, _ := os.ReadFile(paged); string(got) != long || out.String() != long {
		t.Errorf("long text: pager got %d bytes, out %d; want %d", len(got), out.Len(), len(long))
	}
	out.Reset()
	page(&out, long, 24, "/no/such/pager")
	if out.String() != long {
		t.Error("a pager that cannot start must fall back to printing")
	}
}

func TestLinesAndStreams(t *testing.T) {
	if n := lines(strings.Repeat("x", 200)+"\nshort\n", 80); n != 4 {
		t.Errorf("lines = %d, want 4", n)
	}
	for line, want := range map[string]bool{
		"get /drip --stream": true, "get /x -o f": true, "download /x": true,
		"get /get": false, "json .": false, "'": false,
	} {
		if got := streams(line); got != want {
			t.Errorf("streams(%q) = %v", line, got)
		}
	}
}
