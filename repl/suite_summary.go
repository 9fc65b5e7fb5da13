package repl

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/httpsh/httpsh/commands"
)

// suiteCounts are one file's numbers in the summary.
type suiteCounts struct {
	requests, checks, failures int
}

// countsOf counts a file's tries of requests, its checks (expect,
// check), and its failures (failed checks and failed lines).
func countsOf(s *suite) suiteCounts {
	c := suiteCounts{requests: len(s.requests)}
	for _, e := range s.cases {
		if e.Check {
			c.checks++
		}
		if e.Err != nil {
			c.failures++
		}
	}
	return c
}

// statusWord says how a file ended.
func statusWord(s *suite) string {
	switch {
	case !s.ran:
		return "not run"
	case s.status == 0:
		return "ok"
	case s.status == commands.StatusUsage:
		return "usage error (2)"
	case s.status == commands.StatusInterrupted:
		return "interrupted (130)"
	}
	return fmt.Sprintf("failed (%d)", s.status)
}

// writeSummary prints the table of a --test run: one row per file, in
// the order given, then the totals.
func writeSummary(w io.Writer, runs []*fileRun, took time.Duration, jobs int) {
	width := len("file")
	for _, r := range runs {
		width = max(width, len(clean(r.file.name)))
	}
	row := func(name, req, checks, fails, t, status string) {
		fmt.Fprintf(w, "%-*s  %8s  %6s  %8s  %8s  %s\n", width, name, req, checks, fails, t, status)
	}
	row("file", "requests", "checks", "failures", "time", "status")
	var total suiteCounts
	failed := 0
	for _, r := range runs {
		c := countsOf(r.suite)
		total.requests += c.requests
		total.checks += c.checks
		total.failures += c.failures
		if r.suite.status != 0 {
			failed++
		}
		row(clean(r.file.name), strconv.Itoa(c.requests), strconv.Itoa(c.checks), strconv.Itoa(c.failures), roundTime(r.suite.took), statusWord(r.suite))
	}
	fmt.Fprintf(w, "%s: %d passed, %d failed; %s, %s, %s in %s (--jobs %d)\n",
		commands.Plural(len(runs), "file"), len(runs)-failed, failed,
		commands.Plural(total.requests, "request"), commands.Plural(total.checks, "check"), commands.Plural(total.failures, "failure"), roundTime(took), jobs)
}

func roundTime(d time.Duration) string {
	if d < time.Second {
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}
