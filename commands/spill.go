package commands

import (
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// InMemory refuses, for the command line what (its text, e.g. "json" or
// "expect json .a == 1"), a body that was over body-limit and lives in a
// temporary file: parsing it would load it all. It is nil for a body in
// memory, and a failure naming body-limit (or keep-limit, which moved or
// dropped an older body) otherwise.
func (e *Env) InMemory(what string, resp *session.Response) error {
	switch {
	case resp.Moved == session.MovedDropped:
		return Failf("%s: the body of %s was %s (no temporary file could be written): send the request again",
			what, render.HumanBytes(resp.Size), session.MovedDropped)
	case resp.Moved == session.MovedSpilled:
		return Failf("%s: the body of %s was %s by keep-limit %s: `save FILE` keeps it, or raise `set keep-limit` and send again",
			what, render.HumanBytes(resp.Size), session.MovedSpilled, session.FormatSize(e.Session.Settings.KeepLimit))
	case !resp.Spilled():
		return nil
	}
	return Failf("%s: the body of %s is too large to parse in memory (over body-limit %s, kept in a temporary file): `save FILE` keeps it, or raise `set body-limit` and send again",
		what, render.HumanBytes(resp.Size), session.FormatSize(e.Session.Settings.BodyLimit))
}
