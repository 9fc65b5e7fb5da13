package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// These tests run the built binary on a real pseudo-terminal: they type
// keys, read what the terminal shows, and check the terminal modes the
// shell leaves behind. Waits poll for output with a deadline; nothing
// sleeps for a fixed time.

var buildOnce struct {
	sync.Once
	path string
	err  error
}

// binary builds httpsh once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "httpsh-bin")
		if err != nil {
			buildOnce.err = err
			return
		}
		buildOnce.path = filepath.Join(dir, "httpsh")
		out, err := exec.Command("go", "build", "-o", buildOnce.path, ".").CombinedOutput()
		if err != nil {
			buildOnce.err = err
			buildOnce.path = string(out)
		}
	})
	if buildOnce.err != nil {
		t.Fatalf("go build: %v\n%s", buildOnce.err, buildOnce.path)
	}
	return buildOnce.path
}

// ptyShell is httpsh running on a pseudo-terminal.
type ptyShell struct {
	t     *testing.T
	ptm   *os.File // our side
	pts   *os.File // the shell's terminal
	cmd   *exec.Cmd
	mu    sync.Mutex
	out   bytes.Buffer
	seen  int // output before this offset was matched already
	done  chan struct{}
	state *unix.Termios // the terminal's modes before the shell started
}

// startPTY starts `httpsh args...` on a new pseudo-terminal of the given
// size (0x0 allowed) with HOME in home.
func startPTY(t *testing.T, home string, rows, cols uint16, args ...string) *ptyShell {
	t.Helper()
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	if err := pty.Setsize(ptm, &pty.Winsize{Rows: rows, Cols: cols}); err != nil {
		t.Fatal(err)
	}
	state, err := unix.IoctlGetTermios(int(pts.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = home
	cmd.Env = []string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state"), "NO_COLOR=1", "PATH=" + os.Getenv("PATH"), "TERM=xterm", "PAGER=cat"}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pts, pts, pts
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &ptyShell{t: t, ptm: ptm, pts: pts, cmd: cmd, done: make(chan struct{}), state: state}
	go p.read()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		pts.Close() // the last terminal side: reads of ptm now fail
		<-p.done
		ptm.Close()
	})
	return p
}

