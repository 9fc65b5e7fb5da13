package render

import (
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/httpsh/httpsh/internal/charset"
	"github.com/httpsh/httpsh/session"
)

// View prints exchanges: R colours, W is where they go (stdout), Warn
// gets warning lines (stderr), Cols is the terminal's width.
type View struct {
	R    *Renderer
	W    io.Writer
	Warn io.Writer
	Cols int
	// Terminal says W is a terminal: Parts.Raw then still escapes
	// control characters.
	Terminal bool
}

// Parts are the parts of an exchange to print: --show and `set show`,
// parsed once.
type Parts struct {
	Status, Headers, Body, Request, Timing bool
	// Raw prints the body's bytes as received (--raw): no charset
	// decoding, indenting or colour; sanitised only on a terminal.
	Raw bool
}

// PartsOf makes Parts of names such as "status", "headers" (as
// session.ParseShow returns them); unknown names are ignored.
func PartsOf(names []string) Parts {
	var p Parts
	for _, n := range names {
		switch n {
		case "status":
			p.Status = true
		case "headers":
			p.Headers = true
		case "body":
			p.Body = true
		case "request":
			p.Request = true
		case "timing":
			p.Timing = true
		}
	}
	return p
}

// Exchange prints the parts of e that show selects: every hop's request
// with Request, the final response's status, headers, body and timing.
// streamed: the body was already printed as it arrived; savedTo: it went
// to that file. Warnings go to v.Warn.
func (v View) Exchange(e *session.Exchange, show Parts, streamed bool, savedTo string) {
	r := v.R
	w := v.W
	for _, warn := range e.Warnings {
		fmt.Fprintf(v.Warn, "warning: %s\n", Sanitize(warn))
	}
	for i, hop := range e.Hops {
		last := i == len(e.Hops)-1
		if show.Request {
			v.Wire(w, &hop.Request)
			fmt.Fprintln(w)
		}
		if !last && !show.Request {
			continue
		}
		resp := hop.Response
		if last && streamed {
			if show.Timing {
				v.Timing(w, e)
			}
			continue
		}
		if show.Status {
			r.Status(w, resp.Proto, resp.StatusCode, resp.Reason)
		}
		if show.Headers {
			r.Headers(w, Fields(resp.Fields))
		}
		hasBody := last && show.Body && (len(resp.Body) > 0 || resp.Streamed || resp.Spilled() || resp.Moved != "" || savedTo != "")
		if (show.Status || show.Headers) && (hasBody || !last) {
			fmt.Fprintln(w)
		}
		if last && show.Body && !streamed {
			v.body(w, resp, savedTo, show.Raw)
		}
		if show.Timing && last {
			v.Timing(w, e)
		}
	}
}

func (v View) body(w io.Writer, resp *session.Response, savedTo string, raw bool) {
	switch {
	case raw && savedTo == "" && !resp.Streamed && !resp.Spilled():
		v.rawBody(w, resp.Body)
	case savedTo != "":
		fmt.Fprintf(w, "[saved %s to %s]\n", HumanBytes(resp.Size), savedTo)
	case resp.Streamed:
	case resp.Moved != "":
		_ = MovedLine(w, resp.Size, resp.Moved)
	case resp.Spilled():
		_ = SpilledLine(w, resp.Size)
	case undecoded(resp) != "":
		_ = EncodedLine(w, undecoded(resp), resp.ContentType(), len(resp.Body))
	default:
		if err := charset.Check(resp.ContentType()); err != nil && len(resp.Body) > 0 {
			fmt.Fprintf(v.Warn, "warning: %s\n", Sanitize(err.Error()))
		}
		_ = v.R.Body(w, resp.ContentType(), resp.Body)
	}
}

// rawBody prints body as received: its bytes when W is not a terminal
// (for pipes), else sanitised text ending in a newline.
func (v View) rawBody(w io.Writer, body []byte) {
	if !v.Terminal {
		_, _ = w.Write(body)
		return
	}
	text := SanitizeText(string(body))
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, _ = io.WriteString(w, text)
}

