package commands

// This file keeps the commands that have not yet moved to their family
// compiling; it goes with the last of them.

import (
	"context"
)

type legacyState struct {
	rec  *recorder
	name string
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
		sessionCommands(),
		cookieCommands(),
		recordCommands(),
		savedSessionCommands(),
		exportCommands(),
		importCommands(),
	} {
		out = append(out, f...)
	}
	for _, c := range out {
		switch c.Name {
		case "record", "help", "export", "exit":
			c.Unlogged = true
		}
	}
	return out
}

func (x *Executor) legacyObserve(typed string, cmd *Command, err error, nested bool) {
	if nested || err != nil || cmd == nil || cmd.Unlogged || x.legacy.rec == nil {
		return
	}
	if werr := x.legacy.rec.add(typed, x.redact); werr != nil {
		x.warnf("record: %v; recording stopped", werr)
		x.legacy.rec = nil
	}
}

// runPrepare runs the request family's prepare for import curl until
// import moves to its family, which calls request.Prepare instead.
func runPrepare(ctx context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("prepare")
	return x.Invoke(ctx, cmd, c.Args, c.Input)
}
