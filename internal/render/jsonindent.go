package render

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"
)

// Palette holds the ANSI sequences IndentJSON wraps around each kind of
// token. An empty field leaves that kind uncoloured; Reset follows every
// coloured token.
type Palette struct {
	Key, String, Number, Literal, Punct, Reset string
}

const (
	// maxJSONDepth is the nesting limit, the same as encoding/json's, so
	// IndentJSON accepts exactly what json.Valid accepts.
	maxJSONDepth = 10000
	// maxIndentLevel caps the indentation: deeper levels are printed at
	// this level, so hostile nesting cannot blow up the output quadratically.
	maxIndentLevel = 64
	flushAt        = 32 << 10
)

// IndentJSON pretty-prints the single JSON value in data to w: two-space
// indentation, one member or element per line, empty objects and arrays as
// {} and [], keys in their original order, numbers and escapes copied as
// they are, and no trailing newline. Nesting deeper than 64 levels is
// printed at the indentation of level 64.
//
// Inside strings, raw DEL, C1 and bidi control characters are rewritten as
// \uNNNN escapes and bytes that are not valid UTF-8 as \ufffd, so the
// output is safe for a terminal and still valid JSON denoting the same value
// encoding/json decodes from data.
//
// p colours the tokens; nil means no colour. data is invalid JSON exactly
// when json.Valid(data) is false; IndentJSON then returns an error
// describing it, after having written the output up to that point. Callers
// that need all or nothing check json.Valid first. A write error stops the
// output and is returned.
func IndentJSON(w io.Writer, data []byte, p *Palette) error {
	return indentJSON(w, data, p, len(data))
}

// indentJSON is IndentJSON colouring only the tokens that start before
// offset limit of data.
func indentJSON(w io.Writer, data []byte, p *Palette, limit int) error {
	ind := &indenter{in: data, w: w, p: p, limit: limit, out: outBuffer(len(data), p), flushAt: flushAt}
	return ind.run()
}

// indentValidJSON prints data as IndentJSON does if it is valid JSON and
// reports whether it was; invalid JSON writes nothing. It validates while
// it prints, in one pass: output is held back until the input is known to
// be valid, and when the held output fills the buffer (flushAt bytes) the
// rest of the input is checked by validFrom before printing goes on, since
// printed output cannot be withdrawn. The error is w's only.
func indentValidJSON(w io.Writer, data []byte, p *Palette, limit int) (bool, error) {
	return indentValidAt(w, data, p, limit, flushAt)
}

// indentValidAt is indentValidJSON flushing at flush bytes (tests use
// small values to reach validFrom on small inputs).
func indentValidAt(w io.Writer, data []byte, p *Palette, limit, flush int) (bool, error) {
	ind := &indenter{in: data, w: w, p: p, limit: limit, out: outBuffer(len(data), p), hold: true, flushAt: flush}
	err := ind.run()
	if ind.werr != nil {
		return true, ind.werr
	}
	return err == nil, nil
}

// outBuffer returns an output buffer sized to a body of n bytes: a small
// body needs a few times its size (indentation and colours), a large one
// the flush threshold.
func outBuffer(n int, p *Palette) []byte {
	est := 2*n + 64
	if p != nil {
		est = 5*n + 64
	}
	return make([]byte, 0, min(est, flushAt+4096))
}

// run prints the whole input and returns the first syntax or write error.
// While d.hold is set a syntax error discards the held output.
func (d *indenter) run() error {
	d.skipSpace()
	err := d.value(0)
	if err == nil {
		d.skipSpace()
		if d.pos < len(d.in) {
			err = d.syntaxErr("after top-level value")
		}
	}
	if err != nil && d.hold {
		d.out = d.out[:0]
		return err
	}
	if err != nil && d.p != nil {
		d.out = append(d.out, d.p.Reset...)
	}
	if ferr := d.flush(); err == nil {
		err = ferr
	}
	if d.werr != nil {
		return d.werr
	}
	return err
}

