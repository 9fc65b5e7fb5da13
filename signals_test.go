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
)

// TestScriptSignals: SIGHUP, SIGTERM and SIGINT end a script run the same
// way, even while a read blocks: the command in flight is cancelled, the
// `cancelled` line is printed, the reports are written and the exit
// status is 130. A source of a FIFO nobody writes to, and stdin that
// never ends, are ended too.
func TestScriptSignals(t *testing.T) {
	bin := binary(t)
	for _, tc := range []struct {
		name  string
		sig   syscall.Signal
		args  []string
		stdin string // "fifo": a FIFO nobody writes to
		file  string // script file content
	}{
		{"hup while sleeping", syscall.SIGHUP, []string{"--report", "junit", "r.xml", "s.hsh"}, "", "echo started\nsleep 30\n"},
		{"term while sleeping", syscall.SIGTERM, []string{"--report", "junit", "r.xml", "s.hsh"}, "", "echo started\nsleep 30\n"},
		{"term in source of a fifo", syscall.SIGTERM, []string{"-c", "echo started", "-c", "source fifo"}, "", ""},
		{"int on stdin that never ends", syscall.SIGINT, []string{"--report", "junit", "r.xml"}, "fifo", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			if tc.file != "" {
				if err := os.WriteFile(filepath.Join(dir, "s.hsh"), []byte(tc.file), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(bin, append([]string{"--no-history"}, tc.args...)...)
			cmd.Dir = dir
			var out, errOut syncBuffer
			cmd.Stdout, cmd.Stderr = &out, &errOut
			if tc.stdin == "fifo" {
				// Opened read-write so the open does not wait for a writer
				// and the reader never sees end of file.
				f, err := os.OpenFile(fifo, os.O_RDWR, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				cmd.Stdin = f
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			if tc.stdin == "" {
				waitOutput(t, &out, "started", done)
			} else {
				time.Sleep(300 * time.Millisecond) // nothing to wait for: it is reading
			}
			_ = cmd.Process.Signal(tc.sig)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("still running 5 s after %v; stderr:\n%s", tc.sig, errOut.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit status %d, want 130; stderr:\n%s", code, errOut.String())
			}
			if tc.stdin == "" && !strings.Contains(errOut.String(), "cancelled") {
				t.Errorf("stderr does not say cancelled:\n%s", errOut.String())
			}
			if strings.Contains(strings.Join(tc.args, " "), "r.xml") {
				if _, err := os.Stat(filepath.Join(dir, "r.xml")); err != nil {
					t.Errorf("report not written: %v", err)
				}
			}
		})
	}
}

// waitOutput waits until b holds want, or the process ends.
func waitOutput(t *testing.T, b *syncBuffer, want string, done chan error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(b.String(), want) {
		select {
		case err := <-done:
			done <- err
			t.Fatalf("ended before %q: %v", want, err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q in 10 s", want)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
