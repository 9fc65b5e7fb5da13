package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/httpsh/httpsh/commands"
)

// runLines runs the -c lines in order; it stops at the first failure
// unless --keep-going.
func runLines(ctx context.Context, x *commands.Executor, opts *options) int {
	status := 0
	if opts.report != nil {
		opts.report.begin("-c")
		defer opts.report.end()
	}
	for i, line := range opts.lines {
		var a commands.Assembler
		var l *commands.Logical
		for _, phys := range splitPhysical(line) {
			l = a.Feed(phys)
		}
		if l == nil {
			_, what := a.Pending()
			fmt.Fprintf(x.Stderr, "-c %d: error: the line ends while waiting for %s\n", i+1, what)
			return commands.StatusUsage
		}
		if opts.report != nil {
			opts.report.cArg = i + 1
		}
		st, stop := execOne(ctx, x, l, fmt.Sprintf("-c %d: ", i+1))
		if opts.report != nil {
			opts.report.cArg = 0
		}
		if st != 0 && status == 0 {
			status = st
		}
		if stop || (st != 0 && !opts.keepGoing) {
			return st
		}
	}
	return status
}

// splitPhysical splits a -c argument into lines. A line longer than
// commands.MaxLineBytes is kept whole, for Execute to refuse by name
// (a scanner would cut it short silently).
func splitPhysical(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// runFiles runs each script file in the one session.
func runFiles(ctx context.Context, x *commands.Executor, opts *options) int {
	status := 0
	for _, name := range opts.files {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(x.Stderr, "error: cannot read script %s: %v\n", name, err)
			return commands.StatusUsage
		}
		if opts.report != nil {
			opts.report.begin(name)
		}
		st := runScript(ctx, x, f, name, opts)
		f.Close()
		if opts.report != nil {
			opts.report.end()
		}
		if st != 0 && status == 0 {
			status = st
		}
		if st != 0 && !opts.keepGoing {
			return st
		}
	}
	return status
}

// runScript runs commands from r as they arrive, so a pipe can be fed
// interactively. It stops at the first failure unless --keep-going.
func runScript(ctx context.Context, x *commands.Executor, r io.Reader, name string, opts *options) int {
	var a commands.Assembler
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), commands.MaxLineBytes)
	status := 0
	for sc.Scan() {
		l := a.Feed(sc.Text())
		if l == nil {
			continue
		}
		l.File = name
		st, stop := execOne(ctx, x, l, fmt.Sprintf("%s:%d: ", name, l.Line))
		if st != 0 && status == 0 {
			status = st
		}
		if stop || (st != 0 && !opts.keepGoing) {
			return st
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			fmt.Fprintf(x.Stderr, "%s:%d: error: line longer than %d bytes: put a big body in a file and send it with @FILE\n", name, a.Lines()+1, commands.MaxLineBytes)
			return commands.StatusUsage
		}
		fmt.Fprintf(x.Stderr, "%s: error: %v\n", name, err)
		return commands.StatusFailure
	}
	if open, what := a.Pending(); open {
		fmt.Fprintf(x.Stderr, "%s: error: end of input while waiting for %s\n", name, what)
		return commands.StatusUsage
	}
	return status
}

// execOne runs one logical line and reports its error. stop is set when
// the line asked to exit or the run was interrupted.
func execOne(ctx context.Context, x *commands.Executor, l *commands.Logical, where string) (status int, stop bool) {
	err := x.Execute(ctx, l)
	if bw, ok := x.Stdout.(interface{ Flush() error }); ok {
		_ = bw.Flush()
	}
	reportError(x.Stderr, where, err)
	st := commands.ExitStatus(err)
	var exit *commands.ExitRequest
	if errorsAs(err, &exit) {
		return exit.Status, true
	}
	if ctx.Err() != nil {
		return commands.StatusInterrupted, true
	}
	return st, false
}
