package interchange

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/har"
	"github.com/httpsh/httpsh/session"
)

// harOf encodes every kept exchange, each hop an entry, as HAR 1.2 (see
// har.Marshal). The active environment's secret values are written as
// {{name}}.
func harOf(env *commands.Env) ([]byte, error) {
	var xs []har.Exchange
	hide := env.Session.Env.Hide
	for _, e := range env.Session.Exchanges() {
		for _, h := range e.Hops {
			xs = append(xs, harExchange(e, h, hide))
		}
	}
	b, err := har.Marshal("httpsh", env.Version, xs)
	if err != nil {
		return nil, commands.Failf("export har: %w", err)
	}
	return b, nil
}

func harExchange(e *session.Exchange, h *session.Hop, hide func(string) string) har.Exchange {
	t := h.Timing
	start := t.Start
	if start.IsZero() {
		start = e.Start
	}
	w := &h.Request
	req := har.Message{Method: w.Method, URL: hide(w.URL.String()), Proto: w.Proto, Body: w.Body, WireSize: -1}
	if utf8.Valid(w.Body) {
		req.Body = []byte(hide(string(w.Body)))
	}
	for _, l := range w.Lines {
		req.Headers = append(req.Headers, collection.Header{Name: l.Name, Value: hide(l.Value)})
	}
	x := har.Exchange{Start: start, Request: req, Timings: harTimings(t)}
	if r := h.Response; r != nil {
		resp := &har.Message{Status: r.StatusCode, Reason: r.Reason, Proto: r.Proto, Body: r.Body, WireSize: r.WireSize}
		for _, f := range r.Fields {
			resp.Headers = append(resp.Headers, collection.Header{Name: f.Name, Value: f.Value})
		}
		switch {
		case r.Streamed:
			resp.Omitted = "the body was streamed to a file or the screen, not kept"
		case r.Moved != "":
			resp.Omitted = "the body was " + r.Moved + " and is left out"
		case r.Spilled():
			resp.Omitted = "the body was over body-limit and is left out"
		}
		x.Response = resp
	}
	if t.RemoteAddr != "" {
		x.ServerIP, x.Connection = splitHostPort(t.RemoteAddr)
	}
	return x
}

// harTimings are t's phases; -1 for those that did not happen.
func harTimings(t session.Timing) har.Timings {
	span := func(from, to time.Duration) time.Duration {
		if to <= 0 || to < from {
			return -1
		}
		return to - from
	}
	h := har.Timings{Blocked: -1,
		DNS: span(t.DNSStart, t.DNSDone), Connect: span(t.ConnectStart, t.ConnectDone), SSL: span(t.TLSStart, t.TLSDone)}
	h.Send = max(span(t.GotConn, t.WroteRequest), 0)
	h.Wait = max(span(t.WroteRequest, t.FirstByte), 0)
	h.Receive = max(span(t.FirstByte, t.BodyDone), 0)
	return h
}

func splitHostPort(addr string) (string, string) {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return addr, ""
	}
	return strings.Trim(addr[:i], "[]"), addr[i+1:]
}
