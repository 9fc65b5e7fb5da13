package learn_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/lesson"
	"github.com/httpsh/httpsh/session"
)

// learner is a session of the whole language with a lesson running,
// driven in-process through the same Executor and Observe path as the
// shell; out is everything it printed.
type learner struct {
	t   *testing.T
	x   *commands.Executor
	out bytes.Buffer
}

// newLearner starts a learner in a fresh home (the working directory),
// with examples/pixel.png copied from root for the upload step.
func newLearner(t *testing.T, root string) *learner {
	t.Helper()
	home := t.TempDir()
	t.Chdir(home)
	pixel, err := os.ReadFile(filepath.Join(root, "examples", "pixel.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll("examples", 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("examples/pixel.png", pixel, 0o600); err != nil {
		t.Fatal(err)
	}
	l := &learner{t: t}
	s := session.New("httpsh/test")
	t.Cleanup(s.Close)
	l.x = commands.NewExecutor(s, all.Registry(), &l.out, &l.out)
	env := map[string]string{"HOME": home, "XDG_STATE_HOME": filepath.Join(home, "state"), "XDG_DATA_HOME": filepath.Join(home, "data")}
	l.x.Getenv = func(k string) string { return env[k] }
	return l
}

// repoRoot is the module's root, two folders up from this package.
func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(wd, "..", "..")
}

// typeLine runs one line as the shell would and returns what it printed,
// its blanks collapsed so that wrapped text matches.
func (l *learner) typeLine(line string) string {
	l.t.Helper()
	l.out.Reset()
	_ = l.x.ExecuteLine(context.Background(), line)
	return strings.Join(strings.Fields(l.out.String()), " ")
}

// TestWalkEveryLesson types, for every shipped lesson and step, each
// wrong answer (its hint must contain the gets: text and it must not
// pass) and then the answer (the step must pass on its last line).
func TestWalkEveryLesson(t *testing.T) {
	root := repoRoot(t)
	ls, err := lesson.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, ls := range ls {
		t.Run(ls.Name, func(t *testing.T) {
			l := newLearner(t, root)
			if out := l.typeLine("learn " + ls.Name); !strings.Contains(out, "step 1 of") {
				t.Fatalf("learn %s printed %q", ls.Name, out)
			}
			for i, s := range ls.Steps {
				walkWrongs(t, l, i, s)
				walkAnswer(t, l, i, s)
			}
			if out := l.typeLine("learn"); !strings.Contains(out, ls.Name+" "+ls.Title+" done") {
				t.Errorf("after the lesson, learn lists %q", out)
			}
		})
	}
}

// walkWrongs types each wrong answer of step i: it must get a hint with
// its gets: text and must not pass.
func walkWrongs(t *testing.T, l *learner, i int, s *lesson.Step) {
	t.Helper()
	for _, w := range s.Wrong {
		var out string
		for _, line := range w.Lines {
			out += l.typeLine(line) + " "
		}
		if strings.Contains(out, "passed: ") {
			t.Errorf("step %d %q: wrong answer %q passed", i+1, s.Title, w.Lines)
		}
		if !strings.Contains(out, "not yet: ") || !strings.Contains(out, w.Gets) {
			t.Errorf("step %d %q: wrong answer %q: want a hint with %q, got:\n%s", i+1, s.Title, w.Lines, w.Gets, out)
		}
	}
}

// walkAnswer types the answer of step i: its last line must pass it.
func walkAnswer(t *testing.T, l *learner, i int, s *lesson.Step) {
	t.Helper()
	for j, line := range s.Answer {
		out := l.typeLine(line)
		passed := strings.Contains(out, "passed: "+s.Title)
		if passed != (j == len(s.Answer)-1) {
			t.Errorf("step %d %q: answer line %q: passed=%v; output:\n%s", i+1, s.Title, line, passed, out)
		}
	}
}
