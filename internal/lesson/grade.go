package lesson

import (
	"fmt"
	"io"
)

// StepResult is the grade of one step.
type StepResult struct {
	Step    *Step
	Pass    bool
	Attempt int    // index of the attempt that passed it, or the one judged on failure; -1 when none concerned it
	Reason  string // on failure: the hint and what came
}

// Report is the graded run of a learner's script against a lesson.
type Report struct {
	Lesson *Lesson
	Steps  []StepResult
}

// Passed counts the steps that passed.
func (r *Report) Passed() int {
	n := 0
	for _, s := range r.Steps {
		if s.Pass {
			n++
		}
	}
	return n
}

// OK reports whether every step passed (`learn check` exits 0 only then).
func (r *Report) OK() bool { return r.Passed() == len(r.Steps) }

// Grade matches a learner's attempts (one per script line, in order)
// against the lesson's steps, in order: each step passes at the first
// attempt after the previous step's that passes it. A step that no
// attempt passes fails with the hint for the first attempt that
// concerned it, and the next step is looked for from the same place, so
// one missed step does not fail the rest.
func Grade(l *Lesson, attempts []Attempt) *Report {
	r := &Report{Lesson: l}
	from := 0
	for _, s := range l.Steps {
		res := StepResult{Step: s, Attempt: -1, Reason: "no line of the script concerned this step"}
		for i := from; i < len(attempts); i++ {
			v := Evaluate(s, attempts[i])
			if v.Pass {
				res = StepResult{Step: s, Pass: true, Attempt: i}
				from = i + 1
				break
			}
			if !v.Ignored && res.Attempt < 0 {
				res.Attempt, res.Reason = i, v.Hint+" (got "+v.Got+")"
			}
		}
		r.Steps = append(r.Steps, res)
	}
	return r
}

// Write prints the report as plain text: a line per step, a reason under
// each failed one, and a total. lineOf maps an attempt index to the
// script position to print ("homework.hsh:4"); nil prints "attempt N".
func (r *Report) Write(w io.Writer, lineOf func(int) string) error {
	if lineOf == nil {
		lineOf = func(i int) string { return fmt.Sprintf("attempt %d", i+1) }
	}
	if _, err := fmt.Fprintf(w, "%s: %s\n", r.Lesson.Name, r.Lesson.Title); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	for i, s := range r.Steps {
		mark, where := "FAIL", ""
		if s.Pass {
			mark = "ok  "
		}
		if s.Attempt >= 0 {
			where = " (" + lineOf(s.Attempt) + ")"
		}
		fmt.Fprintf(w, "  %s %2d. %s%s\n", mark, i+1, s.Step.Title, where)
		if !s.Pass {
			fmt.Fprintf(w, "          %s\n", s.Reason)
		}
	}
	_, err := fmt.Fprintf(w, "%d of %d steps passed\n", r.Passed(), len(r.Steps))
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
