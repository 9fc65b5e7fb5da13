package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/lesson"
)

// TestLearnPTY walks every shipped lesson in the real shell on a
// pseudo-terminal 80 columns wide: each typical wrong answer gets its
// hint, each right answer passes its step, and the lesson ends with its
// recap and shows as done.
func TestLearnPTY(t *testing.T) {
	ls, err := lesson.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		t.Run(l.Name, func(t *testing.T) { walkLesson(t, l) })
	}
}

// walkLesson types lesson l's wrong and right answers in a new shell.
func walkLesson(t *testing.T, l *lesson.Lesson) {
	home := t.TempDir()
	pixel, err := os.ReadFile("examples/pixel.png")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(home, "examples"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "examples", "pixel.png"), pixel, 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPTY(t, home, 50, 80, "--playground")
	p.waitFor(" > ", 10*time.Second)
	p.line("learn " + l.Name)
	p.waitFor("step 1 of ", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)
	for i, s := range l.Steps {
		for _, w := range s.Wrong {
			typeLines(p, w.Lines[:len(w.Lines)-1])
			p.line(w.Lines[len(w.Lines)-1])
			p.waitFor("not yet: ", 10*time.Second)
			p.waitFor(strings.Fields(w.Gets)[0], 5*time.Second)
			p.waitFor(" > ", 5*time.Second)
		}
		typeLines(p, s.Answer[:len(s.Answer)-1])
		p.line(s.Answer[len(s.Answer)-1])
		p.waitFor("passed: "+s.Title, 10*time.Second)
		if i+1 < len(l.Steps) {
			p.waitFor("goes on)", 5*time.Second)
		}
		p.waitFor(" > ", 5*time.Second)
	}
	p.line("learn")
	p.waitFor("done", 5*time.Second)
	p.waitFor(" > ", 5*time.Second)
	p.line("exit")
	p.exit(0)
	if fi, err := os.Stat(filepath.Join(home, "state", "httpsh", "learn.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("progress file: %v, %v", fi, err)
	}
}

// typeLines types lines, waiting for the prompt after each.
func typeLines(p *ptyShell, lines []string) {
	p.t.Helper()
	for _, line := range lines {
		p.line(line)
		p.waitFor(" > ", 10*time.Second)
	}
}
