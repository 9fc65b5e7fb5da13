package inspect

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/explain"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// book is explain's knowledge base, loaded on first use and kept for the
// family's life.
type book struct{ b *explain.Book }

// load returns the book, loading it the first time.
func (k *book) load() (*explain.Book, error) {
	if k.b == nil {
		b, err := explain.Load()
		if err != nil {
			return nil, commands.Failf("the built-in explanations are damaged: %w", err)
		}
		k.b = b
	}
	return k.b, nil
}

// statusHints are the codes completion offers for explain's word, beside
// the header names.
var statusHints = []string{"200", "201", "204", "301", "302", "304", "400", "401", "403", "404", "405", "409", "422", "429", "500", "502", "503", "504"}

func explainCmd(k *book) *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "explain",
		Usage: "explain [STATUS|HEADER|OP]",
		Short: "what a status code or header means, and where it is defined",
		Long: "explain 405 or explain Content-Type says what it means, when servers send it, what a client should do and the RFC section that defines it. " +
			"With a spec loaded, an operationId or `METHOD /path` that is not a status or header gets the operation's description. " +
			"With no argument it explains the last response: its status, then each notable header it carried (caching, cookies, CORS, content negotiation, redirects, ranges).",
		Example: "post /get\nexplain\nexplain 405\nexplain Allow\nexplain cache-control",
		Args:    []commands.Arg{{Hint: commands.HintHeaderName, Values: statusHints, Desc: "status code"}, {Hint: commands.HintURL}},
		Max:     commands.Many, // more than one word is refused below, saying why
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		return runExplain(env, c, k)
	})
}

func runExplain(env *commands.Env, c *commands.Call, k *book) error {
	if len(c.Args) > 1 {
		if text, ok := explainSpec(env, strings.Join(c.Args, " ")); ok { // explain GET /pets/{id}
			env.Printf("%s\n", text)
			return nil
		}
		return commands.Usagef("%w (one at a time)", c.UsageError())
	}
	b, err := k.load()
	if err != nil {
		return err
	}
	if len(c.Args) == 0 {
		return explainLast(env, b)
	}
	e, err := b.Lookup(c.Args[0])
	var nf *explain.NotFoundError
	if errors.As(err, &nf) && nf.Class == "" {
		if text, ok := explainSpec(env, c.Args[0]); ok { // an operationId
			env.Printf("%s\n", text)
			return nil
		}
	}
	switch {
	case errors.As(err, &nf) && nf.Kind == "status" && nf.Class != "":
		// An unregistered code still has a meaning: its class's.
		env.Printf("%s\n", unregistered(nf.Arg, nf.Class, env.Cols()))
		return nil
	case errors.As(err, &nf) && nf.Suggestion != "":
		return commands.Usagef("%v (`explain %s`)", err, nf.Suggestion)
	case errors.As(err, &nf) && nf.Kind == "header":
		return commands.Usagef("%v: no explanation of it is built in (`help explain`)", err)
	case err != nil:
		return commands.Usage(err)
	}
	env.Printf("%s", e.Format(env.Cols()))
	return nil
}

// explainSpec describes the loaded spec's operation named by word.
func explainSpec(env *commands.Env, word string) (string, bool) {
	if sp := env.Spec(); sp != nil {
		return sp.Explain(word)
	}
	return "", false
}

// plainHeaders are in every response and say little on their own.
var plainHeaders = map[string]bool{
	"date": true, "content-length": true, "connection": true, "keep-alive": true,
	"server": true, "transfer-encoding": true,
}

// explainLast explains the last response: its status in full, then each
// header the book knows, one short paragraph each.
func explainLast(env *commands.Env, b *explain.Book) error {
	ex := env.Session.Exchange(0)
	if ex == nil {
		return commands.Usagef("no response yet: send a request first, or give a status or header (`explain 404`)")
	}
	resp := ex.Response()
	env.Printf("#%d %s → %d %s\n\n", ex.ID, ex.Summary(), resp.StatusCode, render.Sanitize(resp.Reason))
	if e, ok := b.Status(resp.StatusCode); ok {
		env.Printf("%s", e.Format(env.Cols()))
	} else {
		env.Printf("%s\n", unregistered(fmt.Sprint(resp.StatusCode), b.Class(resp.StatusCode), env.Cols()))
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
	env.Printf("\nIts headers:\n")
	width := env.Cols()
	for _, h := range notable {
		e, _ := b.Header(h.Name)
		env.Printf("  %s: %s\n", render.Sanitize(h.Name), render.Sanitize(fileout.Shorten(h.Value, max(20, width-len(h.Name)-6))))
		env.Printf("%s\n", indent(commands.Wrap(e.Summary, width-6), "    "))
	}
	env.Printf("\n`explain NAME` says more about one of them.\n")
	return nil
}

// unregistered says how to read an unregistered code, given its class
// ("an unregistered 2xx: treat it as 200 OK, ...").
func unregistered(code, class string, width int) string {
	if class == "" {
		return fmt.Sprintf("%s is not a status code: they run from 100 to 599.", render.Sanitize(code))
	}
	_, how, _ := strings.Cut(class, ": ")
	return commands.Wrap(fmt.Sprintf("%s is not a registered status code: %s.", render.Sanitize(code), how), width-2)
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