func (p *ptyShell) read() {
	defer close(p.done)
	buf := make([]byte, 4096)
	for {
		n, err := p.ptm.Read(buf)
		p.mu.Lock()
		p.out.Write(buf[:n])
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// waitFor waits until the output after the last match contains want, and
// fails after the deadline.
func (p *ptyShell) waitFor(want string, deadline time.Duration) {
	p.t.Helper()
	end := time.Now().Add(deadline)
	for {
		p.mu.Lock()
		out := p.out.String()
		p.mu.Unlock()
		if i := strings.Index(out[p.seen:], want); i >= 0 {
			p.seen += i + len(want)
			return
		}
		if time.Now().After(end) {
			p.t.Fatalf("waited %v for %q; the terminal shows:\n%s", deadline, want, out[p.seen:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitMode waits until the terminal's ICANON flag is on (a command runs)
// or off (a line is edited).
func (p *ptyShell) waitMode(canonical bool) {
	p.t.Helper()
	end := time.Now().Add(5 * time.Second)
	for {
		st, err := unix.IoctlGetTermios(int(p.pts.Fd()), unix.TCGETS)
		if err == nil && (st.Lflag&unix.ICANON != 0) == canonical {
			return
		}
		if time.Now().After(end) {
			p.t.Fatalf("the terminal never became canonical=%v", canonical)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// line types text, then Enter as a separate key.
func (p *ptyShell) line(text string) {
	p.t.Helper()
	p.keys(text)
	p.keys("\r")
}

func (p *ptyShell) keys(s string) {
	p.t.Helper()
	if _, err := p.ptm.Write([]byte(s)); err != nil {
		p.t.Fatal(err)
	}
}

// exit waits for the shell to end and checks its status and that the
// terminal modes are the ones it started with.
func (p *ptyShell) exit(wantStatus int) {
	p.t.Helper()
	errc := make(chan error, 1)
	go func() { errc <- p.cmd.Wait() }()
	defer func() { p.cmd = exec.Command("true"); _ = p.cmd.Run() }() // Wait once only
	select {
	case err := <-errc:
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else if err != nil {
			p.t.Fatal(err)
		}
		if status != wantStatus {
			p.t.Errorf("exit status %d, want %d", status, wantStatus)
		}
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-errc // one Wait at a time: the cleanup waits too
		p.t.Fatal("the shell did not exit")
	}
	after, err := unix.IoctlGetTermios(int(p.pts.Fd()), unix.TCGETS)
	if err != nil {
		p.t.Fatal(err)
	}
	b, a := *p.state, *after
	if b.Iflag != a.Iflag || b.Oflag != a.Oflag || b.Lflag != a.Lflag || b.Cflag != a.Cflag || b.Cc != a.Cc {
		p.t.Errorf("terminal modes changed:\nbefore %+v\nafter  %+v", b, a)
	}
}

func TestTerminalSession(t *testing.T) {
	home := t.TempDir()
	p := startPTY(t, home, 50, 120, "--playground")
	p.waitFor(" > ", 10*time.Second)

	p.line("get /get")
	p.waitFor(`"url": "http://127.0.0.1:`, 10*time.Second)
	p.waitFor("[200] > ", 5*time.Second)

	// Tab completes a command name; space accepts it.
	p.keys("coo")
	p.keys("\t")
	p.waitFor("cookies", 5*time.Second)
	p.keys(" ")
	p.keys("\r")
	p.waitFor("no cookies", 5*time.Second)

	// JSON paths of the last response: json .ar<Tab> runs json .args.
	p.line("get /get?lastname=skywalker")
	p.waitFor("[200] > ", 5*time.Second)
	p.keys("json .ar")
	p.keys("\t")
	p.keys("\r")
	p.waitFor(`"skywalker"`, 5*time.Second)

	// Bad lines: one error line each, and the shell goes on.
	for _, tt := range []struct{ line, want string }{
		{"nosuch", `error: unknown command "nosuch"`},
		{"get /get --nope", "error: get: unknown flag: --nope"},
		{`post /post --json '{bad'`, "error: "},
		{"echo 'open", "error: "},
		{"get http://[::1", "error: "},
		{"set timeout soon", "error: "},
	} {
		p.line(tt.line)
		p.waitFor(tt.want, 5*time.Second)
		p.waitFor(" > ", 5*time.Second)
	}

	// A heredoc continues on "... " lines.
	p.line("post /post --json @- <<END")
	p.waitFor("... ", 5*time.Second)
	p.line(`{"side": "light"}`)
	p.line("END")
	p.waitFor(`"json": {`, 5*time.Second)
	p.waitFor(`"side": "light"`, 5*time.Second)
	p.waitFor("[200] > ", 5*time.Second)

	// Ctrl-C cancels the request in flight, and the shell goes on.
	p.line("get /delay/10")
	p.waitMode(true)
	p.keys("\x03")
	p.waitFor("^C cancelled", 2*time.Second)
	p.waitMode(false)
	p.line("echo 'still' here") // shows "still here" only when it runs
	p.waitFor("still here", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)

	// Ctrl-C on a partly typed line clears it.
	p.waitMode(false)
	p.keys("get /nothing-to-see")
	p.keys("\x03")
	p.line("echo clea''red")
	p.waitFor("cleared", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)

	// A download cut by Ctrl-C leaves only its .part file.
	p.line("get /drip?duration=10&numbytes=20&delay=0 -o drip.bin")
	waitFile(t, filepath.Join(home, "drip.bin.part")) // the body is arriving
	p.keys("\x03")
	p.waitFor("^C cancelled", 2*time.Second)
	if _, err := os.Stat(filepath.Join(home, "drip.bin")); !os.IsNotExist(err) {
		t.Errorf("drip.bin exists after the cancelled download (err %v)", err)
	}
	if _, err := os.Stat(filepath.Join(home, "drip.bin.part")); err != nil {
		t.Errorf("no drip.bin.part: %v", err)
	}

	p.line("auth basic ada:s3cret-pass")
	p.line("exit")
	p.exit(0)

	hist := filepath.Join(home, "state", "httpsh", "history")
	fi, err := os.Stat(hist)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("history mode %v, want 0600", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(hist)
	if bytes.Contains(data, []byte("s3cret-pass")) || !bytes.Contains(data, []byte("echo 'still' here")) {
		t.Errorf("history file:\n%s", data)
	}

	// A new shell recalls the last session's lines with Up.
	p = startPTY(t, home, 50, 120)
	p.waitFor(" > ", 10*time.Second)
	p.keys("\x1b[A") // Up: exit
	p.keys("\x1b[A") // Up: the auth line
	p.keys("\x1b[A") // Up: the download
	p.keys("\x1b[A") // Up: echo clea''red
	p.keys("\r")
	p.waitFor("cleared", 5*time.Second)
	// Ctrl-D typed while the command still runs (cooked mode) would be the
	// terminal's own end-of-file, not a byte for the shell: wait for the
	// prompt's raw mode first, as a person would see the prompt.
	p.waitFor(" > ", 5*time.Second)
	p.waitMode(false)
	p.keys("\x04") // Ctrl-D
	p.exit(0)
}

// TestTerminalSignals checks that SIGTERM and SIGHUP restore the terminal,
// at the prompt and while a command runs.
func TestTerminalSignals(t *testing.T) {
	for _, tt := range []struct {
		name    string
		sig     syscall.Signal
		running bool
	}{
		{"term at prompt", syscall.SIGTERM, false},
		{"hup at prompt", syscall.SIGHUP, false},
		{"term while running", syscall.SIGTERM, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startPTY(t, t.TempDir(), 30, 100, "--no-history")
			p.waitFor(" > ", 10*time.Second)
			p.waitMode(false)
			if tt.running {
				p.line("sleep 10s")
				p.waitMode(true)
			}
			if err := p.cmd.Process.Signal(tt.sig); err != nil {
				t.Fatal(err)
			}
			p.exit(128 + int(tt.sig))
		})
	}
}

// TestTerminalZeroSize checks that a terminal reporting 0x0 is usable.
func TestTerminalZeroSize(t *testing.T) {
	p := startPTY(t, t.TempDir(), 0, 0, "--no-history")
	p.waitFor(" > ", 10*time.Second)
	p.line("echo f''ine")
	p.waitFor("fine", 5*time.Second)
	p.line("quit")
	p.exit(0)
}

// waitFile waits until path exists.
func waitFile(t *testing.T, path string) {
	t.Helper()
	end := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("%s never appeared", path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
