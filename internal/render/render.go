// Package render decides how HTTP exchanges look on a terminal: the status
// line, headers, bodies (indented and coloured JSON, highlighted text, a
// one-line summary for binary data), tables and errors.
//
// Server text is hostile: everything render prints that came from the
// network goes through Sanitize or SanitizeText first, so a server can never
// drive the user's terminal. render knows nothing of sessions or commands.
package render

import (
	"errors"
	"io"
	"strconv"
	"strings"
)

// Field is one header line in wire order.
type Field struct{ Name, Value string }

// Options configure a Renderer.
type Options struct {
	Color        bool   // emit ANSI colours (caller decides: terminal / --color / NO_COLOR)
	Style        string // chroma style name, case-insensitive; "" means monokai
	MaxHighlight int    // bytes of body to colour, plain past that; 0 means 1 MiB, < 0 never colour bodies
	// MaxJSONHighlight is the same bound for JSON, which our own printer
	// colours at over 100 MB/s (chroma's lexers manage about 0.5 MB/s on
	// HTML); 0 means MaxHighlight.
	MaxJSONHighlight int
}

// ErrUnknownStyle is wrapped by the error New returns for an unknown style.
var ErrUnknownStyle = errors.New("unknown style")

const (
	defaultMaxHighlight = 1 << 20
	sgrReset            = "\x1b[0m"
	sgrBold             = "\x1b[1m"
	sgrRed              = "\x1b[31m"
)

// Renderer prints exchanges. It is immutable and safe for concurrent use.
type Renderer struct {
	color        bool
	maxHighlight int
	maxJSON      int
	hl           *highlighter
	palette      *Palette // nil without colour
	comment      string   // colour of annotations
}

// New returns a Renderer for o. It fails, wrapping ErrUnknownStyle, when
// o.Style names no known style, even when o.Color is false.
func New(o Options) (*Renderer, error) {
	hl, err := newHighlighter(o.Style)
	if err != nil {
		return nil, err
	}
	r := &Renderer{color: o.Color, maxHighlight: o.MaxHighlight, hl: hl}
	switch {
	case r.maxHighlight == 0:
		r.maxHighlight = defaultMaxHighlight
	case r.maxHighlight < 0:
		r.maxHighlight = -1
	}
	r.maxJSON = o.MaxJSONHighlight
	if r.maxJSON == 0 || r.maxHighlight < 0 {
		r.maxJSON = r.maxHighlight
	}
	if o.Color {
		t := hl.theme()
		r.palette, r.comment = &t.palette, t.comment
	}
	return r, nil
}

// Styles returns the names of the available styles, sorted.
func Styles() []string { return styleNames() }

// Palette returns the JSON colours of r's style, or nil when r does not
// colour. The result is a copy the caller may keep.
func (r *Renderer) Palette() *Palette {
	if r.palette == nil {
		return nil
	}
	p := *r.palette
	return &p
}

// paint wraps s in seq and a reset, or returns s when r does not colour or
// seq is empty.
func (r *Renderer) paint(seq, s string) string {
	if !r.color || seq == "" {
		return s
	}
	return seq + s + sgrReset
}

// Status prints a status line such as "HTTP/1.1 405 METHOD NOT ALLOWED".
// proto and reason are sanitised; an empty reason is left out. With colour,
// code and reason are bold and coloured by class: 2xx green, 3xx yellow,
// 4xx and 5xx red, others cyan.
func (r *Renderer) Status(w io.Writer, proto string, code int, reason string) {
	var b strings.Builder
	b.WriteString(Sanitize(proto))
	b.WriteByte(' ')
	tail := strconv.Itoa(code)
	if reason != "" {
		tail += " " + Sanitize(reason)
	}
	b.WriteString(r.paint(statusColour(code), tail))
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

func statusColour(code int) string {
	switch {
	case code >= 200 && code < 300:
		return "\x1b[1;32m"
	case code >= 300 && code < 400:
		return "\x1b[1;33m"
	case code >= 400 && code < 600:
		return "\x1b[1;31m"
	}
	return "\x1b[1;36m"
}

// RequestLine prints "METHOD TARGET PROTO", each part sanitised.
func (r *Renderer) RequestLine(w io.Writer, method, target, proto string) {
	line := r.paint(sgrBold, Sanitize(method)) + " " + Sanitize(target) + " " + Sanitize(proto) + "\n"
	io.WriteString(w, line)
}

// Headers prints "Name: value" for each field in order, both sanitised
// (a newline in a value shows as \n). With colour, names take the style's
// key colour.
func (r *Renderer) Headers(w io.Writer, fields []Field) {
	r.AnnotatedHeaders(w, fields, nil)
}

// AnnotatedHeaders is Headers with a comment "  # note" after each line
// whose notes[i] is not empty (missing notes count as empty). The comments
// start in one column, past the longest annotated line but at most at
// column maxNoteColumn; longer lines get theirs two spaces after the text.
// Notes are sanitised too.
func (r *Renderer) AnnotatedHeaders(w io.Writer, fields []Field, notes []string) {
	lines := make([]string, len(fields))
	col := 0
	for i, f := range fields {
		lines[i] = Sanitize(f.Name) + ": " + Sanitize(f.Value)
		if note(notes, i) != "" {
			col = max(col, min(textWidth(lines[i]), maxNoteColumn))
		}
	}
	var b strings.Builder
	for i, f := range fields {
		name := Sanitize(f.Name)
		b.WriteString(r.paint(r.keyColour(), name))
		b.WriteString(lines[i][len(name):])
		if n := note(notes, i); n != "" {
			pad := max(col-textWidth(lines[i]), 0) + 2
			b.WriteString(strings.Repeat(" ", pad))
			b.WriteString(r.paint(r.comment, "# "+Sanitize(n)))
		}
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}

// maxNoteColumn bounds the alignment of header annotations.
const maxNoteColumn = 60

func note(notes []string, i int) string {
	if i < len(notes) {
		return notes[i]
	}
	return ""
}

func (r *Renderer) keyColour() string {
	if r.palette == nil {
		return ""
	}
	return r.palette.Key
}

// Error prints "error: msg" and a newline. msg is sanitised as text
// (newlines and tabs are kept, trailing newlines dropped); with colour,
// "error:" is red.
func (r *Renderer) Error(w io.Writer, msg string) {
	msg = SanitizeText(strings.TrimRight(msg, "\r\n"))
	io.WriteString(w, r.paint(sgrRed, "error:")+" "+msg+"\n")
}
