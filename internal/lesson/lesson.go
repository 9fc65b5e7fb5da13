package lesson

import "strings"

// Lesson is one parsed lesson file.
type Lesson struct {
	Name    string // the file name without ".lesson": what `learn NAME` takes
	File    string // where it was read from, for messages ("lessons/cookies.lesson")
	Title   string
	Summary string
	Steps   []*Step
	Recap   []string // the recap's text lines, blank lines kept as ""
}

// Step is one step of a lesson: explanation, task, checks, hints and the
// right and wrong answers the tests replay.
type Step struct {
	Line      int      // the line of its "step:" directive
	Title     string   // from "step: TITLE"
	Cites     []string // "RFC 9110, section 9.3.1", at least one
	Text      []string // the explanation, blank lines kept as ""
	Task      string   // what the learner is asked to do
	When      []*Cond  // an attempt where one fails is not judged (Ignored)
	Checks    []*Cond  // all must hold on the attempt for the step to pass
	Hint      string   // the first hint; the second is the answer
	After     []string // shown when the step passes: what happened and why
	Show      []string // wire-view lines to highlight (case-insensitive substrings)
	Answer    []string // the right answer: command lines, in order
	Wrong     []Wrong  // typical wrong answers and the hint each must get
	NeedsWire bool     // some check or when needs an exchange (see Cond.NeedsExchange)
}

// Wrong is a typical wrong answer: its command lines and a text the hint
// given for its last judged attempt must contain.
type Wrong struct {
	Line  int
	Lines []string
	Gets  string
}

// Hints returns what `learn hint` shows when asked for the nth time
// (n counts from 1): the step's hint first, then, from the second ask on,
// the answer lines. The answer is never returned for n < 2.
func (s *Step) Hints(n int) string {
	if n < 2 {
		return s.Hint
	}
	return "type: " + strings.Join(s.Answer, "\n      ")
}

// Highlight returns the indexes of the lines of a wire view (as `show raw`
// or `prepare` print it) that the step asks to highlight: those containing
// one of its "show:" texts, case-insensitively.
func (s *Step) Highlight(lines []string) []int {
	var out []int
	for i, l := range lines {
		low := strings.ToLower(l)
		for _, sh := range s.Show {
			if strings.Contains(low, strings.ToLower(sh)) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// Step returns step i (from 0), or nil when out of range.
func (l *Lesson) Step(i int) *Step {
	if i < 0 || i >= len(l.Steps) {
		return nil
	}
	return l.Steps[i]
}
