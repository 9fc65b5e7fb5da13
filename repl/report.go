package repl

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
)

// report collects the results of a run per script file for --report,
// and writes them in each format asked for.
type report struct {
	outputs []reportOutput
	suites  []*suite
	count   int
	cArg    int // the -c argument running (1-based), 0 outside -c
	// sess is the session whose last exchange a failure is about (for
	// the HTML and JSON reports); nil: none is described.
	sess *session.Session
}

// reportOutput is one --report: a format and where it goes.
type reportOutput struct {
	format string // "junit", "tap", "json" or "html"
	path   string // "" or "-": stdout
}

// toStdout reports whether the report is written on stdout.
func (o reportOutput) toStdout() bool { return o.path == "" || o.path == "-" }

type suite struct {
	name  string
	cases []entry
	start time.Time
	last  time.Time // when the last case ended
	took  time.Duration
	// requests are the tries of every request the file sent, in order.
	requests []attempt
	status   int  // the file's exit status (--test)
	ran      bool // the file ran (--test: false when interrupted first)
}

// parseReports reads each --report value ("junit=FILE", "tap",
// "tap=FILE"). At most one report may go to stdout.
func parseReports(vs []string) (*report, error) {
	if len(vs) == 0 {
		return nil, nil
	}
	r := &report{}
	stdout := 0
	for _, v := range vs {
		format, path, _ := strings.Cut(v, "=")
		switch format {
		case "junit", "json", "html":
			if path == "" || format == "html" && path == "-" {
				return nil, fmt.Errorf("--report %s needs a FILE: --report %s FILE%s", format, format, stdoutNote(format))
			}
		case "tap":
		default:
			return nil, fmt.Errorf("--report takes junit FILE, json FILE, html FILE or tap[=FILE], not %q", v)
		}
		if err := checkReportDir(path); err != nil {
			return nil, err
		}
		o := reportOutput{format: format, path: path}
		if o.toStdout() {
			stdout++
		}
		r.outputs = append(r.outputs, o)
	}
	if stdout > 1 {
		return nil, fmt.Errorf("--report: only one report can go to stdout: give the others a FILE")
	}
	return r, nil
}

// toStdout reports whether a report is written on stdout: the run's own
// output then goes to stderr, so the report can be read by a parser.
func (r *report) toStdout() bool {
	for _, o := range r.outputs {
		if o.toStdout() {
			return true
		}
	}
	return false
}

// begin starts the suite of one script file.
func (r *report) begin(name string) {
	r.suites = append(r.suites, &suite{name: name, start: time.Now()})
}

// end closes the current suite.
func (r *report) end() {
	if s := r.current(); s != nil {
		s.took = time.Since(s.start)
	}
}

func (r *report) current() *suite {
	if len(r.suites) == 0 {
		r.begin("-c")
	}
	return r.suites[len(r.suites)-1]
}

// entry is one result and where it came from, named as stderr names it:
// "FILE:LINE", "-c N", or "" for a line typed in the shell.
type entry struct {
	commands.Result
	where  string
	detail *failureDetail // what a failed line was about, or nil
}

// add records one result (the executor's Result hook). A line without a
// file (a -c argument, a line typed in the shell) keeps no line number:
// a -c line's counts within its argument, not the run.
func (r *report) add(res commands.Result) {
	e := entry{Result: res}
	switch {
	case res.File != "" && res.Line > 0:
		e.where = fmt.Sprintf("%s:%d", res.File, res.Line)
	case res.File != "":
		e.where = res.File
	case r.cArg > 0:
		e.where = fmt.Sprintf("-c %d", r.cArg)
	}
	if res.File == "" {
		e.Line = 0
	}
	if res.Err != nil {
		e.detail = detailOf(r.sess)
	}
	s := r.current()
	// A case's time is the run's time since the case before it (or the
	// file's start): the requests it checks are part of it, so the
	// cases of a file add up to the file's time.
	now := time.Now()
	from := s.start
	if s.last.After(from) {
		from = s.last
	}
	e.Elapsed, s.last = now.Sub(from), now
	s.cases = append(s.cases, e)
	r.count++
}

