package httpfile

import (
	"fmt"
	"strings"
)

// isScriptStart reports whether t opens one of httpyac's multi-line
// JavaScript blocks: a line "{{" (or "{{@event", "{{+global") whose }} is
// on a later line.
func isScriptStart(t string) bool {
	if !strings.HasPrefix(t, "{{") || strings.Contains(t, "}}") {
		return false
	}
	rest := strings.TrimSpace(t[2:])
	return rest == "" || strings.HasPrefix(rest, "@") || strings.HasPrefix(rest, "+")
}

// skipScript steps over a JavaScript block ({{ ... }} or < {% ... %}),
// recording it in skipped.
func (p *parser) skipScript(skipped *[]string, t string) error {
	line := p.i + 1
	end, what := "}}", "JavaScript block"
	if strings.HasPrefix(t, "<") {
		end, what = "%}", "JavaScript pre-request handler"
	}
	if end == "%}" && strings.Contains(t, "%}") {
		p.i++
	} else if err := p.skipUntil(end, fmt.Sprintf("the %s has no closing %s: close it", what, end)); err != nil {
		return err
	}
	*skipped = append(*skipped, fmt.Sprintf("line %d: %s skipped (not run)", line, what))
	return nil
}

// skipUntil steps past the line that contains end, starting at the
// current line (from its third byte, so an opening /* or {{ is not its own
// end); without one it is an error at the current line.
func (p *parser) skipUntil(end, msg string) error {
	start := p.i
	for j := p.i; j < len(p.lines); j++ {
		l := p.lines[j]
		if j == start {
			l = strings.TrimSpace(l)
			l = l[min(2, len(l)):]
		}
		if strings.Contains(l, end) {
			p.i = j + 1
			return nil
		}
	}
	return p.errAt(start+1, msg)
}
