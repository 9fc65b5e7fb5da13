package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// MaxMarkupIndent is the largest XML or HTML body IndentXML and
// IndentHTML indent; a bigger one is returned as it is.
const MaxMarkupIndent = 16 << 20

// IndentXML re-indents an XML document by two spaces per level for
// display: one element per line, an element holding only text on one
// line, whitespace-only text dropped, comments, processing instructions
// and directives kept. Nesting deeper than 64 levels is printed at level
// 64. It reads data with encoding/xml's strict tokenizer in one pass; for
// input that is not well-formed, or larger than MaxMarkupIndent, it
// returns data itself and false. The result is for the eyes: text in
// mixed content loses its surrounding whitespace.
func IndentXML(data []byte) ([]byte, bool) {
	if len(data) > MaxMarkupIndent {
		return data, false
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// The text is UTF-8 already (DisplayText decodes first): an encoding
	// declaration is not followed.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	m := &markup{}
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return data, false
		}
		m.xmlToken(tok)
	}
	if m.open != 0 || m.pending != "" {
		return data, false
	}
	return m.out.Bytes(), true
}

// markup writes indented lines; pending holds a start tag not written
// yet, so that an element of text alone goes on one line.
type markup struct {
	out     bytes.Buffer
	depth   int
	open    int // elements open, for the well-formedness check
	pending string
	text    string
}

func (m *markup) xmlToken(tok xml.Token) {
	switch t := tok.(type) {
	case xml.StartElement:
		m.flush()
		m.pending, m.text = xmlStart(t), ""
		m.open++
	case xml.EndElement:
		m.open--
		m.end("</" + xmlName(t.Name) + ">")
	case xml.CharData:
		var b strings.Builder
		_ = xml.EscapeText(&b, bytes.TrimSpace(t))
		m.addText(b.String())
	case xml.Comment:
		m.flush()
		m.line("<!--" + string(t) + "-->")
	case xml.ProcInst:
		m.flush()
		m.line("<?" + t.Target + " " + string(t.Inst) + "?>")
	case xml.Directive:
		m.flush()
		m.line("<!" + string(t) + ">")
	}
}

// addText handles text: kept for one-line output after a pending start
// tag, else written on its own line.
func (m *markup) addText(s string) {
	switch {
	case s == "":
	case m.pending != "" && m.text == "":
		m.text = s
	default:
		m.flush()
		m.line(s)
	}
}

// end closes an element: on the pending start's line when nothing but
// text came in between, else on its own line.
func (m *markup) end(tag string) {
	if m.pending != "" {
		m.line(m.pending + m.text + tag)
		m.pending, m.text = "", ""
		return
	}
	m.depth = max(m.depth-1, 0)
	m.line(tag)
}

// flush writes a pending start tag and its text, and goes one level in.
func (m *markup) flush() {
	if m.pending == "" {
		return
	}
	m.line(m.pending)
	m.depth++
	if m.text != "" {
		m.line(m.text)
	}
	m.pending, m.text = "", ""
}

func (m *markup) line(s string) {
	if m.out.Len() > 0 {
		m.out.WriteByte('\n')
	}
	m.out.WriteString(strings.Repeat("  ", min(m.depth, maxIndentLevel)))
	m.out.WriteString(s)
}

func xmlName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func xmlStart(t xml.StartElement) string {
	var b strings.Builder
	b.WriteString("<" + xmlName(t.Name))
	for _, a := range t.Attr {
		b.WriteString(" " + xmlName(a.Name) + `="`)
		_ = xml.EscapeText(&b, []byte(a.Value))
		b.WriteString(`"`)
	}
	b.WriteString(">")
	return b.String()
}
