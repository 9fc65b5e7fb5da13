package request

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// openOutput checks -o's target and, with --resume, returns p with the
// Range and If-Range that continue FILE.part (and Accept-Encoding:
// identity, so that the range counts the bytes on disk).
func openOutput(p *session.Prepared, d *display, meters fileout.Meters) (*fileout.Output, *session.Prepared, error) {
	o, err := fileout.NewOutput(d.output, d.force, meters)
	if err != nil {
		return nil, nil, err
	}
	o.URL = session.Redact(p.URL)
	if !d.resume {
		return o, p, nil
	}
	if err := o.Resume(); err != nil {
		return nil, nil, err
	}
	ranges := o.RangeHeaders()
	if len(ranges) == 0 {
		return o, p, nil
	}
	q := *p // p may be an exchange's (resend): not changed
	q.Lines = nil
	for _, l := range p.Lines {
		switch strings.ToLower(l.Name) {
		case "accept-encoding", "range", "if-range":
			continue
		}
		q.Lines = append(q.Lines, l)
	}
	q.Lines = append(q.Lines, session.Line{Name: "Accept-Encoding", Value: "identity", Origin: "--resume"})
	for _, h := range ranges {
		q.Lines = append(q.Lines, session.Line{Name: h.Name, Value: h.Value, Origin: "--resume"})
	}
	return o, &q, nil
}

// keptError words a body cut short while going to -o FILE: what is kept,
// where, and the line that continues it. Ctrl-C gives status 130; a
// write that failed is called local.
func keptError(ctx context.Context, p *session.Prepared, o *fileout.Output, err error) error {
	var k *fileout.KeptError
	if !errors.As(err, &k) {
		return err
	}
	how := fmt.Sprintf("kept %s in %s: `%s %s -o %s --resume` continues it", render.HumanBytes(k.N), k.Part,
		resumeVerb(p.Method), commands.Quote(session.Redact(p.URL)), commands.Quote(o.Path))
	var we *session.WriteError
	switch {
	case ctx.Err() != nil && errors.Is(k.Err, context.Canceled):
		return &commands.Error{Status: commands.StatusInterrupted, Err: fmt.Errorf("interrupted: %s", how)}
	case errors.As(k.Err, &we):
		return commands.Failf("cannot write %s: %w (a local error: make room, then resume): %s", k.Part, we.Err, how)
	}
	return commands.Failf("body incomplete: %s (%w)", how, k.Err)
}

// resumeVerb is the command that sends method again: get, or request M.
func resumeVerb(method string) string {
	if method == "GET" {
		return "get"
	}
	return "request " + method
}
