package repl

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// twoWordReport says whether `--report FORMAT FILE` takes FILE as its
// second word.
func twoWordReport(format string) bool {
	return format == "junit" || format == "json" || format == "html"
}

// stdoutNote says how to send a report to stdout, where it can go.
func stdoutNote(format string) string {
	if format == "html" {
		return ""
	}
	return " (- for stdout)"
}

// checkReportDir refuses a report path whose folder does not exist, so
// the mistake shows before anything runs, not after.
func checkReportDir(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("--report %s: folder %s does not exist: create it first (mkdir -p %s)", path, dir, dir)
	}
	return nil
}

// jsonReport is the --report json document; testdata/report.schema.json
// is its schema, and a test validates the output against it.
type jsonReport struct {
	Tool    string      `json:"tool"`
	Version string      `json:"version"`
	Summary jsonSummary `json:"summary"`
	Files   []jsonFile  `json:"files"`
}

type jsonSummary struct {
	Files    int     `json:"files"`
	Requests int     `json:"requests"`
	Checks   int     `json:"checks"`
	Failures int     `json:"failures"`
	Errors   int     `json:"errors"`
	TimeMS   float64 `json:"time_ms"`
}

type jsonFile struct {
	Name     string        `json:"name"`
	Status   int           `json:"status"`
	Ran      bool          `json:"ran"`
	Started  string        `json:"started"`
	TimeMS   float64       `json:"time_ms"`
	Requests []jsonRequest `json:"requests"`
	Checks   []jsonCheck   `json:"checks"`
}

type jsonRequest struct {
	Where   string  `json:"where,omitempty"`
	Method  string  `json:"method"`
	URL     string  `json:"url"`
	Status  int     `json:"status"`
	Reason  string  `json:"reason,omitempty"`
	Error   string  `json:"error,omitempty"`
	Attempt int     `json:"attempt"`
	Started string  `json:"started"`
	TimeMS  float64 `json:"time_ms"`
}

type jsonCheck struct {
	Where   string         `json:"where,omitempty"`
	Command string         `json:"command"`
	Text    string         `json:"text"`
	Check   bool           `json:"check"`
	Passed  bool           `json:"passed"`
	Message string         `json:"message,omitempty"`
	TimeMS  float64        `json:"time_ms"`
	Failure *failureDetail `json:"failure,omitempty"`
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// json writes the JSON report: every file, every try of every request
// with its status and time, every check with its outcome.
func (r *report) json(w io.Writer) error {
	doc := jsonReport{Tool: "httpsh", Version: Version, Files: []jsonFile{}}
	var total time.Duration
	for _, s := range r.suites {
		f := jsonFile{Name: clean(s.name), Status: s.status, Ran: s.ran || len(s.cases)+len(s.requests) > 0, Started: stamp(s.start), TimeMS: ms(s.took),
			Requests: []jsonRequest{}, Checks: []jsonCheck{}}
		for _, a := range s.requests {
			f.Requests = append(f.Requests, jsonRequest{Where: clean(a.where), Method: clean(a.method), URL: a.url, Status: a.status, Reason: a.reason,
				Error: a.err, Attempt: a.n, Started: stamp(a.start), TimeMS: ms(a.elapsed)})
		}
		for _, c := range s.cases {
			jc := jsonCheck{Where: clean(c.where), Command: c.Command, Text: clean(c.Text), Check: c.Check, Passed: c.Err == nil, TimeMS: ms(c.Elapsed), Failure: c.detail}
			if c.Err != nil {
				jc.Message = clean(c.Err.Error())
				if c.Check {
					doc.Summary.Failures++
				} else {
					doc.Summary.Errors++
				}
			}
			f.Checks = append(f.Checks, jc)
		}
		doc.Summary.Requests += len(f.Requests)
		doc.Summary.Checks += len(f.Checks)
		total += s.took
		doc.Files = append(doc.Files, f)
	}
	doc.Summary.Files, doc.Summary.TimeMS = len(doc.Files), ms(total)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("json report: %w", err)
	}
	return nil
}
