package repl

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

// fileRun is one file of a --test run: its report suite (cases, tries of
// requests, status) and, when buffered, its output.
type fileRun struct {
	file        suiteFile
	suite       *suite
	out, errOut bytes.Buffer
	done        chan struct{}
}

// runSuite is `httpsh --test`: each file in its own fresh session built
// from the same start state (--session, --base or --playground, --var,
// --retry), --jobs at a time in this process. Each file's output is
// printed whole when it ends, in the order given (streamed with --jobs
// 1); a summary table follows; the reports hold every file. The status
// is the worst file's (130 > 2 > 1 > 0). An interrupt stops every file;
// the reports are still written.
func runSuite(ctx context.Context, opts *options, st Streams) int {
	files, err := collectSuite(opts.files)
	if err != nil {
		fmt.Fprintf(st.Stderr, "error: %v\n", err)
		return commands.StatusUsage
	}
	all := len(files)
	files = opts.suite.shard.pick(files)
	out := st.Stdout
	if opts.report != nil && opts.report.toStdout() {
		out = st.Stderr
	}
	if len(files) == 0 {
		fmt.Fprintf(out, "shard %s: no files (of %d)\n", opts.suite.shardText, all)
		return writeSuiteReports(opts, st, 0)
	}
	base := opts.base
	if opts.playground {
		pg, err := playground.Start(0)
		if err != nil {
			fmt.Fprintf(st.Stderr, "error: %v\n", err)
			return commands.StatusFailure
		}
		defer pg.Close()
		base = pg.URL
	}
	jobs := opts.suite.jobs
	if jobs == 0 {
		jobs = runtime.NumCPU()
	}
	jobs = min(jobs, len(files))
	defer raiseProcs(jobs, st.Getenv)()
	start := time.Now()
	runs := runAll(ctx, opts, st, files, jobs, base, out)
	status := 0
	for _, r := range runs {
		status = max(status, r.suite.status)
	}
	writeSummary(out, runs, time.Since(start), jobs)
	if opts.report != nil {
		for _, r := range runs {
			opts.report.suites = append(opts.report.suites, r.suite)
			opts.report.count += len(r.suite.cases)
		}
	}
	return writeSuiteReports(opts, st, status)
}

// writeSuiteReports writes the reports; a failure to write makes a
// passing run fail.
func writeSuiteReports(opts *options, st Streams, status int) int {
	if opts.report == nil {
		return status
	}
	if err := opts.report.write(st.Stdout); err != nil {
		fmt.Fprintf(st.Stderr, "error: --report: %v\n", err)
		return max(status, commands.StatusFailure)
	}
	return status
}

// raiseProcs lets jobs files run on as many processors (up to the CPUs):
// the binary runs on one (TuneRuntime) unless GOMAXPROCS is set. The
// returned function puts the old value back.
func raiseProcs(jobs int, getenv func(string) string) func() {
	want := min(jobs, runtime.NumCPU())
	if getenv("GOMAXPROCS") != "" || runtime.GOMAXPROCS(0) >= want {
		return func() {}
	}
	prev := runtime.GOMAXPROCS(want)
	return func() { runtime.GOMAXPROCS(prev) }
}

// runAll runs files on jobs workers, taking them in order, and prints
// each file's output whole as soon as it and every file before it have
// ended. With one job, output is streamed instead.
func runAll(ctx context.Context, opts *options, st Streams, files []suiteFile, jobs int, base string, out io.Writer) []*fileRun {
	runs := make([]*fileRun, len(files))
	next := make(chan *fileRun, len(files))
	for i, f := range files {
		runs[i] = &fileRun{file: f, done: make(chan struct{})}
		next <- runs[i]
	}
	close(next)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range next {
				stdout, stderr := io.Writer(&r.out), io.Writer(&r.errOut)
				if jobs == 1 {
					stdout, stderr = out, st.Stderr
				}
				r.suite = runSuiteFile(ctx, opts, st, r.file, base, stdout, stderr)
				close(r.done)
			}
		}()
	}
	for _, r := range runs {
		<-r.done
		_, _ = out.Write(r.out.Bytes())
		_, _ = st.Stderr.Write(r.errOut.Bytes())
	}
	wg.Wait()
	return runs
}

// runSuiteFile runs one file in a fresh session and returns its suite.
// A file not started before an interrupt is not run (status 130).
func runSuiteFile(ctx context.Context, opts *options, st Streams, f suiteFile, base string, stdout, stderr io.Writer) *suite {
	rep := &report{}
	rep.begin(f.name)
	sui := rep.suites[0]
	if ctx.Err() != nil {
		sui.status = commands.StatusInterrupted
		return sui
	}
	s := session.New("httpsh/" + Version)
	defer s.Close()
	rep.sess = s
	bw := bufio.NewWriterSize(stdout, 16<<10)
	defer bw.Flush()
	x := newExecutor(s, Streams{Stdin: strings.NewReader(""), Stdout: bw, Stderr: stderr, Getenv: st.Getenv}, false)
	x.Stdout = bw
	x.DryRun = opts.suite.dryRun
	x.Hooks.Result, x.Hooks.Sent = rep.add, rep.sent
	sui.ran = true
	if err := startState(ctx, x, opts, base); err != nil {
		fmt.Fprintf(stderr, "%s: error: %s\n", f.name, commands.ErrorText(err))
		sui.status = commands.ExitStatus(err)
		rep.end()
		return sui
	}
	sui.status = runScript(ctx, x, f, opts.keepGoing)
	rep.end()
	return sui
}

// runScript runs one suite file in x and returns its status. This is the
// extension point for other script formats: the .http runner of the
// collections work adds a case here (by the file's ending) and the
// ending to suiteExts.
func runScript(ctx context.Context, x *commands.Executor, f suiteFile, keepGoing bool) int {
	fh, err := os.Open(f.path)
	if err != nil {
		fmt.Fprintf(x.Stderr, "%s: error: cannot read script: %v\n", f.name, err)
		return commands.StatusUsage
	}
	defer fh.Close()
	status, _ := x.Run(ctx, commands.Script{Name: f.name, R: fh}, commands.RunOptions{KeepGoing: keepGoing})
	return status
}

// startState gives a file's fresh session the run's start state: the
// saved session (--session), then --base (or the playground's), --var,
// --color and --retry, as a single run does.
func startState(ctx context.Context, x *commands.Executor, opts *options, base string) error {
	if opts.session != "" {
		if err := x.Setup(ctx, "session", "load", "--or-new", "--", opts.session); err != nil {
			return fmt.Errorf("--session: %w", err)
		}
	}
	o := *opts
	o.base = base
	if err := o.apply(x.Session); err != nil {
		return commands.Usage(err)
	}
	return nil
}
