package commands

import (
	"context"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// sendAndShow sends p, prints the exchange as the flags say, and turns
// the status into a failure when --raise or `set raise on` asks for it.
func (x *Executor) sendAndShow(ctx context.Context, p *session.Prepared, f *requestFlags) error {
	parts := x.Session.Settings.Show
	if f.show != "" {
		parts, _ = session.ParseShow(f.show)
	}
	show := partSet(parts)
	if f.verbose {
		show["request"] = true
	}
	var opts session.SendOptions
	var out *fileOutput
	switch {
	case f.output != "":
		o, err := x.fileSink(f.output, f.force)
		if err != nil {
			return err
		}
		out = o
		opts.Sink, opts.Progress = o.sink, o.progress
	case f.stream:
		sw := &sanitizingWriter{w: x.Stdout}
		defer sw.finish()
		var flush func()
		opts.Sink, flush = x.streamSink(show, sw)
		defer flush() // runs before sw.finish
	}
	e, err := x.Session.Send(ctx, p, opts)
	if out != nil {
		if ferr := out.finish(err); err == nil && ferr != nil {
			err = ferr
		}
	}
	if e != nil && len(e.Hops) > 0 {
		x.showExchange(e, show, f.stream, out)
	}
	if err != nil {
		return Fail(err)
	}
	return x.raiseFor(e, f.raise)
}

func partSet(parts []string) map[string]bool {
	m := map[string]bool{}
	for _, p := range parts {
		m[p] = true
	}
	return m
}

// raiseFor fails on a 4xx/5xx when asked to, with requests' wording.
func (x *Executor) raiseFor(e *session.Exchange, flag bool) error {
	if !flag && !x.Session.Settings.Raise {
		return nil
	}
	return statusError(e)
}

// statusError is raise_for_status(): nil below 400, else
// "405 Client Error: METHOD NOT ALLOWED for url: http://...".
func statusError(e *session.Exchange) error {
	r := e.Response()
	kind := ""
	switch {
	case r.StatusCode >= 500 && r.StatusCode < 600:
		kind = "Server Error"
	case r.StatusCode >= 400 && r.StatusCode < 500:
		kind = "Client Error"
	default:
		return nil
	}
	return Failf("%d %s: %s for url: %s", r.StatusCode, kind, render.Sanitize(r.Reason), session.Redact(e.URL()))
}

// showExchange prints the parts of e that show selects.
func (x *Executor) showExchange(e *session.Exchange, show map[string]bool, streamed bool, out *fileOutput) {
	r := x.Render()
	w := x.Stdout
	for _, warn := range e.Warnings {
		x.warnf("%s", render.Sanitize(warn))
	}
	for i, hop := range e.Hops {
		last := i == len(e.Hops)-1
		if show["request"] {
			x.writeWire(w, &hop.Request)
			fmt.Fprintln(w)
		}
		if !last && !show["request"] {
			continue
		}
		resp := hop.Response
		if last && streamed {
			if show["timing"] {
				x.writeTiming(w, e)
			}
			continue
		}
		if show["status"] {
			r.Status(w, resp.Proto, resp.StatusCode, resp.Reason)
		}
		if show["headers"] {
			r.Headers(w, fields(resp.Fields))
		}
		hasBody := last && show["body"] && (len(resp.Body) > 0 || resp.Streamed || resp.Spilled() || out != nil)
		if (show["status"] || show["headers"]) && (hasBody || !last) {
			fmt.Fprintln(w)
		}
		if last && show["body"] && !streamed {
			x.writeBody(w, resp, out)
		}
		if show["timing"] && last {
			x.writeTiming(w, e)
		}
	}
}

func (x *Executor) writeBody(w io.Writer, resp *session.Response, out *fileOutput) {
	switch {
	case out != nil:
		fmt.Fprintf(w, "[saved %s to %s]\n", render.HumanBytes(resp.Size), out.path)
	case resp.Streamed:
	case resp.Spilled():
		_ = render.SpilledLine(w, resp.Size)
	default:
		_ = x.Render().Body(w, resp.ContentType(), resp.Body)
	}
}

// writeWire prints a request as it went on the wire.
func (x *Executor) writeWire(w io.Writer, wire *session.Wire) {
	r := x.Render()
	r.RequestLine(w, wire.Method, wireTarget(wire), wire.Proto)
	var fs []render.Field
	for _, l := range wire.Lines {
		fs = append(fs, render.Field{Name: l.Name, Value: l.Value})
	}
	r.Headers(w, fs)
	for _, d := range wire.Dropped {
		fmt.Fprintf(w, "# %s\n", render.Sanitize(d))
	}
	if wire.Via != "" {
		fmt.Fprintf(w, "# via proxy %s\n", render.Sanitize(wire.Via))
	}
	if len(wire.Body) > 0 {
		fmt.Fprintln(w)
		ct := ""
		for _, l := range wire.Lines {
			if strings.EqualFold(l.Name, "Content-Type") {
				ct = l.Value
			}
		}
		_ = r.Body(w, ct, wire.Body)
	}
}

func wireTarget(w *session.Wire) string {
	line := w.RequestLine()
	return strings.TrimSuffix(strings.TrimPrefix(line, w.Method+" "), " "+w.Proto)
}

func fields(hs []session.Header) []render.Field {
	out := make([]render.Field, len(hs))
	for i, h := range hs {
		out[i] = render.Field{Name: h.Name, Value: h.Value}
	}
	return out
}

// streamSink prints the status and headers, then returns a writer that
// sanitises the body on its way to stdout through sw; a text/event-stream
// goes one whole event at a time. flush writes what the event splitter
// holds back at the end (before sw.finish).
func (x *Executor) streamSink(show map[string]bool, sw *sanitizingWriter) (sink func(*session.Response) (io.Writer, error), flush func()) {
	var sse *sseWriter
	flush = func() {
		if sse != nil {
			_ = sse.flush()
		}
	}
	sink = func(resp *session.Response) (io.Writer, error) {
		r := x.Render()
		if show["status"] {
			r.Status(x.Stdout, resp.Proto, resp.StatusCode, resp.Reason)
		}
		if show["headers"] {
			r.Headers(x.Stdout, fields(resp.Fields))
		}
		if show["status"] || show["headers"] {
			fmt.Fprintln(x.Stdout)
		}
		if !show["body"] {
			return io.Discard, nil
		}
		if mt, _, _ := mime.ParseMediaType(resp.ContentType()); mt == "text/event-stream" {
			sse = &sseWriter{w: sw}
			return sse, nil
		}
		return sw, nil
	}
	return sink, flush
}

// sanitizingWriter escapes control characters in text written through it.
// Bytes of a UTF-8 sequence split across writes are held back until
// complete.
type sanitizingWriter struct {
	w       io.Writer
	hold    []byte
	written bool // something was written
	endNL   bool // and it ended with a newline
}

// finish ends the stream on a new line.
func (s *sanitizingWriter) finish() {
	if len(s.hold) > 0 {
		_, _ = io.WriteString(s.w, render.SanitizeText(string(s.hold)))
		s.written, s.endNL = true, s.hold[len(s.hold)-1] == '\n'
		s.hold = nil
	}
	if s.written && !s.endNL {
		_, _ = io.WriteString(s.w, "\n")
	}
}

func (s *sanitizingWriter) Write(b []byte) (int, error) {
	data := append(s.hold, b...)
	cut := len(data)
	for i := len(data) - 1; i >= 0 && i >= len(data)-3; i-- {
		if data[i]&0xC0 == 0xC0 { // a leading byte: is its sequence complete?
			need := 2
			if data[i]&0xF0 == 0xE0 {
				need = 3
			} else if data[i]&0xF8 == 0xF0 {
				need = 4
			}
			if len(data)-i < need {
				cut = i
			}
			break
		}
		if data[i]&0x80 == 0 {
			break
		}
	}
	s.hold = append([]byte(nil), data[cut:]...)
	if cut > 0 {
		s.written, s.endNL = true, data[cut-1] == '\n'
	}
	if _, err := io.WriteString(s.w, render.SanitizeText(string(data[:cut]))); err != nil {
		return 0, err
	}
	if f, ok := s.w.(interface{ Flush() error }); ok {
		if err := f.Flush(); err != nil { // a stream is shown as it arrives
			return 0, err
		}
	}
	return len(b), nil
}
