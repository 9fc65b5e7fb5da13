package learn

import (
	"fmt"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/lesson"
)

// list prints the lessons, each with the learner's progress.
func (st *state) list(env *commands.Env) error {
	ls, err := catalog(env)
	if err != nil {
		return err
	}
	p, err := st.progress(env)
	if err != nil {
		return err
	}
	var rows [][]string
	for _, l := range ls {
		rows = append(rows, []string{l.Name, l.Title, progressText(p, l)})
	}
	env.Render().Table(env.Stdout, []string{"lesson", "title", "progress"}, rows)
	env.Printf("\n`learn LESSON` starts one; `learn next` goes on where you left off.\n")
	return nil
}

// progressText is "done", "3/16" or "" for a lesson not started.
func progressText(p *lesson.Progress, l *lesson.Lesson) string {
	lp := p.Lessons[l.Name]
	switch {
	case lp == nil:
		return ""
	case lp.Done:
		return "done"
	}
	return fmt.Sprintf("%d/%d", min(lp.Step, len(l.Steps)), len(l.Steps))
}

// startNamed starts (or resumes) the lesson called name.
func (st *state) startNamed(env *commands.Env, name string) error {
	l, err := lessonNamed(env, name)
	if err != nil {
		return err
	}
	return st.start(env, l)
}

// next resumes the current lesson, else starts the first not done.
func (st *state) next(env *commands.Env) error {
	ls, err := catalog(env)
	if err != nil {
		return err
	}
	p, err := st.progress(env)
	if err != nil {
		return err
	}
	for _, l := range ls {
		if l.Name == p.Current {
			return st.start(env, l)
		}
	}
	for _, l := range ls {
		if lp := p.Lessons[l.Name]; lp == nil || !lp.Done {
			return st.start(env, l)
		}
	}
	env.Printf("Every lesson is done. `learn LESSON` takes one again; `learn reset` starts afresh.\n")
	return nil
}

// start makes l the running lesson, at its saved step (from the start
// when it was finished), and prints the step.
func (st *state) start(env *commands.Env, l *lesson.Lesson) error {
	p, err := st.progress(env)
	if err != nil {
		return err
	}
	if err := st.ensureBase(env); err != nil {
		return err
	}
	lp := p.Of(l.Name, len(l.Steps))
	if lp.Step >= len(l.Steps) || lp.Step < 0 {
		lp.Step = 0
	}
	p.Current = l.Name
	st.env, st.lesson = env, l
	st.save(env)
	env.Printf("%s\n", l.Title)
	writeWrapped(env.Stdout, "", l.Summary, env.Cols())
	st.goTo(env, lp.Step)
	return nil
}

// goTo makes step i current and prints it.
func (st *state) goTo(env *commands.Env, i int) {
	st.step, st.hints, st.lastID = i, 0, lastID(env.Session)
	st.prog.Of(st.lesson.Name, len(st.lesson.Steps)).Step = i
	st.save(env)
	writeStep(env.Stdout, st.lesson, i, env.Cols())
}

// running returns the lesson running in env, or a usage error.
func (st *state) running(env *commands.Env) error {
	if st.lesson == nil || st.env != env {
		return noLesson()
	}
	return nil
}

// hint prints the step's hint, and from the second ask the answer.
func (st *state) hint(env *commands.Env) error {
	if err := st.running(env); err != nil {
		return err
	}
	st.hints++
	env.Printf("hint: %s\n", st.lesson.Steps[st.step].Hints(st.hints))
	return nil
}

// move skips to the next step (by +1) or goes back one (by -1).
func (st *state) move(env *commands.Env, by int) error {
	if err := st.running(env); err != nil {
		return err
	}
	i := st.step + by
	if i < 0 {
		return commands.Usagef("this is the first step of %s", st.lesson.Name)
	}
	if by > 0 {
		st.prog.Of(st.lesson.Name, len(st.lesson.Steps)).Skipped[st.step] = true
	}
	if i >= len(st.lesson.Steps) {
		st.finish(env)
		return nil
	}
	st.goTo(env, i)
	return nil
}

// finish prints the recap, marks the lesson done and ends it.
func (st *state) finish(env *commands.Env) {
	l := st.lesson
	lp := st.prog.Of(l.Name, len(l.Steps))
	lp.Step, lp.Done = len(l.Steps), true
	st.prog.Current = ""
	st.save(env)
	writeRecap(env.Stdout, l, lp)
	st.lesson, st.env = nil, nil
}

// quit leaves the lesson (its progress stays) and stops the playground
// learn started.
func (st *state) quit(env *commands.Env) error {
	if st.lesson == nil && st.pg == nil {
		return noLesson()
	}
	if st.lesson != nil {
		env.Printf("left %s at step %d of %d; `learn next` resumes it.\n", st.lesson.Name, st.step+1, len(st.lesson.Steps))
	}
	st.save(env)
	st.lesson, st.env = nil, nil
	st.closePlayground(env)
	return nil
}

// reset forgets all progress, and the lesson running.
func (st *state) reset(env *commands.Env) error {
	if err := lesson.ResetProgress(lesson.StatePath(env.Getenv, home(env))); err != nil {
		return commands.Fail(err)
	}
	st.prog, st.lesson, st.env = nil, nil, nil
	env.Printf("progress cleared\n")
	return nil
}

// lessonNamed is the lesson name of the catalog (shipped and teachers').
func lessonNamed(env *commands.Env, name string) (*lesson.Lesson, error) {
	ls, err := catalog(env)
	if err != nil {
		return nil, err
	}
	return find(ls, name)
}
