package learn

import (
	"os"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/lesson"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

// state is the family's memory: the lesson running (in one Env: the
// session the learner types in), the step, the hints asked, the last
// exchange already judged, the progress, and the playground it started.
type state struct {
	env    *commands.Env // the Env the lesson runs in; nil when none runs
	lesson *lesson.Lesson
	step   int
	hints  int // `learn hint` asked on this step
	lastID int // the newest exchange when the step was last judged
	prog   *lesson.Progress
	pg     *playground.Server // started by `learn`, closed by `learn quit`
	checks map[*commands.Env]*collector
}

// noLesson is the error of hint, skip and back with no lesson running.
func noLesson() error {
	return commands.Usagef("no lesson running: `learn LESSON` starts one (`learn` lists them)")
}

// home is the user's home directory, from the Env's environment first.
func home(env *commands.Env) string {
	if h := env.Getenv("HOME"); h != "" {
		return h
	}
	h, _ := os.UserHomeDir()
	return h
}

// catalog loads the shipped lessons and the teacher's own; a lesson file
// with an error is a usage error saying FILE:LINE.
func catalog(env *commands.Env) ([]*lesson.Lesson, error) {
	ls, err := lesson.Catalog(lesson.DataDir(env.Getenv, home(env)))
	if err != nil {
		return nil, commands.Usage(err)
	}
	return ls, nil
}

// find returns the lesson called name, or an error naming the closest.
func find(ls []*lesson.Lesson, name string) (*lesson.Lesson, error) {
	names := make([]string, len(ls))
	for i, l := range ls {
		if l.Name == name {
			return l, nil
		}
		names[i] = l.Name
	}
	if c := commands.Closest(name, names); c != "" {
		return nil, commands.Usagef("no lesson %q: did you mean %q? (`learn` lists them)", name, c)
	}
	return nil, commands.Usagef("no lesson %q (`learn` lists them)", name)
}

// progress loads the saved progress once.
func (st *state) progress(env *commands.Env) (*lesson.Progress, error) {
	if st.prog != nil {
		return st.prog, nil
	}
	p, err := lesson.LoadProgress(lesson.StatePath(env.Getenv, home(env)))
	if err != nil {
		return nil, commands.Fail(err)
	}
	st.prog = p
	return p, nil
}

// save writes the progress; a failure is a warning, the lesson goes on.
func (st *state) save(env *commands.Env) {
	if st.prog == nil {
		return
	}
	if err := lesson.SaveProgress(lesson.StatePath(env.Getenv, home(env)), st.prog); err != nil {
		env.Warnf("%v", err)
	}
}

// ensureBase starts the playground when the session has no base.
func (st *state) ensureBase(env *commands.Env) error {
	if env.Session.Base != nil {
		return nil
	}
	pg, err := playground.Start(0)
	if err != nil {
		return commands.Fail(err)
	}
	u, err := session.Resolve(nil, pg.URL)
	if err != nil {
		_ = pg.Close()
		return commands.Failf("playground: %w", err)
	}
	st.closePlayground(env)
	st.pg, env.Session.Base = pg, u
	env.Printf("playground: httpbin on %s (base set)\n", pg.URL)
	return nil
}

// closePlayground stops the playground learn started, and unsets the
// base when it still points there.
func (st *state) closePlayground(env *commands.Env) {
	if st.pg == nil {
		return
	}
	if b := env.Session.Base; b != nil && "http://"+b.Host == st.pg.URL {
		env.Session.Base = nil
	}
	_ = st.pg.Close()
	st.pg = nil
}

// lastID is the ID of the session's newest exchange, 0 when none.
func lastID(s *session.Session) int {
	if x := s.Last(); x != nil {
		return x.ID
	}
	return 0
}
