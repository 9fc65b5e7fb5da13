package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session"
)

// Timing prints the final hop's phases as a waterfall, says whether the
// connection was reused, and the protocol used ("HTTP/2.0 over TLS 1.3").
func (v View) Timing(w io.Writer, e *session.Exchange) {
	t := e.Final().Timing
	total := t.Total()
	width := barWidth(v.Cols)
	fmt.Fprintf(w, "timing of #%d %s\n", e.ID, e.Summary())
	for _, p := range t.Phases() {
		fmt.Fprintf(w, "  %-9s %9s  %s\n", p.Name, Duration(p.End-p.Start), bar(p.Start, p.End, total, width))
	}
	fmt.Fprintf(w, "  %-9s %9s\n", "total", Duration(total))
	switch {
	case t.Reused:
		fmt.Fprintf(w, "  connection reused (%s → %s): no DNS, connect or TLS this time\n", t.LocalAddr, t.RemoteAddr)
	case t.RemoteAddr != "":
		fmt.Fprintf(w, "  new connection %s → %s\n", t.LocalAddr, t.RemoteAddr)
	}
	proto := Sanitize(e.Final().Response.Proto)
	if t.TLSVersion != "" {
		proto += " over " + t.TLSVersion
	}
	if proto != "" {
		fmt.Fprintf(w, "  protocol %s\n", proto)
	}
	if len(e.Hops) > 1 {
		fmt.Fprintf(w, "  %d hops in %s (timing above is the last)\n", len(e.Hops), Duration(e.Elapsed))
	}
}

// timingLabels is the width of "  dns         1.2ms  " before each bar.
const timingLabels = 23

// barWidth is the waterfall's width on a terminal cols wide: what is left
// after the labels, between 10 and 60 cells.
func barWidth(cols int) int {
	return min(60, max(10, cols-timingLabels-1))
}

// bar draws [start, end) of total on width cells: spaces, then at least
// one block, never more than width cells in all.
func bar(start, end, total time.Duration, width int) string {
	if total <= 0 {
		return ""
	}
	a := int(int64(start) * int64(width) / int64(total))
	b := int(int64(end) * int64(width) / int64(total))
	a = min(a, width-1)
	if b <= a {
		b = a + 1
	}
	if b > width {
		b = width
	}
	return strings.Repeat(" ", a) + strings.Repeat("█", b-a)
}

// Duration rounds d for people: 3µs, 1.2ms, 35ms, 1.50s.
func Duration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < 10*time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}
