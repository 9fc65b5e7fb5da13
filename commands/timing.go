package commands

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session"
)

// writeTiming prints the final hop's phases as a waterfall and says
// whether the connection was reused.
func (x *Executor) writeTiming(w io.Writer, e *session.Exchange) {
	t := e.Final().Timing
	total := t.Total()
	const width = 40
	fmt.Fprintf(w, "timing of #%d %s\n", e.ID, e.Summary())
	for _, p := range t.Phases() {
		fmt.Fprintf(w, "  %-9s %9s  %s\n", p.Name, fmtDuration(p.End-p.Start), bar(p.Start, p.End, total, width))
	}
	fmt.Fprintf(w, "  %-9s %9s\n", "total", fmtDuration(total))
	switch {
	case t.Reused:
		fmt.Fprintf(w, "  connection reused (%s → %s): no DNS, connect or TLS this time\n", t.LocalAddr, t.RemoteAddr)
	case t.RemoteAddr != "":
		fmt.Fprintf(w, "  new connection %s → %s\n", t.LocalAddr, t.RemoteAddr)
	}
	if t.TLSVersion != "" {
		fmt.Fprintf(w, "  %s\n", t.TLSVersion)
	}
	if len(e.Hops) > 1 {
		fmt.Fprintf(w, "  %d hops in %s (timing above is the last)\n", len(e.Hops), fmtDuration(e.Elapsed))
	}
}

// bar draws [start, end) of total on width cells.
func bar(start, end, total time.Duration, width int) string {
	if total <= 0 {
		return ""
	}
	a := int(int64(start) * int64(width) / int64(total))
	b := int(int64(end) * int64(width) / int64(total))
	if b <= a {
		b = a + 1
	}
	if b > width {
		b = width
	}
	return strings.Repeat(" ", a) + strings.Repeat("█", b-a)
}

// fmtDuration rounds d for people: 3µs, 1.2ms, 35ms, 1.50s.
func fmtDuration(d time.Duration) string {
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
