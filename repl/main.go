// Package repl is the httpsh program: the flags of the binary, the modes
// (script files, -c lines, a pipe, the interactive shell), the line loop
// and Ctrl-C. Every mode runs lines through commands.Executor.Execute.
package repl

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/commands/spec"
	"github.com/httpsh/httpsh/history"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

// Version is the program version.
const Version = "0.1.0"

// Streams are the process's standard streams.
type Streams struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Getenv reads the environment.
	Getenv func(string) string
}

// StdStreams returns the real standard streams and environment.
func StdStreams() Streams {
	return Streams{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// Main runs httpsh with args (without the program name) and returns the
// exit status. It never panics.
func Main(args []string, st Streams) (status int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(st.Stderr, "error: internal error: %v (please report it)\n", p)
			status = commands.StatusFailure
		}
	}()
	opts, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(st.Stderr, "error: %v\n", err)
		fmt.Fprintf(st.Stderr, "usage: httpsh [FLAG...] [FILE...]  (httpsh --help for more)\n")
		return commands.StatusUsage
	}
	switch {
	case opts.help:
		fmt.Fprint(st.Stdout, usageText())
		return 0
	case opts.version:
		fmt.Fprintf(st.Stdout, "httpsh %s\n", Version)
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	return run(ctx, opts, st)
}

func run(ctx context.Context, opts *options, st Streams) int {
	if opts.suite.test {
		return runSuite(ctx, opts, st)
	}
	s := session.New("httpsh/" + Version)
	defer s.Close()
	interactive := len(opts.files) == 0 && (len(opts.lines) == 0 || opts.stay) && isTerminal(st.Stdin) && isTerminal(st.Stdout)
	x := newExecutor(s, st, interactive || isTerminal(st.Stdout))
	defer x.Close()
	x.DryRun = opts.suite.dryRun
	if !interactive {
		// Scripts print a lot; one write per command, flushed after each
		// (by the script runner), keeps 1000-request scripts fast.
		bw := bufio.NewWriterSize(st.Stdout, 64<<10)
		defer bw.Flush()
		x.Stdout = bw
	}
	if opts.session != "" {
		// Loaded first, so that --base, --playground and --var win.
		if err := x.Setup(ctx, "session", "load", "--or-new", "--", opts.session); err != nil {
			fmt.Fprintf(st.Stderr, "error: --session: %v\n", err)
			return commands.ExitStatus(err)
		}
	}
	if opts.playground {
		pg, err := playground.Start(0)
		if err != nil {
			fmt.Fprintf(st.Stderr, "error: %v\n", err)
			return commands.StatusFailure
		}
		defer pg.Close()
		if err := setBase(s, pg.URL); err != nil {
			fmt.Fprintf(st.Stderr, "error: %v\n", err)
			return commands.StatusFailure
		}
		fmt.Fprintf(st.Stderr, "playground: httpbin on %s (base set%s; try `get /get`)\n", pg.URL, playgroundSpec(ctx, s, pg.URL))
	}
	if err := opts.apply(s); err != nil {
		fmt.Fprintf(st.Stderr, "error: %v\n", err)
		return commands.StatusUsage
	}
	if opts.spec != "" {
		if err := x.Setup(ctx, "spec", "load", "--", opts.spec); err != nil {
			fmt.Fprintf(st.Stderr, "error: --spec: %v\n", err)
			return commands.ExitStatus(err)
		}
	}
	if opts.env != "" {
		if err := x.Setup(ctx, "env", "use", "--", opts.env); err != nil {
			fmt.Fprintf(st.Stderr, "error: --env: %v\n", err)
			return commands.ExitStatus(err)
		}
	}
	if opts.report == nil {
		return runModes(ctx, x, opts, st, interactive)
	}
	x.Hooks.Result, x.Hooks.Sent, opts.report.sess = opts.report.add, opts.report.sent, s
	stdout := x.Stdout
	if opts.report.toStdout() {
		// The run's own output goes to stderr, so that the report on
		// stdout is one document a parser can read.
		x.Stdout = st.Stderr
	}
	status := runModes(ctx, x, opts, st, interactive)
	if bw, ok := x.Stdout.(interface{ Flush() error }); ok {
		_ = bw.Flush()
	}
	if err := opts.report.write(stdout); err != nil {
		fmt.Fprintf(st.Stderr, "error: --report: %v\n", err)
		if status == 0 {
			status = commands.StatusFailure
		}
	}
	return status
}

// runModes runs the -c lines, the files, the shell or stdin.
func runModes(ctx context.Context, x *commands.Executor, opts *options, st Streams, interactive bool) int {
	if len(opts.lines) > 0 {
		status := runLines(ctx, x, opts)
		if !opts.stay || status != 0 && !interactive {
			return status
		}
	}
	if len(opts.files) > 0 {
		return runFiles(ctx, x, opts)
	}
	if interactive {
		return runInteractive(ctx, x, opts, st)
	}
	if len(opts.lines) > 0 {
		return 0
	}
	if opts.report != nil {
		opts.report.begin("stdin")
	}
	status, _ := x.Run(ctx, commands.Script{Name: "stdin", R: st.Stdin}, commands.RunOptions{KeepGoing: opts.keepGoing})
	return status
}

// playgroundSpec loads the playground's own OpenAPI description from
// memory (no request), so completion knows its paths from the first
// key; it returns the note for the start line.
func playgroundSpec(ctx context.Context, s *session.Session, url string) string {
	sum, err := spec.Install(ctx, s, playground.OpenAPI(), url+"/openapi.json", openapi.Options{})
	if err != nil {
		return "; its spec did not load: " + err.Error()
	}
	return fmt.Sprintf(", its OpenAPI spec loaded: %d operations, `spec ops`", sum.Operations)
}

func setBase(s *session.Session, raw string) error {
	u, err := session.Resolve(nil, raw)
	if err != nil {
		return fmt.Errorf("--base: %w", err)
	}
	s.Base = u
	return nil
}

func newExecutor(s *session.Session, st Streams, terminal bool) *commands.Executor {
	x := commands.NewExecutor(s, all.Registry(), st.Stdout, st.Stderr)
	x.Terminal = terminal
	x.ErrTerminal = isTerminal(st.Stderr)
	x.Width = widthOf(st.Stdout)
	x.Getenv = st.Getenv
	x.Version = Version
	x.Hooks.Redact = history.Redact
	x.AskPassword = passwordReader(st.Stdin, st)
	s.Passphrase = passphraseReader(x.AskPassword)
	return x
}
