package commands

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session"
)

// Attempt is one sending of a request, as Hooks.Sent receives it: every
// try of a retried request is its own Attempt, so a report shows them.
type Attempt struct {
	File string // the script of the line that sent it; "" for -c or the shell
	Line int
	// Method and URL are the request as sent, the URL's password hidden.
	Method, URL string
	// Exchange is the exchange made, nil when no response came (Err says
	// why).
	Exchange *session.Exchange
	Err      error
	N        int // 1 for the first try, 2 for the first retry...
	Start    time.Time
	Elapsed  time.Duration
}

// NoteAttempt passes one sending of p to Hooks.Sent, naming the line
// running now.
func (e *Env) NoteAttempt(p *session.Prepared, x *session.Exchange, err error, n int, start time.Time) {
	if e.Hooks.Sent == nil {
		return
	}
	a := Attempt{Method: p.Method, URL: session.Redact(p.URL), Exchange: x, Err: err, N: n, Start: start, Elapsed: time.Since(start)}
	if e.current != nil {
		a.File, a.Line = e.current.File, e.current.Line
	}
	e.Hooks.Sent(a)
}

// ErrDryRun is what needing a response fails with in a dry run (Env.DryRun):
// the executor turns it into a note, and the line into a skipped one.
var ErrDryRun = errors.New("dry run: no request was sent")

// dryRunSkip reports a line skipped in a dry run, and says whether err
// was that.
func (x *Executor) dryRunSkip(l *Logical, err error) bool {
	if !x.DryRun || !errors.Is(err, ErrDryRun) {
		return false
	}
	where := ""
	if l.File != "" {
		where = fmt.Sprintf("%s:%d: ", l.File, l.Line)
	}
	line, _, _ := strings.Cut(l.Typed(), "\n")
	fmt.Fprintf(x.Stderr, "%sskipped (dry run: needs a response): %s\n", where, x.Redact(line))
	return true
}
