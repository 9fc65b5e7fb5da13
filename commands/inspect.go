package commands

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/itchyny/gojq"
	"github.com/spf13/pflag"
)

func inspectCommands() []*Command {
	return []*Command{
		{
			Name: "show", Usage: "show [status|headers|body|request|timing|redirects|cookies|raw] [N]",
			Short: "show the last exchange, or exchange N",
			Long:  "request is every hop as it went on the wire; redirects lists the chain; cookies lists the Set-Cookie headers of the response; raw is the request and the response with headers, as sent and received.",
			Sub: []Sub{{Name: "status", Usage: "", Short: "the status line"}, {Name: "headers", Usage: "", Short: "the response headers"}, {Name: "body", Usage: "", Short: "the body alone"},
				{Name: "request", Usage: "", Short: "the request as sent, every hop"}, {Name: "timing", Usage: "", Short: "where the time went"}, {Name: "redirects", Usage: "", Short: "the redirect chain"},
				{Name: "cookies", Usage: "", Short: "cookies the response set"}, {Name: "raw", Usage: "", Short: "request and response"}},
			Example: "show\nshow headers\nshow body 3", LegacyRun: runShow,
		},
		{
			Name: "json", Usage: "json [FILTER] [N] [-r]", Short: "apply a jq filter to the JSON body",
			Long:        "Each result is printed as JSON (a string keeps its quotes, as with jq); -r prints strings as plain text, as jq -r does.",
			LegacyFlags: func(fs *pflag.FlagSet) { fs.BoolP("raw", "r", false, "print string results without quotes") },
			Example:     "json .args\njson '.headers[\"User-Agent\"]'\njson -r .url\njson '.slideshow.slides | length'", LegacyArgs: []string{"json"},
			LegacyRun: runJSON,
		},
		{
			Name: "save", Usage: "save FILE [N] [--force]", Short: "write the body's bytes to FILE (create only)",
			LegacyFlags: func(fs *pflag.FlagSet) { fs.Bool("force", false, "overwrite FILE") }, LegacyArgs: []string{"file"},
			Example: "get /image/png\nsave pig.png", LegacyRun: runSave,
		},
		{
			Name: "check", Usage: "check [N]", Short: "fail if the status is 4xx or 5xx, like raise_for_status()",
			Example: "post /get\ncheck", LegacyRun: runCheck,
		},
		{
			Name: "history", Usage: "history [N] | history save FILE [--force]", Short: "list exchanges: number, method, URL, status, size, time",
			Sub:       []Sub{{Name: "save", Usage: "history save FILE [--force]", Short: "write the lines typed so far (credentials redacted) as a script"}},
			LegacyRun: runHistory,
		},
	}
}

// exchangeArg returns exchange N from the words (or the last one).
func (x *Executor) exchangeArg(words []string) (*session.Exchange, error) {
	n := 0
	if len(words) > 0 {
		v, err := strconv.Atoi(strings.TrimPrefix(words[0], "#"))
		if err != nil || v <= 0 {
			return nil, Usagef("expected an exchange number, not %q (`history` lists them)", words[0])
		}
		n = v
	}
	e := x.Session.Exchange(n)
	switch {
	case e != nil:
		return e, nil
	case n == 0:
		return nil, Usagef("no response yet: send a request first, e.g. `get /get`")
	}
	return nil, Usagef("no exchange %d (`history` lists them)", n)
}

func runShow(_ context.Context, x *Executor, c *Call) error {
	part, rest := "all", c.Args
	if len(rest) > 0 {
		if _, err := strconv.Atoi(rest[0]); err != nil {
			part, rest = rest[0], rest[1:]
		}
	}
	if len(rest) > 1 {
		return Usagef("usage: show [PART] [N]")
	}
	e, err := x.exchangeArg(rest)
	if err != nil {
		return err
	}
	switch part {
	case "all":
		x.View().Exchange(e, render.PartsOf([]string{"status", "headers", "body"}), false, "")
	case "status", "headers", "body", "timing":
		x.View().Exchange(e, render.PartsOf([]string{part}), false, "")
	case "request":
		x.showRequests(e)
	case "raw":
		x.View().Exchange(e, render.PartsOf([]string{"request", "status", "headers", "body"}), false, "")
	case "redirects":
		x.showRedirects(e)
	case "cookies":
		x.showSetCookies(e)
	default:
		return Usagef("show %q: expected status, headers, body, request, timing, redirects, cookies or raw", part)
	}
	return nil
}

func (x *Executor) showRequests(e *session.Exchange) {
	for i, h := range e.Hops {
		if i > 0 {
			fmt.Fprintln(x.Stdout)
		}
		x.View().Wire(x.Stdout, &h.Request)
	}
}

