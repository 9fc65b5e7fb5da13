package explain

import (
	"strings"
	"unicode/utf8"
)

// DefaultWidth is the width Format uses when given a width of 0 or less.
const DefaultWidth = 80

// Format renders e as a block of text for a terminal width columns wide:
//
//	405 Method Not Allowed  (RFC 9110, section 15.5.6)
//
//	What it means:
//	  The server knows the method ...
//	When you see it:
//	  ...
//	What to do:
//	  ...
//	See also: Allow
//
// A header's first line reads "Content-Type - request and response header
// (RFC 9110, section 8.3)". Paragraphs are wrapped at width (at least 30)
// and the result ends with a newline.
func (e Entry) Format(width int) string {
	if width <= 0 {
		width = DefaultWidth
	}
	width = max(width, 30)
	var sb strings.Builder

	head := e.Key + " " + e.Title
	if !e.IsStatus() {
		head = e.Title + " - " + e.Kind
	}
	spec := "(" + e.Spec + ")"
	if utf8.RuneCountInString(head)+2+utf8.RuneCountInString(spec) <= width {
		sb.WriteString(head + "  " + spec + "\n")
	} else {
		wrap(&sb, head, "", width)
		wrap(&sb, spec, "  ", width)
	}
	sb.WriteString("\n")
	for _, p := range []struct{ heading, text string }{
		{"What it means:", e.Summary},
		{"When you see it:", e.When},
		{"What to do:", e.Client},
	} {
		if p.text == "" {
			continue
		}
		sb.WriteString(p.heading + "\n")
		wrap(&sb, p.text, "  ", width)
	}
	if len(e.Related) > 0 {
		wrap(&sb, "See also: "+strings.Join(e.Related, ", "), "", width)
	}
	return sb.String()
}

// wrap writes text word by word, each line starting with indent and no
// longer than width unless a single word is. Continuation lines of an
// unindented paragraph get two spaces, so they read as one item.
func wrap(sb *strings.Builder, text, indent string, width int) {
	more := indent
	if more == "" {
		more = "  "
	}
	line, n := indent, utf8.RuneCountInString(indent)
	empty := true
	for w := range strings.FieldsSeq(text) {
		wn := utf8.RuneCountInString(w)
		if !empty && n+1+wn > width {
			sb.WriteString(line + "\n")
			line, n, empty = more, utf8.RuneCountInString(more), true
		}
		if !empty {
			line += " "
			n++
		}
		line += w
		n += wn
		empty = false
	}
	if !empty {
		sb.WriteString(line + "\n")
	}
}
