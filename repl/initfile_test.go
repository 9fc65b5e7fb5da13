package repl

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/session"
)

// TestInitFile: the interactive path sources $XDG_CONFIG_HOME/httpsh/init.hsh
// before the first prompt, --no-init skips it, and a failing line is
// reported as FILE:LINE without stopping the shell.
func TestInitFile(t *testing.T) {
	cfg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cfg, "httpsh"), 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(cfg, "httpsh", "init.hsh")
	if err := os.WriteFile(path, []byte("var who ada\nexpect status 200\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, noInit := range []bool{false, true} {
		var out, errb bytes.Buffer
		st := Streams{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(k string) string { return map[string]string{"XDG_CONFIG_HOME": cfg}[k] }}
		s := session.New("t")
		x := newExecutor(s, st, false)
		runInit(context.Background(), x, &options{noInit: noInit}, st)
		got := s.Vars["who"]
		switch {
		case noInit && got != "":
			t.Errorf("--no-init ran init.hsh")
		case !noInit && got != "ada":
			t.Errorf("init.hsh not run: vars %v\n%s", s.Vars, errb.String())
		case !noInit && !strings.Contains(errb.String(), path+":2:"):
			t.Errorf("the failing line is not reported as FILE:LINE: %q", errb.String())
		}
	}
}