func (x *Executor) showRedirects(e *session.Exchange) {
	if !e.Redirected() {
		x.printf("no redirects: %s answered %d\n", render.Sanitize(session.Redact(e.URL())), e.Response().StatusCode)
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
	x.Render().Table(x.Stdout, []string{"hop", "method", "url", "status", "location"}, rows)
}

func (x *Executor) showSetCookies(e *session.Exchange) {
	var fs []render.Field
	for _, h := range e.Hops {
		for _, v := range h.Response.Header.Values("Set-Cookie") {
			fs = append(fs, render.Field{Name: "Set-Cookie", Value: v})
		}
	}
	if len(fs) == 0 {
		x.printf("the response set no cookies\n")
		return
	}
	x.Render().Headers(x.Stdout, fs)
}

func runJSON(ctx context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("json")
	fs := cmd.FlagSet()
	args, err := parseFlags("json", fs, c.Args)
	if err != nil {
		return err
	}
	raw, _ := fs.GetBool("raw")
	filter, rest := ".", args
	if len(rest) > 0 {
		if _, err := strconv.Atoi(rest[0]); err != nil || len(rest) > 1 {
			filter, rest = rest[0], rest[1:]
		}
	}
	e, err := x.exchangeArg(rest)
	if err != nil {
		return err
	}
	if err := x.inMemory("json", e.Response()); err != nil {
		return err
	}
	results, err := jqEval(ctx, filter, e.Response().Body)
	if err != nil {
		return err
	}
	r := x.Render()
	for _, v := range results {
		if str, ok := v.(string); ok && raw {
			fmt.Fprintln(x.Stdout, render.SanitizeText(str))
			continue
		}
		b, err := marshalJSON(v)
		if err != nil {
			return Failf("json: %w", err)
		}
		_ = r.Body(x.Stdout, "application/json", b)
	}
	return nil
}

// jqEval runs a jq filter over a JSON body and returns every result.
func jqEval(ctx context.Context, filter string, body []byte) ([]any, error) {
	q, err := gojq.Parse(filter)
	if err != nil {
		return nil, Usagef("bad jq filter %q: %v", filter, err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, Usagef("bad jq filter %q: %v", filter, err)
	}
	var doc any
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, Failf("the body is not JSON (%s): try `show body`", JSONProblem(body))
	}
	doc = normalizeNumbers(doc)
	var out []any
	it := code.RunWithContext(ctx, doc)
	for {
		v, ok := it.Next()
		if !ok {
			break
		}
		if err, isErr := v.(error); isErr {
			return nil, Failf("jq %s: %v", filter, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// normalizeNumbers turns json.Number into int or float64 for gojq, which
// does not accept json.Number... except as large ints; keep precision for
// integers.
func normalizeNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = normalizeNumbers(e)
		}
	case json.Number:
		if i, err := t.Int64(); err == nil {
			return int(i)
		}
		f, _ := t.Float64()
		return f
	}
	return v
}

func runSave(_ context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("save")
	fs := cmd.FlagSet()
	args, err := parseFlags("save", fs, c.Args)
	if err != nil {
		return err
	}
	if len(args) < 1 || len(args) > 2 {
		return Usagef("usage: save FILE [N] [--force]")
	}
	e, err := x.exchangeArg(args[1:])
	if err != nil {
		return err
	}
	resp := e.Response()
	if resp.Streamed {
		return Usagef("exchange %d's body went to a file or the screen, not memory: send it again with -o FILE", e.ID)
	}
	force, _ := fs.GetBool("force")
	body, err := resp.Open()
	if err != nil {
		return Failf("save: %w", err)
	}
	defer body.Close()
	n, err := fileout.WriteFileAtomicFrom(args[0], body, 0o644, force)
	if err != nil {
		return err
	}
	x.printf("saved %s to %s\n", render.HumanBytes(n), args[0])
	return nil
}

func runCheck(_ context.Context, x *Executor, c *Call) error {
	e, err := x.exchangeArg(c.Args)
	if err != nil {
		return err
	}
	return StatusError(e)
}

func runHistory(_ context.Context, x *Executor, c *Call) error {
	if len(c.Args) > 0 && c.Args[0] == "save" {
		return x.saveHistory(c.Args[1:])
	}
	if len(c.Args) > 0 {
		e, err := x.exchangeArg(c.Args)
		if err != nil {
			return err
		}
		x.View().Exchange(e, render.PartsOf([]string{"request", "status", "headers", "body"}), false, "")
		return nil
	}
	es := x.Session.Exchanges()
	if len(es) == 0 {
		x.printf("no exchanges yet\n")
		return nil
	}
	var rows [][]string
	for _, e := range es {
		r := e.Response()
		rows = append(rows, []string{strconv.Itoa(e.ID), e.Hops[0].Request.Method, session.Redact(e.Hops[0].Request.URL),
			fmt.Sprintf("%d %s", r.StatusCode, r.Reason), render.HumanBytes(r.Size), render.Duration(e.Elapsed)})
	}
	x.Render().Table(x.Stdout, []string{"#", "method", "url", "status", "size", "time"}, rows)
	return nil
}

// marshalJSON encodes v without HTML escaping (& stays &).
func marshalJSON(v any) ([]byte, error) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(buf.String(), "\n")), nil
}
