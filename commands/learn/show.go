package learn

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/httpsh/httpsh/internal/lesson"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// indent is the left margin of a lesson's text: lesson lines are at most
// 76 columns, so 80 columns show them whole.
const indent = "  "

// Highlighting on a colour terminal: bold cyan; without colour, a "> "
// marker, plain text for screen readers.
const (
	sgrHighlight = "\x1b[1;36m"
	sgrReset     = "\x1b[0m"
)

// writeWrapped prints text word-wrapped to cols, the first line after
// prefix and the others aligned under its end.
func writeWrapped(w io.Writer, prefix, text string, cols int) {
	width := max(cols-len(prefix), 20)
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			fmt.Fprintf(w, "%s%s\n", prefix, line)
			prefix, line = strings.Repeat(" ", len(prefix)), ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		fmt.Fprintf(w, "%s%s\n", prefix, line)
	}
}

// writeStep prints step i of l: its number and title, the RFCs it cites,
// the explanation and the task.
func writeStep(w io.Writer, l *lesson.Lesson, i int, cols int) {
	s := l.Steps[i]
	fmt.Fprintf(w, "\nstep %d of %d: %s\n", i+1, len(l.Steps), s.Title)
	fmt.Fprintf(w, "%s(%s)\n", indent, strings.Join(s.Cites, "; "))
	for _, t := range s.Text {
		fmt.Fprintf(w, "%s%s\n", indent, t)
	}
	writeWrapped(w, indent+"task: ", s.Task, cols)
	fmt.Fprintf(w, "%s(`learn hint` helps; `learn skip` goes on)\n", indent)
}

// writeRecap prints the end of a lesson.
func writeRecap(w io.Writer, l *lesson.Lesson, lp *lesson.LessonProgress) {
	passed := 0
	for _, p := range lp.Passed {
		if p {
			passed++
		}
	}
	fmt.Fprintf(w, "\n%s: done (%d of %d steps passed)\n", l.Title, passed, len(l.Steps))
	for _, t := range l.Recap {
		fmt.Fprintf(w, "%s%s\n", indent, t)
	}
}

// wireLines is the plain text of x as the wire view shows it: the last
// request's line and headers, then the response's status and headers;
// status is the index of the status line. Bodies are left out: the
// lessons highlight the start line and headers.
func wireLines(x *session.Exchange) (lines []string, status int) {
	r, err := render.New(render.Options{})
	if err != nil {
		return nil, 0
	}
	var b bytes.Buffer
	v := render.View{R: r, W: &b, Warn: io.Discard, Cols: 200}
	hop := x.Final()
	req := hop.Request
	req.Body = nil
	v.Wire(&b, &req)
	status = strings.Count(b.String(), "\n")
	resp := hop.Response
	r.Status(&b, resp.Proto, resp.StatusCode, resp.Reason)
	r.Headers(&b, render.Fields(resp.Fields))
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n"), status
}

// writeWire prints the wire lines the step asks to highlight, with the
// request line and status line for context ("..." where lines are left
// out). With colour the highlighted lines are bold; without, they carry
// a "> " marker.
func writeWire(w io.Writer, s *lesson.Step, x *session.Exchange, color bool) {
	if len(s.Show) == 0 || x == nil {
		return
	}
	lines, status := wireLines(x)
	marked := map[int]bool{}
	for _, i := range s.Highlight(lines) {
		marked[i] = true
	}
	if len(marked) == 0 {
		return
	}
	fmt.Fprintf(w, "%son the wire:\n", indent)
	gap := false
	for i, l := range lines {
		if !marked[i] && i != 0 && i != status {
			if !gap {
				fmt.Fprintf(w, "%s  ...\n", indent)
			}
			gap = true
			continue
		}
		gap = false
		switch {
		case marked[i] && color:
			fmt.Fprintf(w, "%s  %s%s%s\n", indent, sgrHighlight, l, sgrReset)
		case marked[i]:
			fmt.Fprintf(w, "%s> %s\n", indent, l)
		default:
			fmt.Fprintf(w, "%s  %s\n", indent, l)
		}
	}
}
