package main

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestTerminalStopAndContinue: stopped at the prompt and continued (as
// `kill -TSTP` then `fg` do; SIGSTOP here, since a session leader's
// SIGTSTP is discarded by the kernel), after the parent shell set the
// terminal cooked, httpsh makes it raw again and draws the prompt again
// at once, without waiting for Enter (issue 11 item 22).
func TestTerminalStopAndContinue(t *testing.T) {
	p := startPTY(t, t.TempDir(), 30, 100, "--no-history")
	p.waitFor(" > ", 10*time.Second)
	p.waitMode(false)
	p.keys("echo typed")
	p.waitFor("echo typed", 5*time.Second)
	if err := p.cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	// The parent shell takes the terminal back in its own (cooked) mode.
	if err := unix.IoctlSetTermios(int(p.pts.Fd()), unix.TCSETS, p.state); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	p.waitMode(false)
	p.waitFor("echo typed", 5*time.Second) // drawn again, with what was typed
	p.keys("\r")
	p.waitFor("typed", 5*time.Second)
	p.waitMode(false)
	p.line("quit")
	p.exit(0)
}

// TestTerminalStaleInterrupt: a SIGINT from outside while the shell
// waits at the prompt does not cancel the command typed after it (issue
// 11 item 22).
func TestTerminalStaleInterrupt(t *testing.T) {
	p := startPTY(t, t.TempDir(), 30, 100, "--no-history")
	p.waitFor(" > ", 10*time.Second)
	p.waitMode(false)
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	p.keys("sleep 200ms")
	p.waitFor("sleep 200ms", 5*time.Second) // the shell is past the signal
	p.keys("\r")
	p.waitMode(true)
	p.waitMode(false)
	p.line("echo after")
	p.waitFor("after", 5*time.Second)
	p.mu.Lock()
	out := p.out.String()
	p.mu.Unlock()
	if strings.Contains(out, "cancelled") {
		t.Errorf("the SIGINT at the prompt cancelled the next command:\n%s", out)
	}
	p.line("quit")
	p.exit(0)
}

// TestTerminalHeredocRecall: Up recalls a heredoc typed in this run as
// one entry, and the lines of a heredoc dropped with Ctrl-C are not in
// the history (issue 11 item 21).
func TestTerminalHeredocRecall(t *testing.T) {
	p := startPTY(t, t.TempDir(), 30, 100, "--no-history")
	p.waitFor(" > ", 10*time.Second)
	p.waitMode(false)
	p.line("echo heredoc-ran <<END")
	p.waitFor("... ", 5*time.Second)
	p.line("body")
	p.waitFor("... ", 5*time.Second)
	p.line("END")
	p.waitFor("heredoc-ran\r\n", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)
	p.waitMode(false)
	p.line("echo dropped <<END")
	p.waitFor("... ", 5*time.Second)
	p.line("secret-line")
	p.waitFor("... ", 5*time.Second)
	p.waitMode(false) // a Ctrl-C typed ahead in cooked mode is the terminal's, not a key
	p.keys("\x03")    // Ctrl-C drops the heredoc
	p.waitFor(" > ", 5*time.Second)
	p.waitMode(false)
	p.keys("\x1b[A") // Up: the whole first heredoc, not "secret-line" or "END"
	p.waitFor("END", 5*time.Second)
	p.keys("\r")
	p.waitFor("heredoc-ran\r\n", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)
	p.waitMode(false)
	p.mu.Lock()
	out := p.out.String()
	p.mu.Unlock()
	if strings.Contains(out, "unknown command") {
		t.Errorf("Up recalled a line, not the heredoc:\n%s", out)
	}
	p.line("quit")
	p.exit(0)
}
