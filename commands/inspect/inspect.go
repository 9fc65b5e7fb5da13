// Package inspect is the family of commands that look at the exchanges of
// the session: show, json, save, history (and history save), diff and
// explain. None of them sends a request; each reads the exchange named by
// the `[N]` convention (Env.Exchange) or the last one.
package inspect

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/charset"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// Commands returns the family's commands. explain's book of status and
// header knowledge is loaded once per call, on first use.
func Commands() []*commands.Command {
	return []*commands.Command{show(), jsonCmd(), save(), history(), diff(), explainCmd(&book{})}
}

// showUsage is show's usage, also the usage of each part.
const showUsage = "show [PART] [N]"

// showParts are show's parts, in the order help lists them.
var showParts = []commands.Sub{
	{Name: "status", Short: "the status line"}, {Name: "headers", Short: "the response headers"},
	{Name: "body", Short: "the body alone"}, {Name: "request", Short: "the request as sent, every hop"},
	{Name: "timing", Short: "where the time went"}, {Name: "redirects", Short: "the redirect chain"},
	{Name: "cookies", Short: "cookies the response set"}, {Name: "raw", Short: "request and response"},
	{Name: "tls", Short: "the TLS connection: protocol, cipher, ALPN, certificates, verification"},
}

// showOptions are show's flags.
type showOptions struct{ raw bool }

func show() *commands.Command {
	subs := make([]commands.Sub, len(showParts))
	for i, s := range showParts {
		s.Usage, s.Max = showUsage, 1
		subs[i] = s
	}
	return commands.Define(commands.Command{
		Name: "show", Usage: showUsage,
		Short: "show the last exchange, or exchange N",
		Long: "request is every hop as it went on the wire; redirects lists the chain; cookies lists the Set-Cookie headers of the response; raw is the request and the response with headers, as sent and received; tls is the connection's protocol, cipher, ALPN and certificate chain.\n" +
			"--raw prints the body's bytes as received (not decoded by charset, not indented) when stdout is not a terminal; on a terminal control characters are still escaped.",
		Sub:     subs,
		Max:     1,
		Example: "show\nshow headers\nshow body 3\nshow tls\nshow body --raw > page.html",
	}, func(fs *pflag.FlagSet, o *showOptions) {
		fs.BoolVar(&o.raw, "raw", false, "the body as received: no charset decoding or indenting")
	}, runShow)
}

func runShow(_ context.Context, env *commands.Env, c *commands.Call, o *showOptions) error {
	args := c.Args
	if c.Sub == nil && len(args) > 0 && args[0] == "all" { // the default part, by name
		args = args[1:]
	}
	if c.Sub == nil && len(args) > 0 {
		if _, err := strconv.Atoi(args[0]); err != nil {
			return commands.Usagef("show %q: expected status, headers, body, request, timing, redirects, cookies, raw or tls", args[0])
		}
	}
	e, err := env.Exchange(args)
	if err != nil {
		return err
	}
	v := env.View()
	parts := func(names ...string) render.Parts {
		p := render.PartsOf(names)
		p.Raw = o.raw
		return p
	}
	switch part := c.SubName(); part {
	case "":
		printOperation(env, e)
		v.Exchange(e, parts("status", "headers", "body"), false, "")
	case "status", "headers", "body", "timing":
		v.Exchange(e, parts(part), false, "")
	case "request":
		showRequests(env, e)
	case "raw":
		printOperation(env, e)
		v.Exchange(e, parts("request", "status", "headers", "body"), false, "")
	case "tls":
		showTLS(env, e)
	case "redirects":
		showRedirects(env, e)
	case "cookies":
		showSetCookies(env, e)
	}
	return nil
}

// showRequests prints every hop's request as it went on the wire.
func showRequests(env *commands.Env, e *session.Exchange) {
	for i, h := range e.Hops {
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		env.View().Wire(env.Stdout, &h.Request)
	}
}

// showRedirects prints the redirect chain as a table, or says there was none.
func showRedirects(env *commands.Env, e *session.Exchange) {
	if !e.Redirected() {
		env.Printf("no redirects: %s answered %d\n", render.Sanitize(session.Redact(e.URL())), e.Response().StatusCode)
		return
	}
	var rows [][]string
	for i, h := range e.Hops {
		loc := ""
		if i < len(e.Hops)-1 {
			loc = h.Response.Header.Get("Location")
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), h.Request.Method, session.Redact(h.Request.URL), strconv.Itoa(h.Response.StatusCode), loc})
	}
	env.Render().Table(env.Stdout, []string{"hop", "method", "url", "status", "location"}, rows)
}

