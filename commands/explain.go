package commands

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/explain"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

func explainCommands() []*Command {
	return []*Command{{
		Name:  "explain",
		Usage: "explain [STATUS|HEADER]",
		Short: "what a status code or header means, and where it is defined",
		Long: "explain 405 or explain Content-Type says what it means, when servers send it, what a client should do and the RFC section that defines it. " +
			"With no argument it explains the last response: its status, then each notable header it carried (caching, cookies, CORS, content negotiation, redirects, ranges).",
		Example:    "post /get\nexplain\nexplain 405\nexplain Allow\nexplain cache-control",
		LegacyArgs: []string{"header"},
		LegacyRun:  runExplain,
	}}
}

// book loads the knowledge base once per executor.
func (x *Executor) book() (*explain.Book, error) {
	if x.legacy.explainBook == nil {
		b, err := explain.Load()
		if err != nil {
			return nil, Failf("the built-in explanations are damaged: %w", err)
		}
		x.legacy.explainBook = b
	}
	return x.legacy.explainBook, nil
}

func runExplain(_ context.Context, x *Executor, c *Call) error {
	if len(c.Args) > 1 {
		return Usagef("usage: explain [STATUS|HEADER] (one at a time)")
	}
	b, err := x.book()
	if err != nil {
		return err
	}
	if len(c.Args) == 0 {
		return x.explainLast(b)
	}
	e, err := b.Lookup(c.Args[0])
	var nf *explain.NotFoundError
	switch {
	case errors.As(err, &nf) && nf.Kind == "status" && nf.Class != "":
		// An unregistered code still has a meaning: its class's.
		x.printf("%s\n", unregistered(nf.Arg, nf.Class, x.width()))
		return nil
	case errors.As(err, &nf) && nf.Suggestion != "":
		return Usagef("%v (`explain %s`)", err, nf.Suggestion)
	case errors.As(err, &nf) && nf.Kind == "header":
		return Usagef("%v: no explanation of it is built in (`help explain`)", err)
	case err != nil:
		return Usage(err)
	}
	x.printf("%s", e.Format(x.width()))
	return nil
}

// plainHeaders are in every response and say little on their own.
var plainHeaders = map[string]bool{
	"date": true, "content-length": true, "connection": true, "keep-alive": true,
	"server": true, "transfer-encoding": true,
}

// explainLast explains the last response: its status in full, then each
// header the book knows, one short paragraph each.
func (x *Executor) explainLast(b *explain.Book) error {
	ex := x.Session.Exchange(0)
	if ex == nil {
		return Usagef("no response yet: send a request first, or give a status or header (`explain 404`)")
	}
	resp := ex.Response()
	x.printf("#%d %s → %d %s\n\n", ex.ID, ex.Summary(), resp.StatusCode, render.Sanitize(resp.Reason))
	if e, ok := b.Status(resp.StatusCode); ok {
		x.printf("%s", e.Format(x.width()))
	} else {
		x.printf("%s\n", unregistered(fmt.Sprint(resp.StatusCode), b.Class(resp.StatusCode), x.width()))
	}
	var notable []session.Header
	for _, h := range resp.Fields {
		if _, ok := b.Header(h.Name); ok && !plainHeaders[strings.ToLower(h.Name)] {
			notable = append(notable, h)
		}
	}
	if len(notable) == 0 {
		return nil
	}
	x.printf("\nIts headers:\n")
	width := x.width()
	for _, h := range notable {
		e, _ := b.Header(h.Name)
		x.printf("  %s: %s\n", render.Sanitize(h.Name), render.Sanitize(fileout.Shorten(h.Value, max(20, width-len(h.Name)-6))))
		x.printf("%s\n", indent(Wrap(e.Summary, width-6), "    "))
	}
	x.printf("\n`explain NAME` says more about one of them.\n")
	return nil
}

// unregistered says how to read an unregistered code, given its class
// ("an unregistered 2xx: treat it as 200 OK, ...").
func unregistered(code, class string, width int) string {
	if class == "" {
		return fmt.Sprintf("%s is not a status code: they run from 100 to 599.", render.Sanitize(code))
	}
	_, how, _ := strings.Cut(class, ": ")
	return Wrap(fmt.Sprintf("%s is not a registered status code: %s.", render.Sanitize(code), how), width-2)
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
