package learn

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/lesson"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

// collector gathers the attempts of a `learn check` session, one per
// top-level line, with where each came from.
type collector struct {
	attempts []lesson.Attempt
	where    []string // "FILE:LINE" per attempt
	lastID   int
}

func (c *collector) add(r commands.Ran, a lesson.Attempt) {
	c.attempts = append(c.attempts, a)
	c.where = append(c.where, fmt.Sprintf("%s:%d", r.Line.File, r.Line.Line))
}

// check runs the script file in a fresh session against a playground of
// its own, grades its lines against the lesson and prints the report.
// It fails (status 1) when a step did not pass.
func (st *state) check(ctx context.Context, env *commands.Env, name, file string) error {
	l, err := lessonNamed(env, name)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return commands.Usagef("cannot read %s: %s", file, commands.DescribeFileErr(err))
	}
	defer f.Close()
	c, err := st.runScript(ctx, env, commands.Script{Name: file, R: f})
	if err != nil {
		return err
	}
	rep := lesson.Grade(l, c.attempts)
	if err := rep.Write(env.Stdout, func(i int) string { return c.where[i] }); err != nil {
		return commands.Fail(err)
	}
	if !rep.OK() {
		return commands.Failf("%s: %d of %d steps failed", file, len(rep.Steps)-rep.Passed(), len(rep.Steps))
	}
	return nil
}

// runScript runs s in a new session whose base is a new playground, every
// line even after a failure, and returns what the lines did. The script's
// own output is discarded: the report is what a teacher reads.
func (st *state) runScript(ctx context.Context, env *commands.Env, s commands.Script) (*collector, error) {
	pg, err := playground.Start(0)
	if err != nil {
		return nil, commands.Fail(err)
	}
	defer pg.Close()
	sess := session.New(env.Session.UserAgent)
	defer sess.Close()
	if sess.Base, err = session.Resolve(nil, pg.URL); err != nil {
		return nil, commands.Failf("playground: %w", err)
	}
	x := commands.NewExecutor(sess, env.Registry(), io.Discard, io.Discard)
	x.Getenv, x.Version = env.Getenv, env.Version
	c := &collector{}
	st.checks[x.Env] = c
	defer delete(st.checks, x.Env)
	x.Run(ctx, s, commands.RunOptions{KeepGoing: true})
	return c, nil
}