type indenter struct {
	in    []byte
	pos   int
	w     io.Writer
	werr  error
	out   []byte
	p     *Palette
	limit int
	// flushAt is the output size that is written out (or validated).
	flushAt int
	// hold keeps the output unwritten until the input is known valid.
	hold bool
	// stack holds the closing byte of each open container, innermost
	// last, so validFrom can check the rest of the input mid-document.
	stack []byte
}

func (d *indenter) flush() error {
	if d.werr == nil && len(d.out) > 0 {
		_, d.werr = d.w.Write(d.out)
	}
	d.out = d.out[:0]
	return d.werr
}

// maybeFlush writes the output once it reaches flushAt bytes. It is
// called where a value is expected; if the output is still held there,
// the rest of the input is validated first and an invalid rest stops the
// printing with a syntax error and nothing written.
func (d *indenter) maybeFlush() error {
	if len(d.out) < d.flushAt {
		return nil
	}
	if d.hold {
		if !validFrom(d.in, d.pos, slices.Clone(d.stack)) {
			return errInvalidRest
		}
		d.hold = false
	}
	return d.flush()
}

// errInvalidRest stops a held print whose rest validFrom rejected.
var errInvalidRest = errors.New("invalid JSON")

func (d *indenter) syntaxErr(context string) error {
	if d.pos >= len(d.in) {
		return fmt.Errorf("invalid JSON: unexpected end of input %s", context)
	}
	return fmt.Errorf("invalid JSON: unexpected character %q at offset %d %s",
		Sanitize(string(d.in[d.pos])), d.pos, context)
}