// write writes every report: to its file (atomically) or to stdout. It
// writes them all, and returns the first error.
func (r *report) write(stdout io.Writer) error {
	var first error
	for _, o := range r.outputs {
		if err := r.writeOne(o, stdout); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (r *report) writeOne(o reportOutput, stdout io.Writer) error {
	var b strings.Builder
	switch o.format {
	case "junit":
		if err := r.junit(&b); err != nil {
			return err
		}
	case "json":
		if err := r.json(&b); err != nil {
			return err
		}
	case "html":
		if err := r.html(&b); err != nil {
			return err
		}
	default:
		r.tap(&b)
	}
	if o.toStdout() {
		_, err := io.WriteString(stdout, b.String())
		return err
	}
	return fileout.WriteFileAtomic(o.path, []byte(b.String()), 0o644, true)
}

func caseName(e entry) string {
	text := strings.Join(strings.Fields(clean(firstLine(e.Text))), " ")
	if e.where == "" {
		return text
	}
	return e.where + ": " + text
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// tap writes TAP version 13: one test point per result.
func (r *report) tap(w io.Writer) {
	fmt.Fprintf(w, "TAP version 13\n1..%d\n", r.count)
	n := 0
	for _, s := range r.suites {
		fmt.Fprintf(w, "# %s\n", clean(s.name))
		for _, c := range s.cases {
			n++
			status := "ok"
			if c.Err != nil {
				status = "not ok"
			}
			fmt.Fprintf(w, "%s %d - %s\n", status, n, strings.ReplaceAll(caseName(c), "#", "\\#"))
			if c.Err != nil {
				fmt.Fprintf(w, "  ---\n  message: %q\n  severity: fail\n  ...\n", clean(c.Err.Error()))
			}
		}
	}
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junit writes the JUnit XML that Jenkins, GitLab and GitHub reporters
// read: a testsuite per script file, a testcase per result; a failed
// expect or check is a <failure>, any other failed line an <error>.
func (r *report) junit(w io.Writer) error {
	all := junitSuites{Name: "httpsh"}
	var total time.Duration
	for _, s := range r.suites {
		js := junitSuite{Name: xmlText(s.name), Time: seconds(s.took), Timestamp: s.start.UTC().Format("2006-01-02T15:04:05")}
		for _, c := range s.cases {
			jc := junitCase{Name: xmlText(caseName(c)), Classname: xmlText(classname(c, s.name)), Time: seconds(c.Elapsed)}
			if c.Err != nil {
				p := &junitProblem{Message: xmlText(c.Err.Error()), Type: problemType(c), Text: xmlText(caseName(c) + "\n" + c.Err.Error())}
				if c.Check {
					jc.Failure = p
					js.Failures++
				} else {
					jc.Error = p
					js.Errors++
				}
			}
			js.Cases = append(js.Cases, jc)
		}
		js.Tests = len(js.Cases)
		all.Tests += js.Tests
		all.Failures += js.Failures
		all.Errors += js.Errors
		total += s.took
		all.Suites = append(all.Suites, js)
	}
	all.Time = seconds(total)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return fmt.Errorf("junit report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// problemType is the command for an expectation, else usage or failure.
func problemType(c entry) string {
	switch {
	case c.Check:
		return c.Command
	case commands.ExitStatus(c.Err) == commands.StatusUsage:
		return "usage"
	}
	return "failure"
}

func classname(c entry, suite string) string {
	name := c.File
	if name == "" {
		name = suite
	}
	return strings.TrimSuffix(name, ".hsh")
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// clean replaces control characters with spaces, so report lines stay
// one line each and cannot drive a terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

// xmlText drops what XML 1.0 cannot hold (control characters but tab
// and newline, invalid UTF-8).
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r >= 0x20 && r != 0xFFFD && r != 0xFFFE && r != 0xFFFF {
			return r
		}
		return -1
	}, strings.ToValidUTF8(s, ""))
}