// showSetCookies prints the Set-Cookie headers of every hop.
func showSetCookies(env *commands.Env, e *session.Exchange) {
	var fs []render.Field
	for _, h := range e.Hops {
		for _, v := range h.Response.Header.Values("Set-Cookie") {
			fs = append(fs, render.Field{Name: "Set-Cookie", Value: v})
		}
	}
	if len(fs) == 0 {
		env.Printf("the response set no cookies\n")
		return
	}
	env.Render().Headers(env.Stdout, fs)
}

type jsonOptions struct{ raw bool }

func jsonCmd() *commands.Command {
	return commands.Define(commands.Command{
		Name: "json", Usage: "json [FILTER] [N] [-r]", Short: "apply a jq filter to the JSON body",
		Long:    "Each result is printed as JSON (a string keeps its quotes, as with jq); -r prints strings as plain text, as jq -r does.",
		Args:    []commands.Arg{{Hint: commands.HintJSON}},
		Max:     2,
		Example: "json .args\njson '.headers[\"User-Agent\"]'\njson -r .url\njson '.slideshow.slides | length'",
	}, func(fs *pflag.FlagSet, o *jsonOptions) {
		fs.BoolVarP(&o.raw, "raw", "r", false, "print string results without quotes")
	}, runJSON)
}

// runJSON is `json [FILTER] [N]`: a lone number is N, not a filter.
func runJSON(ctx context.Context, env *commands.Env, c *commands.Call, o *jsonOptions) error {
	filter, rest := ".", c.Args
	if len(rest) > 0 {
		if _, err := strconv.Atoi(rest[0]); err != nil || len(rest) > 1 {
			filter, rest = rest[0], rest[1:]
		}
	}
	e, err := env.Exchange(rest)
	if err != nil {
		return err
	}
	if err := env.InMemory("json", e.Response()); err != nil {
		return err
	}
	// The body as text: decoded by its charset (Latin-1 JSON and such).
	body, _, _ := charset.Decode(e.Response().Body, e.Response().ContentType())
	r := env.Render()
	if strings.TrimSpace(filter) == "." && !o.raw && json.Valid(body) {
		// The body itself, indented: the server's key order, as jq keeps it
		// (gojq's objects are maps and would sort the keys).
		return r.Body(env.Stdout, "application/json", body)
	}
	return commands.JQEach(ctx, filter, body, func(v any) error {
		if str, ok := v.(string); ok && o.raw {
			fmt.Fprintln(env.Stdout, render.SanitizeText(str))
			return nil
		}
		b, err := commands.MarshalJSON(v)
		if err != nil {
			return commands.Failf("json: %w", err)
		}
		return r.Body(env.Stdout, "application/json", b)
	})
}

type saveOptions struct{ force bool }

func save() *commands.Command {
	return commands.Define(commands.Command{
		Name: "save", Usage: "save FILE [N] [--force]", Short: "write the body's bytes to FILE (create only)",
		Args:    []commands.Arg{{Hint: commands.HintFile}},
		Min:     1,
		Max:     2,
		Example: "get /image/png\nsave pig.png",
	}, func(fs *pflag.FlagSet, o *saveOptions) {
		fs.BoolVar(&o.force, "force", false, "overwrite FILE")
	}, runSave)
}

func runSave(_ context.Context, env *commands.Env, c *commands.Call, o *saveOptions) error {
	e, err := env.Exchange(c.Args[1:])
	if err != nil {
		return err
	}
	resp := e.Response()
	if resp.Streamed {
		return commands.Usagef("exchange %d's body went to a file or the screen, not memory: send it again with -o FILE", e.ID)
	}
	body, err := resp.Open()
	if err != nil {
		return commands.Failf("save: %w", err)
	}
	defer body.Close()
	n, err := fileout.WriteFileAtomicFrom(c.Args[0], body, 0o644, o.force)
	if err != nil {
		return err
	}
	env.Printf("saved %s to %s\n", render.HumanBytes(n), c.Args[0])
	return nil
}
