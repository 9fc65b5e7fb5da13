package lesson

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/playground"
)

// TestLessonsWalk runs every shipped lesson against the real playground:
// each step's wrong answers must fail with a hint containing their gets:
// text, then its right answer must pass it, on its last line.
func TestLessonsWalk(t *testing.T) {
	ls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) < 8 {
		t.Errorf("%d lessons shipped, want at least 8", len(ls))
	}
	pg, err := playground.Start(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	for _, l := range ls {
		t.Run(l.Name, func(t *testing.T) {
			d := newDriver(t, pg.URL)
			for i, s := range l.Steps {
				for _, w := range s.Wrong {
					checkWrong(t, d, s, w)
				}
				if at := passAt(d, s, s.Answer); at != len(s.Answer)-1 {
					t.Errorf("step %d %q: the answer passed at line %d of %d", i+1, s.Title, at+1, len(s.Answer))
				}
			}
		})
	}
}

// passAt runs lines and returns the index of the first that passes the
// step, or -1; it logs the hints of the attempts that failed.
func passAt(d *driver, s *Step, lines []string) int {
	for i, line := range lines {
		v := Evaluate(s, d.run(line))
		if v.Pass {
			return i
		}
		if !v.Ignored {
			d.t.Logf("step %q: %q failed: %s (got %s)", s.Title, line, v.Hint, v.Got)
		}
	}
	return -1
}

func checkWrong(t *testing.T, d *driver, s *Step, w Wrong) {
	t.Helper()
	var last *Verdict
	for _, line := range w.Lines {
		v := Evaluate(s, d.run(line))
		if v.Pass {
			t.Errorf("%s:%d: wrong answer %q passed step %q", "step", w.Line, line, s.Title)
			return
		}
		if !v.Ignored {
			last = &v
		}
	}
	if last == nil {
		t.Errorf("line %d: wrong answer %q was not judged (ignored)", w.Line, w.Lines)
		return
	}
	if !strings.Contains(last.Hint, w.Gets) {
		t.Errorf("line %d: wrong answer %q got hint %q (got %s), want it to contain %q", w.Line, w.Lines, last.Hint, last.Got, w.Gets)
	}
}

// TestAnswersUseRealCommands keeps every answer and wrong line to the
// commands of README's command reference.
func TestAnswersUseRealCommands(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, ref, _ := strings.Cut(string(readme), "## Command reference")
	cmds := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^### ([a-z]+)$`).FindAllStringSubmatch(ref, -1) {
		cmds[m[1]] = true
	}
	ls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		for _, s := range l.Steps {
			lines := append([]string{}, s.Answer...)
			for _, w := range s.Wrong {
				lines = append(lines, w.Lines...)
			}
			for _, line := range lines {
				if name, _, _ := strings.Cut(line, " "); !cmds[name] {
					t.Errorf("%s: step %q: %q is not a command of README's reference", l.File, s.Title, line)
				}
			}
		}
	}
}
