// Package learn is the `learn` command family: HTTP lessons inside the
// shell, checked on the learner's own requests (the engine is
// internal/lesson). Its one command, learn, has these forms:
//
//	learn                    list the lessons with the learner's progress
//	learn LESSON | next      start or resume a lesson (starting the
//	                         playground when the session has no base)
//	learn hint               a hint; asked twice, the answer
//	learn skip | back        the next or the previous step
//	learn quit               leave the lesson, stop the playground it started
//	learn reset              forget all progress
//	learn check LESSON FILE  run FILE in a fresh session against the
//	                         playground and print a graded report; status
//	                         1 when a step fails
//
// While a lesson runs, the command's Observe judges every other line the
// learner types: on the exchange it made (if any) and the jar after it.
package learn

import (
	"context"
	"slices"
	"sync"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/lesson"
)

// Commands returns the family's commands. Each call has its own state:
// the lesson running, the progress, the playground it started.
func Commands() []*commands.Command {
	st := &state{checks: map[*commands.Env]*collector{}}
	return []*commands.Command{command(st)}
}

// command is `learn`, its subcommands and its observer.
func command(st *state) *commands.Command {
	names := builtinNames()
	c := commands.Simple(commands.Command{
		Name:  "learn",
		Usage: "learn [LESSON|next|hint|skip|back|quit|reset|check LESSON FILE]",
		Short: "HTTP lessons checked on your own requests",
		Long: "Without a word, lists the lessons and your progress. `learn LESSON` (or `learn next`) starts one: " +
			"each step explains a piece of HTTP and asks you to do something; your next request is checked. " +
			"Lessons run against the playground, started when the session has no base. " +
			"Progress is kept in $XDG_STATE_HOME/httpsh/learn.json; teachers' lessons go in $XDG_DATA_HOME/httpsh/lessons.",
		Example: "learn\nlearn requests\nlearn hint\nlearn check requests homework.hsh",
		Args:    []commands.Arg{{Values: names, Desc: "lesson"}},
		Max:     1,
		Sub: []commands.Sub{
			{Name: "next", Usage: "learn next", Short: "resume the current lesson, or start the next one"},
			{Name: "hint", Usage: "learn hint", Short: "a hint for this step; asked twice, the answer"},
			{Name: "skip", Usage: "learn skip", Short: "go on to the next step"},
			{Name: "back", Usage: "learn back", Short: "go back to the previous step"},
			{Name: "quit", Usage: "learn quit", Short: "leave the lesson (progress is kept)"},
			{Name: "reset", Usage: "learn reset", Short: "forget all progress"},
			{Name: "check", Usage: "learn check LESSON FILE", Short: "grade a script against a lesson",
				Args: []commands.Arg{{Values: names, Desc: "lesson"}, {Hint: commands.HintFile}}, Min: 2, Max: 2},
		},
		Unlogged: true,
	}, func(ctx context.Context, env *commands.Env, call *commands.Call) error {
		return st.run(ctx, env, call)
	})
	c.Observe = st.observe
	c.Close = st.closePlayground
	return c
}

// builtinNames are the shipped lessons' names, for completion (a copy).
func builtinNames() []string { return slices.Clone(parsedNames()) }

// parsedNames parses the shipped lessons once per process: they are
// embedded, so they cannot change, and every registry asks for them
// (`httpsh --test` builds one per file; parsing took 60% of a file's
// start-up).
var parsedNames = sync.OnceValue(func() []string {
	ls, err := lesson.Builtin()
	if err != nil {
		return nil
	}
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = l.Name
	}
	return names
})

// run dispatches one `learn` line.
func (st *state) run(ctx context.Context, env *commands.Env, call *commands.Call) error {
	switch call.SubName() {
	case "":
		if len(call.Args) == 0 {
			return st.list(env)
		}
		return st.startNamed(env, call.Args[0])
	case "next":
		return st.next(env)
	case "hint":
		return st.hint(env)
	case "skip":
		return st.move(env, +1)
	case "back":
		return st.move(env, -1)
	case "quit":
		return st.quit(env)
	case "reset":
		return st.reset(env)
	case "check":
		return st.check(ctx, env, call.Args[0], call.Args[1])
	}
	return call.UsageError()
}
