package repl

import (
	"fmt"
	"html/template"
	"io"
	"time"
)

// htmlPage is the --report html page: one file, its CSS inline, no
// script and nothing fetched, so it opens anywhere (a CI artifact, a
// mail). html/template escapes every value.
const htmlPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>httpsh report: {{.Failed}} failed of {{.Total}}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
td.n{text-align:right}
.pass{color:#11772d}.fail{color:#b3261e;font-weight:bold}
pre{background:#f6f6f6;border:1px solid #ddd;padding:.6em;overflow:auto;white-space:pre-wrap}
h2{margin-top:1.6em;border-bottom:1px solid #ccc}
</style></head><body>
<h1>httpsh report</h1>
<p>{{.Files}} files, {{.Total}} results (checks and failed lines), <span class="{{if .Failed}}fail{{else}}pass{{end}}">{{.Failed}} failed</span>, {{.Requests}} requests, {{.Time}}.</p>
<table><tr><th>file</th><th>requests</th><th>checks</th><th>failures</th><th>time</th><th>exit status</th></tr>
{{range .Rows}}<tr><td><a href="#{{.ID}}">{{.Name}}</a></td><td class="n">{{.Requests}}</td><td class="n">{{.Checks}}</td><td class="n">{{.Failures}}</td><td class="n">{{.Time}}</td><td class="{{if .Status}}fail{{else}}pass{{end}}">{{.Status}}</td></tr>
{{end}}</table>
{{range .Rows}}<h2 id="{{.ID}}">{{.Name}}</h2>
{{if not .Cases}}<p>no checks</p>{{end}}<ul>
{{range .Cases}}<li>{{if .Failed}}<span class="fail">FAIL</span>{{else}}<span class="pass">ok</span>{{end}} {{.Name}}
{{if .Failed}}<pre>{{.Message}}</pre>{{with .Detail}}<p>request:</p><pre>{{.Request}}</pre>{{if .Response}}<p>response:</p><pre>{{.Response}}</pre>{{end}}{{end}}{{end}}</li>
{{end}}</ul>
{{end}}</body></html>
`

type htmlData struct {
	Files, Total, Failed, Requests int
	Time                           string
	Rows                           []htmlRow
}

type htmlRow struct {
	ID, Name, Time                     string
	Requests, Checks, Failures, Status int
	Cases                              []htmlCase
}

type htmlCase struct {
	Name, Message string
	Failed        bool
	Detail        *failureDetail
}

// html writes the HTML report: the summary, each file's checks, and for
// each failure the request and response it was about.
func (r *report) html(w io.Writer) error {
	t, err := template.New("report").Parse(htmlPage)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	d := htmlData{Files: len(r.suites)}
	var total time.Duration
	for i, s := range r.suites {
		row := htmlRow{ID: fmt.Sprintf("f%d", i+1), Name: clean(s.name), Time: s.took.Round(time.Millisecond).String(), Requests: len(s.requests), Status: s.status}
		for _, c := range s.cases {
			hc := htmlCase{Name: caseName(c), Failed: c.Err != nil, Detail: c.detail}
			if c.Err != nil {
				hc.Message = clean(c.Err.Error())
				row.Failures++
			}
			row.Cases = append(row.Cases, hc)
		}
		row.Checks = len(row.Cases)
		d.Total += row.Checks
		d.Failed += row.Failures
		d.Requests += row.Requests
		total += s.took
		d.Rows = append(d.Rows, row)
	}
	d.Time = total.Round(time.Millisecond).String()
	if err := t.Execute(w, d); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	return nil
}
