package commands

// This file keeps the commands that have not yet moved to their family
// compiling; it goes with the last of them.

import (
	"context"

	"github.com/httpsh/httpsh/internal/explain"
	"github.com/httpsh/httpsh/internal/fileout"
)

type legacyState struct {
	explainBook *explain.Book
}

func (x *Executor) printf(format string, args ...any) { x.Printf(format, args...) }
func (x *Executor) warnf(format string, args ...any)  { x.Warnf(format, args...) }
func (x *Executor) width() int                        { return x.Cols() }
func (x *Executor) redact(line string) string         { return x.Redact(line) }
func plural(n int, word string) string                { return Plural(n, word) }

// needArgs checks the count of positional words.
func needArgs(c *Call, lo, hi int, usage string) error {
	if len(c.Args) < lo || (hi >= 0 && len(c.Args) > hi) {
		return Usagef("usage: %s", usage)
	}
	return nil
}

// LegacyCommands are the commands still in this package.
func LegacyCommands() []*Command {
	var out []*Command
	for _, f := range [][]*Command{
		requestCommands(),
		inspectCommands(),
		prepareCommands(),
		expectCommands(),
		captureCommands(),
		diffCommands(),
		downloadCommands(),
		explainCommands(),
	} {
		out = append(out, f...)
	}
	for _, c := range out {
		switch c.Name {
		case "history", "help", "exit", "diff":
			c.Unlogged = true
		case "expect", "check":
			c.Checks = true
		}
	}
	return out
}

// validVarName is ValidVarName for capture, until it moves.
func validVarName(n string) bool { return ValidVarName(n) }

// LegacyPrepare runs `prepare` with args and input (import curl), until
// the request family exports its entry point.
func (e *Env) LegacyPrepare(ctx context.Context, args []string, input *string) error {
	return runPrepare(ctx, e.exec, &Call{Name: "prepare", Args: args, Input: input})
}

// LoadSession is `httpsh --session NAME` until repl calls Setup itself:
// it runs `session load --or-new NAME` (`session load NAME` when
// mustExist) as set-up, unlogged.
func (x *Executor) LoadSession(name string, mustExist bool) error {
	words := []string{"session", "load", "--or-new", "--", name}
	if mustExist {
		words = []string{"session", "load", "--", name}
	}
	return x.Setup(context.Background(), words...)
}

func (x *Executor) meters() fileout.Meters { return x.Meters() }