// undecoded is the Content-Encoding of a body httpsh did not undo (a
// coding it does not know, such as compress, or codings stacked), or ""
// when the body is as sent or was decoded.
func undecoded(resp *session.Response) string {
	ce := strings.TrimSpace(resp.Header.Get("Content-Encoding"))
	if resp.Encoding != "" || ce == "" || strings.EqualFold(ce, "identity") || len(resp.Body) == 0 {
		return ""
	}
	return ce
}

// Wire prints a request as it went on the wire.
func (v View) Wire(w io.Writer, wire *session.Wire) {
	r := v.R
	r.RequestLine(w, wire.Method, WireTarget(wire), wire.Proto)
	var fs []Field
	for _, l := range wire.Lines {
		fs = append(fs, Field{Name: l.Name, Value: l.Value})
	}
	r.Headers(w, fs)
	for _, d := range wire.Dropped {
		fmt.Fprintf(w, "# %s\n", Sanitize(d))
	}
	if wire.Via != "" {
		fmt.Fprintf(w, "# via proxy %s\n", Sanitize(wire.Via))
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

// WireTarget is the request target of w as its request line has it.
func WireTarget(w *session.Wire) string {
	line := w.RequestLine()
	return strings.TrimSuffix(strings.TrimPrefix(line, w.Method+" "), " "+w.Proto)
}

// Fields converts session headers for Headers.
func Fields(hs []session.Header) []Field {
	out := make([]Field, len(hs))
	for i, h := range hs {
		out[i] = Field{Name: h.Name, Value: h.Value}
	}
	return out
}

// StreamSink prints the status and headers, then returns a writer that
// sanitises the body on its way to v.W through sw; a text/event-stream
// goes one whole event at a time. flush writes what the event splitter
// holds back at the end (before sw.Finish).
func (v View) StreamSink(show Parts, sw *SanitizingWriter) (sink func(*session.Response) (io.Writer, error), flush func()) {
	var sse *SSEWriter
	flush = func() {
		if sse != nil {
			_ = sse.flush()
		}
	}
	sink = func(resp *session.Response) (io.Writer, error) {
		r := v.R
		if show.Status {
			r.Status(v.W, resp.Proto, resp.StatusCode, resp.Reason)
		}
		if show.Headers {
			r.Headers(v.W, Fields(resp.Fields))
		}
		if show.Status || show.Headers {
			fmt.Fprintln(v.W)
		}
		if !show.Body {
			return io.Discard, nil
		}
		if mt, _, _ := mime.ParseMediaType(resp.ContentType()); mt == "text/event-stream" {
			sse = &SSEWriter{w: sw}
			return sse, nil
		}
		return sw, nil
	}
	return sink, flush
}

// SanitizingWriter escapes control characters in text written through it.
// Bytes of a UTF-8 sequence split across writes are held back until
// complete. Make one with NewSanitizingWriter; call Finish at the end.
type SanitizingWriter struct {
	w       io.Writer
	hold    []byte
	written bool // something was written
	endNL   bool // and it ended with a newline
}

// NewSanitizingWriter returns a SanitizingWriter writing to w.
func NewSanitizingWriter(w io.Writer) *SanitizingWriter { return &SanitizingWriter{w: w} }

// Finish ends the stream on a new line.
func (s *SanitizingWriter) Finish() {
	if len(s.hold) > 0 {
		_, _ = io.WriteString(s.w, SanitizeText(string(s.hold)))
		s.written, s.endNL = true, s.hold[len(s.hold)-1] == '\n'
		s.hold = nil
	}
	if s.written && !s.endNL {
		_, _ = io.WriteString(s.w, "\n")
	}
}

func (s *SanitizingWriter) Write(b []byte) (int, error) {
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
	if _, err := io.WriteString(s.w, SanitizeText(string(data[:cut]))); err != nil {
		return 0, err
	}
	if f, ok := s.w.(interface{ Flush() error }); ok {
		if err := f.Flush(); err != nil { // a stream is shown as it arrives
			return 0, err
		}
	}
	return len(b), nil
}
