package render

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// voidElements have no end tag in HTML.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// impliedEnd are elements whose end tag HTML lets out when a sibling of
// the same name starts.
var impliedEnd = map[string]bool{"li": true, "p": true, "option": true, "tr": true, "td": true, "th": true, "dt": true, "dd": true}

// IndentHTML re-indents HTML for display like IndentXML, with x/net/html's
// tolerant tokenizer: tags and text are copied as written (entities and
// attribute quoting untouched), void elements do not open a level, and
// the contents of pre, textarea, script and style are copied unchanged.
// Input larger than MaxMarkupIndent, or that the tokenizer rejects, is
// returned as it is with false.
func IndentHTML(data []byte) ([]byte, bool) {
	if len(data) > MaxMarkupIndent {
		return data, false
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	m := &markup{}
	h := &htmlIndenter{m: m}
	raw := "" // the element whose contents are copied unchanged
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if errors.Is(z.Err(), io.EOF) {
				break
			}
			return data, false
		}
		tok := string(z.Raw())
		name, _ := z.TagName()
		if raw != "" {
			if tt == html.EndTagToken && string(name) == raw {
				h.endTag(raw, tok)
				raw = ""
			} else {
				m.addRaw(tok)
			}
			continue
		}
		raw = h.token(tt, string(name), tok)
	}
	m.flush()
	return m.out.Bytes(), true
}

// htmlIndenter keeps the open elements, so that an end tag closes the
// elements left open inside it and a stray one changes nothing.
type htmlIndenter struct {
	m     *markup
	stack []string
}

// token writes one token; it returns the name of an element whose
// contents must be copied unchanged, or "".
func (h *htmlIndenter) token(tt html.TokenType, name, tok string) string {
	m := h.m
	switch tt {
	case html.StartTagToken:
		if voidElements[name] {
			m.flush()
			m.line(tok)
			return ""
		}
		if impliedEnd[name] && len(h.stack) > 0 && h.stack[len(h.stack)-1] == name {
			h.closeImplied()
		}
		m.flush()
		h.stack = append(h.stack, name)
		m.pending, m.text = tok, ""
		switch name {
		case "pre", "textarea", "script", "style":
			return name
		}
	case html.EndTagToken:
		h.endTag(name, tok)
	case html.SelfClosingTagToken, html.CommentToken, html.DoctypeToken:
		m.flush()
		m.line(tok)
	case html.TextToken:
		m.addText(strings.TrimSpace(tok))
	}
	return ""
}

// endTag closes name and what is open inside it; an end tag of nothing
// open is written as it is.
func (h *htmlIndenter) endTag(name, tok string) {
	i := len(h.stack) - 1
	for i >= 0 && h.stack[i] != name {
		i--
	}
	if i < 0 {
		h.m.flush()
		h.m.line(tok)
		return
	}
	for len(h.stack) > i+1 {
		h.closeImplied()
	}
	h.stack = h.stack[:i]
	h.m.end(tok)
}

// closeImplied closes the innermost element without an end tag.
func (h *htmlIndenter) closeImplied() {
	h.stack = h.stack[:len(h.stack)-1]
	m := h.m
	if m.pending != "" {
		m.line(m.pending + m.text)
		m.pending, m.text = "", ""
		return
	}
	m.depth = max(m.depth-1, 0)
}

// addRaw keeps text of a pre/script/... element as it is, on the line of
// its start tag.
func (m *markup) addRaw(s string) {
	if m.pending != "" {
		m.text += s
		return
	}
	m.out.WriteString(s)
}
