package commands

import (
	"fmt"

	"github.com/httpsh/httpsh/session"
)

// Spec is a loaded API description as every family sees it. The spec
// family puts one in Session.Spec (`spec load`, `httpsh --spec`) and takes
// it out again (`spec unload`); the request family checks each request
// through it before sending and each response after, explain falls back
// to it, history and show name the operation, `expect spec` asserts with
// it. No family imports another for this: they meet here. Every method
// is pure over the loaded spec and the given values (no network) and
// returns lines already safe to print (server text escaped).
type Spec interface {
	// CheckRequest lists the problems of p against its operation, one
	// line each naming the place and what the spec wants
	// (`query parameter "limit": expected integer, got "abc"`).
	CheckRequest(p *session.Prepared) []string
	// CheckResponse lists the problems of e's final response (an
	// undocumented status, a body that does not fit its schema), one
	// line each, and hints worth a line (a 401 names the security
	// scheme the operation declares).
	CheckResponse(e *session.Exchange) (problems, hints []string)
	// Operation names e's operation, "listPets (GET /pets/{petId})", or
	// "" when the spec has none for it.
	Operation(e *session.Exchange) string
	// Explain describes the operation that word names (an operationId or
	// `METHOD /path`); ok is false when it names none.
	Explain(word string) (text string, ok bool)
}

// Spec is the loaded spec, or nil when none is.
func (e *Env) Spec() Spec {
	sp, _ := e.Session.Spec.(Spec)
	return sp
}

// CheckRequest checks p against the loaded spec as `set spec-check` says,
// before a request is sent (or kept by prepare; doing says which: "sent",
// "prepared"). With warn, each problem is one `warning:` line and the
// request goes; with strict, problems are a failure (exit status 1) and
// nothing is sent; with off, or with no spec, nothing is checked.
func (e *Env) CheckRequest(p *session.Prepared, doing string) error {
	sp := e.Spec()
	if sp == nil || e.Session.Settings.SpecCheck == "off" {
		return nil
	}
	problems := sp.CheckRequest(p)
	for _, pr := range problems {
		e.Warnf("spec: %s", pr)
	}
	if len(problems) > 0 && e.Session.Settings.SpecCheck == "strict" {
		return Failf("the request does not fit the spec (%s above); nothing %s (set spec-check warn to send it anyway)", Plural(len(problems), "problem"), doing)
	}
	return nil
}

// CheckResponse prints one `warning:` line per problem of x's response
// against the loaded spec, and its hints as `hint:` lines (both on
// stderr). It never
// fails: `expect spec` is the assertion. With spec-check off or no spec
// it prints nothing.
func (e *Env) CheckResponse(x *session.Exchange) {
	sp := e.Spec()
	if sp == nil || x == nil || len(x.Hops) == 0 || e.Session.Settings.SpecCheck == "off" {
		return
	}
	problems, hints := sp.CheckResponse(x)
	for _, pr := range problems {
		e.Warnf("spec: %s", pr)
	}
	for _, h := range hints {
		fmt.Fprintf(e.Stderr, "hint: %s\n", h)
	}
}