func (d *indenter) skipSpace() {
	for d.pos < len(d.in) {
		switch d.in[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// palette returns the palette for a token starting at the current offset.
func (d *indenter) palette() *Palette {
	if d.p != nil && d.pos >= d.limit {
		d.p = nil
	}
	return d.p
}

// colour starts a coloured token and returns whether it must be reset.
func (d *indenter) colour(seq string) bool {
	if seq == "" {
		return false
	}
	d.out = append(d.out, seq...)
	return true
}

func (d *indenter) reset(on bool) {
	if on {
		d.out = append(d.out, d.p.Reset...)
	}
}

func (d *indenter) punct(c byte) {
	p := d.palette()
	on := p != nil && d.colour(p.Punct)
	d.out = append(d.out, c)
	d.reset(on)
}

const spaces = "                                                                                                                                " // 2*maxIndentLevel

func (d *indenter) newline(depth int) {
	d.out = append(d.out, '\n')
	d.out = append(d.out, spaces[:2*min(depth, maxIndentLevel)]...)
}

func (d *indenter) value(depth int) error {
	if d.pos >= len(d.in) {
		return d.syntaxErr("looking for a value")
	}
	if err := d.maybeFlush(); err != nil {
		return err
	}
	switch c := d.in[d.pos]; {
	case c == '{':
		return d.container(depth, '}')
	case c == '[':
		return d.container(depth, ']')
	case c == '"':
		return d.stringToken(d.seq(func(p *Palette) string { return p.String }))
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	}
	return d.syntaxErr("looking for a value")
}

// seq returns the palette field chosen by f, or "" without colour.
func (d *indenter) seq(f func(*Palette) string) string {
	if p := d.palette(); p != nil {
		return f(p)
	}
	return ""
}

// container prints an object (end '}') or an array (end ']').
func (d *indenter) container(depth int, end byte) error {
	if depth >= maxJSONDepth {
		return d.syntaxErr("(nested too deeply)")
	}
	d.punct(d.in[d.pos])
	d.pos++
	d.skipSpace()
	if d.pos < len(d.in) && d.in[d.pos] == end {
		d.punct(end)
		d.pos++
		return nil
	}
	d.stack = append(d.stack, end)
	for {
		d.newline(depth + 1)
		if err := d.member(depth+1, end == '}'); err != nil {
			return err
		}
		d.skipSpace()
		if d.pos >= len(d.in) {
			return d.syntaxErr("in " + containerName(end))
		}
		switch d.in[d.pos] {
		case ',':
			d.punct(',')
			d.pos++
			d.skipSpace()
		case end:
			d.newline(depth)
			d.punct(end)
			d.pos++
			d.stack = d.stack[:len(d.stack)-1]
			return nil
		default:
			return d.syntaxErr("in " + containerName(end))
		}
	}
}

func containerName(end byte) string {
	if end == '}' {
		return "object"
	}
	return "array"
}

// member prints an array element, or an object's key, colon and value.
func (d *indenter) member(depth int, object bool) error {
	if !object {
		return d.value(depth)
	}
	if d.pos >= len(d.in) || d.in[d.pos] != '"' {
		return d.syntaxErr("looking for an object key")
	}
	if err := d.stringToken(d.seq(func(p *Palette) string { return p.Key })); err != nil {
		return err
	}
	d.skipSpace()
	if d.pos >= len(d.in) || d.in[d.pos] != ':' {
		return d.syntaxErr("after object key")
	}
	d.punct(':')
	d.out = append(d.out, ' ')
	d.pos++
	d.skipSpace()
	return d.value(depth)
}

func (d *indenter) literal(word string) error {
	if len(d.in)-d.pos < len(word) || string(d.in[d.pos:d.pos+len(word)]) != word {
		return d.syntaxErr("in literal")
	}
	on := d.colour(d.seq(func(p *Palette) string { return p.Literal }))
	d.out = append(d.out, word...)
	d.reset(on)
	d.pos += len(word)
	return nil
}

// number copies a number after checking it against the JSON grammar.
func (d *indenter) number() error {
	start := d.pos
	i, problem := numberEnd(d.in, start)
	if problem != "" {
		d.pos = i
		return d.syntaxErr(problem)
	}
	on := d.colour(d.seq(func(p *Palette) string { return p.Number }))
	d.out = append(d.out, d.in[start:i]...)
	d.reset(on)
	d.pos = i
	return nil
}

func digits(in []byte, i int) int {
	for i < len(in) && in[i] >= '0' && in[i] <= '9' {
		i++
	}
	return i
}

// plainString marks the bytes copied as they are inside a JSON string.
var plainString = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// stringToken copies the string at d.pos, quotes included, validating its
// escapes and re-escaping characters unsafe for a terminal.
func (d *indenter) stringToken(seq string) error {
	on := d.colour(seq)
	in := d.in
	i := d.pos + 1
	d.out = append(d.out, '"')
	for {
		j := i
		for j < len(in) && plainString[in[j]] {
			j++
		}
		d.out = append(d.out, in[i:j]...)
		i = j
		if i >= len(in) {
			d.pos = i
			return d.syntaxErr("in string")
		}
		switch c := in[i]; {
		case c == '"':
			d.out = append(d.out, '"')
			d.reset(on)
			d.pos = i + 1
			return nil
		case c == '\\':
			n, ok := escapeLen(in[i:])
			if !ok {
				d.pos = i
				return d.syntaxErr("in string escape")
			}
			d.out = append(d.out, in[i:i+n]...)
			i += n
		case c < 0x20:
			d.pos = i
			return d.syntaxErr("in string")
		default:
			i += d.nonASCII(in[i:])
		}
	}
}

// escapeLen returns the length of the valid escape sequence at the start
// of b, which begins with a backslash.
func escapeLen(b []byte) (int, bool) {
	if len(b) < 2 {
		return 0, false
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, true
	case 'u':
		if len(b) < 6 {
			return 0, false
		}
		for _, c := range b[2:6] {
			if !isHex(c) {
				return 0, false
			}
		}
		return 6, true
	}
	return 0, false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// nonASCII copies DEL or the UTF-8 sequence at the start of b, escaping
// it when unsafe, and returns how many bytes it consumed.
func (d *indenter) nonASCII(b []byte) int {
	if b[0] == 0x7f {
		d.out = append(d.out, `\u007f`...)
		return 1
	}
	r, size := utf8.DecodeRune(b)
	switch {
	case size == 1:
		d.out = append(d.out, `\ufffd`...)
	case unsafeRune(r):
		d.out = append(d.out, '\\', 'u',
			hexDigits[(r>>12)&0xf], hexDigits[(r>>8)&0xf], hexDigits[(r>>4)&0xf], hexDigits[r&0xf])
	default:
		d.out = append(d.out, b[:size]...)
	}
	return size
}
