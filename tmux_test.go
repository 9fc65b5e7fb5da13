package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmux drives a terminal the way a user does: a private tmux server (-L)
// runs a shell in a window; keys are sent with send-keys (text and Enter
// separately, as go-prompt reads one key per read) and the screen is read
// with capture-pane, polled until a deadline.
type tmux struct {
	t      *testing.T
	socket string
	env    []string
}

func newTmux(t *testing.T, home string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed: skipping the end-to-end terminal test (.ci/run installs it)")
	}
	tm := &tmux{t: t, socket: fmt.Sprintf("httpsh-test-%d", os.Getpid()),
		env: append(os.Environ(), "HOME="+home, "XDG_STATE_HOME="+filepath.Join(home, "state"), "NO_COLOR=1", "PAGER=cat")}
	script := filepath.Join(home, "start.sh")
	bin := binary(t)
	// A plain POSIX shell without rc files, in the test's home.
	body := fmt.Sprintf("cd %q && export HOME=%q XDG_STATE_HOME=%q NO_COLOR=1 PAGER=cat PS1='sh$ ' HTTPSH=%q && exec sh\n",
		home, home, filepath.Join(home, "state"), bin)
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	tm.run("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "120", "-y", "50", "sh "+script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	tm.waitFor("sh$")
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...)
	cmd.Env = tm.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Tab, C-c, Up) or literal text (-l).
func (tm *tmux) keys(names ...string) {
	tm.run(append([]string{"send-keys", "-t", "main"}, names...)...)
}
func (tm *tmux) text(s string)  { tm.run("send-keys", "-t", "main", "-l", s) }
func (tm *tmux) line(s string)  { tm.text(s); tm.keys("Enter") }
func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", "main") }

// waitFor polls the screen until it contains want; it fails after 10s.
func (tm *tmux) waitFor(want string) string {
	tm.t.Helper()
	end := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(end) {
			tm.t.Fatalf("the screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// TestTmux is the "done when", as a new user would try it.
func TestTmux(t *testing.T) {
	home := t.TempDir()
	tm := newTmux(t, home)

	tm.line(`clear; "$HTTPSH" --playground`)
	tm.waitFor("playground: httpbin on")
	tm.waitFor(" >")

	tm.text("coo")
	tm.keys("Tab")
	tm.waitFor("list and change the session's cookie jar")
	tm.keys("C-u")

	tm.line("get /get?x=1")
	tm.waitFor("[200] >")
	tm.text("json .ar")
	tm.keys("Tab")
	tm.waitFor("json .args")
	tm.keys("Enter")
	tm.waitFor(`"x": [`)

	tm.line("clear") // not a command of httpsh: one error line, and on
	tm.waitFor(`error: unknown command "clear"`)
	tm.line("get /delay/10")
	tm.waitFor("get /delay/10")
	waitCooked(t, tm)
	tm.keys("C-c")
	tm.waitFor("^C cancelled")
	tm.line("echo 'shell' goes on")
	tm.waitFor("shell goes on")
	tm.line("exit")
	tm.waitFor("sh$")

	tm.line(`clear; "$HTTPSH" --playground`)
	tm.waitFor("playground: httpbin on")
	tm.keys("Up")
	tm.waitFor("> exit")
	tm.keys("Up")
	tm.waitFor("> echo 'shell' goes on")
	tm.keys("C-u")
	tm.line("exit")
	tm.waitFor("sh$")
	tm.line("clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo -e -icanon -e -echo | tr '\\n' ' '; echo")
	tm.waitFor("icanon echo")
}

// waitCooked waits until the shell's terminal is in canonical mode, that
// is, until the command runs and Ctrl-C will be a signal.
func waitCooked(t *testing.T, tm *tmux) {
	t.Helper()
	tty := strings.TrimSpace(tm.run("display-message", "-p", "-t", "main", "#{pane_tty}"))
	end := time.Now().Add(10 * time.Second)
	for time.Now().Before(end) {
		out, _ := exec.Command("stty", "-a", "-F", tty).Output()
		if strings.Contains(" "+strings.ReplaceAll(string(out), "\n", " ")+" ", " icanon ") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the shell's terminal never went back to canonical mode while the command ran")
}
