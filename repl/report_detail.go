package repl

import (
	"fmt"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// maxDetailBody bounds the body bytes a report shows of a failure's
// request or response.
const maxDetailBody = 4 << 10

// failureDetail is the request and response a failed line was about, as
// text for the HTML and JSON reports: control characters escaped,
// credentials hidden, bodies cut at maxDetailBody.
type failureDetail struct {
	Request  string `json:"request"`
	Response string `json:"response,omitempty"`
}

// detailOf describes the last exchange of s when a line failed, or the
// request that got no response; nil when nothing was sent yet.
func detailOf(s *session.Session) *failureDetail {
	if s == nil {
		return nil
	}
	if f := s.LastFailure(); f != nil {
		return &failureDetail{Request: render.Sanitize(f.Method + " " + f.URL), Response: "no response: " + render.Sanitize(commands.ErrorText(f.Err))}
	}
	e := s.Last()
	if e == nil || len(e.Hops) == 0 {
		return nil
	}
	hop := e.Final()
	d := &failureDetail{Request: wireText(&hop.Request)}
	if r := hop.Response; r != nil {
		d.Response = responseText(r)
	}
	return d
}

func wireText(w *session.Wire) string {
	var b strings.Builder
	b.WriteString(render.Sanitize(w.RequestLine()) + "\n")
	for _, l := range w.Lines {
		writeField(&b, l.Name, l.Value)
	}
	writeBody(&b, w.Body)
	return b.String()
}

func responseText(r *session.Response) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d %s\n", render.Sanitize(r.Proto), r.StatusCode, render.Sanitize(r.Reason))
	for _, h := range r.Fields {
		writeField(&b, h.Name, h.Value)
	}
	switch {
	case r.Spilled() || r.Streamed:
		fmt.Fprintf(&b, "\n(%s body not kept in memory)\n", render.HumanBytes(r.Size))
	default:
		writeBody(&b, r.Body)
	}
	return b.String()
}

// writeField writes one header line, a credential's value as ***.
func writeField(b *strings.Builder, name, value string) {
	if session.SecretHeader(name) || strings.EqualFold(name, "Set-Cookie") {
		value = "***"
	}
	fmt.Fprintf(b, "%s: %s\n", render.Sanitize(name), render.Sanitize(value))
}

func writeBody(b *strings.Builder, body []byte) {
	if len(body) == 0 {
		return
	}
	cut := ""
	if len(body) > maxDetailBody {
		body, cut = body[:maxDetailBody], fmt.Sprintf("\n... (cut at %d bytes)", maxDetailBody)
	}
	b.WriteString("\n" + render.SanitizeText(string(body)) + cut + "\n")
}

// attempt is one try of a request as the reports keep it.
type attempt struct {
	where   string
	method  string
	url     string
	status  int // 0: no response
	reason  string
	err     string
	n       int
	start   time.Time
	elapsed time.Duration
}

// sent records one try of a request (the executor's Sent hook).
func (r *report) sent(a commands.Attempt) {
	at := attempt{method: a.Method, url: render.Sanitize(a.URL), n: a.N, start: a.Start, elapsed: a.Elapsed}
	if a.File != "" && a.Line > 0 {
		at.where = fmt.Sprintf("%s:%d", a.File, a.Line)
	}
	if a.Exchange != nil && a.Exchange.Response() != nil {
		at.status, at.reason = a.Exchange.Response().StatusCode, render.Sanitize(a.Exchange.Response().Reason)
	}
	if a.Err != nil {
		at.err = render.Sanitize(commands.ErrorText(a.Err))
	}
	s := r.current()
	s.requests = append(s.requests, at)
}
