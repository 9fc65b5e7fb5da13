package learn

import (
	"io"
	"net/http"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/lesson"
	"github.com/httpsh/httpsh/session"
)

// maxBody bounds the bytes of a spilled body read back for a check.
const maxBody = 1 << 20

// observe is learn's Observe: every line run at the top level of the Env
// a lesson runs in (other than learn's own) is judged against the step;
// lines of a `learn check` session go to its collector.
func (st *state) observe(env *commands.Env, r commands.Ran) {
	if r.Nested || (r.Command != nil && r.Command.Name == "learn") {
		return
	}
	if c := st.checks[env]; c != nil {
		c.add(r, attempt(env, r, &c.lastID))
		return
	}
	if st.lesson == nil || st.env != env {
		return
	}
	st.judge(env, attempt(env, r, &st.lastID))
}

// attempt is the Attempt of line r: the exchange it made (when the
// session's newest exchange is newer than *last, which it updates) and
// the jar after it.
func attempt(env *commands.Env, r commands.Ran, last *int) lesson.Attempt {
	a := lesson.Attempt{Line: r.Line.Text, Jar: jarOf(env.Session)}
	if x := env.Session.Last(); x != nil && x.ID != *last {
		*last = x.ID
		a.Exchange = exchangeOf(x)
	}
	return a
}

// judge evaluates a on the current step and prints the outcome: on a pass
// the step's after: text, the wire lines it highlights and the next step;
// on a failure the hint and what came. An ignored attempt prints nothing.
func (st *state) judge(env *commands.Env, a lesson.Attempt) {
	s := st.lesson.Steps[st.step]
	v := lesson.Evaluate(s, a)
	switch {
	case v.Ignored:
		return
	case !v.Pass:
		writeWrapped(env.Stdout, "", "not yet: "+v.Hint+" (got "+v.Got+")", env.Cols())
		return
	}
	env.Printf("\npassed: %s\n", s.Title)
	for _, t := range s.After {
		writeWrapped(env.Stdout, indent, t, env.Cols())
	}
	writeWire(env.Stdout, s, env.Session.Last(), env.Color())
	lp := st.prog.Of(st.lesson.Name, len(st.lesson.Steps))
	lp.Passed[st.step] = true
	if st.step+1 >= len(st.lesson.Steps) {
		st.finish(env)
		return
	}
	st.goTo(env, st.step+1)
}

// jarOf lists the session's cookies for the evaluator.
func jarOf(s *session.Session) []lesson.Cookie {
	all := s.Jar.All()
	out := make([]lesson.Cookie, len(all))
	for i, c := range all {
		out[i] = lesson.Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, Secure: c.Secure, HTTPOnly: c.HTTPOnly}
	}
	return out
}

// exchangeOf is x as the evaluator reads it: the last hop's request and
// response, the hops followed, and whether the connection was reused.
func exchangeOf(x *session.Exchange) *lesson.Exchange {
	hop := x.Final()
	req := hop.Request
	h := http.Header{}
	for _, l := range req.Lines {
		h.Add(l.Name, l.Value)
	}
	e := &lesson.Exchange{
		Request:   lesson.Request{Method: req.Method, URL: req.URL.String(), Header: h, Body: req.Body},
		Redirects: len(x.Hops) - 1,
		Reused:    hop.Timing.Reused,
		Elapsed:   x.Elapsed,
	}
	if resp := hop.Response; resp != nil {
		e.Response = lesson.Response{Status: resp.StatusCode, Header: resp.Header, Body: bodyOf(resp)}
	}
	return e
}

// bodyOf is the decoded body, read back (at most maxBody) when spilled.
func bodyOf(r *session.Response) []byte {
	if !r.Spilled() {
		return r.Body
	}
	rc, err := r.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, maxBody))
	return b
}
