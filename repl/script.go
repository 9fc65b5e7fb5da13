package repl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
)

// runLines runs the -c lines in order through the script runner; it stops
// at the first failure unless --keep-going.
func runLines(ctx context.Context, x *commands.Executor, opts *options) int {
	status := 0
	if opts.report != nil {
		opts.report.begin("-c")
		defer opts.report.end()
	}
	for i, line := range opts.lines {
		if opts.report != nil {
			opts.report.cArg = i + 1
		}
		st, stop := x.Run(ctx, commands.Script{Name: "-c " + strconv.Itoa(i+1), Text: line}, commands.RunOptions{KeepGoing: opts.keepGoing})
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

// runFiles runs each script file in the one session; a .http or .rest
// file sends its requests in order (`import http --run FILE`).
func runFiles(ctx context.Context, x *commands.Executor, opts *options) int {
	status := 0
	for _, name := range opts.files {
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".http" || ext == ".rest" {
			st, _ := x.Run(ctx, commands.Script{Name: name, Text: "import http --run " + commands.Quote(name)}, commands.RunOptions{})
			if st != 0 {
				return st
			}
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(x.Stderr, "error: cannot read script %s: %v\n", name, err)
			return commands.StatusUsage
		}
		if opts.report != nil {
			opts.report.begin(name)
		}
		st, stop := x.Run(ctx, commands.Script{Name: name, R: f}, commands.RunOptions{KeepGoing: opts.keepGoing})
		f.Close()
		if opts.report != nil {
			opts.report.end()
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
