package commands

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
)

// maxSourceDepth bounds `source` nesting (a file sourcing itself).
const maxSourceDepth = 16

func sourceCommands() []*Command {
	return []*Command{{
		Name:  "source",
		Usage: "source FILE",
		Short: "run a script's lines in this session; stops at its first failure",
		Long: "A relative FILE is found next to the script that sources it (or in the current folder, when typed in the shell or given with -c). " +
			"An error inside it is reported as FILE:LINE. Variables, cookies and settings it changes stay changed.",
		Args:    []string{"file"},
		Example: "source login.hsh\nget /cookies",
		Run:     runSource,
	}}
}

func runSource(ctx context.Context, x *Executor, c *Call) error {
	if len(c.Args) != 1 {
		return Usagef("usage: source FILE")
	}
	if x.script.depth >= maxSourceDepth {
		return Usagef("source %s: nested more than %d deep (does a file source itself?)", c.Args[0], maxSourceDepth)
	}
	path := x.sourcePath(c.Args[0])
	f, err := os.Open(path)
	if err != nil {
		return Usagef("cannot read %s: %s", path, describeFileErr(err))
	}
	lines, err := ReadScript(f, path)
	f.Close()
	if err != nil {
		return Usage(err)
	}
	x.script.depth++
	defer func() { x.script.depth-- }()
	for _, l := range lines {
		if err := x.Execute(ctx, l); err != nil {
			var exit *ExitRequest
			if errors.As(err, &exit) {
				return err
			}
			return &Error{Status: ExitStatus(err), Err: &whereError{where: l.File + ":" + strconv.Itoa(l.Line), err: err}}
		}
	}
	return nil
}

// sourcePath resolves a relative name next to the script running now.
func (x *Executor) sourcePath(name string) string {
	cur := x.script.current
	if filepath.IsAbs(name) || cur == nil || cur.File == "" || cur.File == "stdin" {
		return name
	}
	return filepath.Join(filepath.Dir(cur.File), name)
}

type whereError struct {
	where string
	err   error
}

func (e *whereError) Error() string { return e.where + ": " + e.err.Error() }
func (e *whereError) Unwrap() error { return e.err }
