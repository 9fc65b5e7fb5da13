package assert

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// Operators of expect.
var expectOps = []string{"==", "!=", "~", "<", "<=", ">", ">=", "exists"}

// timeOps are the operators expect time takes.
var timeOps = []string{"<", "<=", ">", ">=", "==", "!="}

// opArg is the operator word, for completion.
func opArg(ops []string) commands.Arg { return commands.Arg{Values: ops, Desc: "comparison"} }

func expect(resend Resender) *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "expect",
		Usage: "expect status CODE|Nxx | header NAME [OP VALUE] | json FILTER OP VALUE | body contains TEXT | cookie NAME [OP VALUE] | time OP DURATION | spec [N]",
		Short: "check the last response; a failed expect stops a script with exit status 1",
		Long: "OP is one of == != ~ (regex) < <= > >= exists. In `expect json`, VALUE is read as JSON when it parses as JSON (3, true, \"3\", [1]), otherwise as a string. " +
			"`expect cookie` reads the jar after the last exchange. `expect spec [N]` checks the last exchange (or exchange N) against the loaded spec (`spec load`): its request, its status and its body; a failure lists every mismatch. " +
			"Ending the line with `--retry N [--every D]` re-sends the last request (every D, default 1s) until the check holds, at most N more times: " +
			"only the LAST words of the line are read so, since values may start with '-'.",
		Sub: []commands.Sub{
			{Name: "status", Usage: "expect status [OP] CODE", Short: "the status code", Min: 1, Max: commands.Many,
				Args: []commands.Arg{{Values: []string{"200", "201", "204", "2xx", "3xx", "400", "401", "403", "404", "4xx", "5xx"}, Desc: "expected status"}}},
			{Name: "header", Usage: "expect header NAME [OP VALUE]", Short: "a response header", Min: 1, Max: commands.Many,
				Args: []commands.Arg{{Hint: commands.HintResponseHeader}, opArg(expectOps)}},
			{Name: "json", Usage: "expect json FILTER OP VALUE", Short: "a jq filter on the JSON body", Min: 2, Max: commands.Many,
				Args: []commands.Arg{{Hint: commands.HintJSON}, opArg(expectOps)}},
			{Name: "body", Usage: "expect body contains TEXT", Short: "the body text", Min: 2, Max: commands.Many,
				Args: []commands.Arg{{Values: []string{"contains"}, Desc: "test"}}},
			{Name: "cookie", Usage: "expect cookie NAME [OP VALUE]", Short: "a cookie in the jar", Min: 1, Max: commands.Many,
				Args: []commands.Arg{{Hint: commands.HintCookie}, opArg(expectOps)}},
			{Name: "time", Usage: "expect time OP DURATION (e.g. expect time < 500ms)", Short: "the exchange's duration", Min: 2, Max: commands.Many,
				Args: []commands.Arg{opArg(timeOps)}},
			{Name: "spec", Usage: "expect spec [N]", Short: "the last exchange (or exchange N) conforms to the loaded OpenAPI spec", Max: 1},
		},
		NeedSub: true,
		Checks:  true,
		Example: "get /get\nexpect status 200\nexpect header Content-Type ~ json\nexpect json .url ~ /get$\nexpect time < 2s",
	}, func(ctx context.Context, env *commands.Env, c *commands.Call) error {
		return runExpect(ctx, env, c, resend)
	})
}

// runExpect checks the last response; what, the line as typed (quoted),
// starts every message.
func runExpect(ctx context.Context, env *commands.Env, c *commands.Call, resend Resender) error {
	if c.SubName() == "spec" {
		e, err := env.Exchange(c.Args)
		if err != nil {
			return err
		}
		return expectSpec(env, e)
	}
	args, rt, err := splitRetry(c.Args)
	if err != nil {
		return err
	}
	if max := subMax(c.SubName()); max > 0 && len(args) > max {
		return c.UsageError()
	}
	if rt.tries == 0 {
		return expectOnce(ctx, env, c, args)
	}
	if resend == nil {
		return commands.Usagef("expect --retry: this httpsh cannot re-send requests")
	}
	return expectEventually(ctx, env, rt, resend, func() error { return expectOnce(ctx, env, c, args) })
}

// expectOnce checks args (the words after the subcommand, without a
// trailing --retry/--every) against the last response.
func expectOnce(ctx context.Context, env *commands.Env, c *commands.Call, args []string) error {
	e, err := env.Exchange(nil)
	if err != nil {
		return err
	}
	what := "expect " + strings.Join(quoteAll(append([]string{c.SubName()}, args...)), " ")
	resp := e.Response()
	switch c.SubName() {
	case "status":
		return expectStatus(what, args, resp.StatusCode)
	case "header":
		vals := resp.Header.Values(args[0])
		got, found := strings.Join(vals, ", "), len(vals) > 0
		return compare(what, args[1:], render.Sanitize(got), found, false)
	case "body":
		if args[0] != "contains" {
			return c.UsageError()
		}
		found, start, err := bodyContains(resp, args[1])
		if err != nil || found {
			return err
		}
		return commands.Failf("%s: not in the body (%s%s)", what, render.HumanBytes(resp.Size), bodyStart(start))
	case "cookie":
		got, found := jarValue(env, args[0])
		return compare(what, args[1:], render.Sanitize(got), found, false)
	case "json":
		if err := env.InMemory(what, resp); err != nil {
			return err
		}
		return expectJSON(ctx, what, args, resp.Body)
	}
	return expectTime(what, args, e.Elapsed) // time
}

// expectSpec checks e's request and response against the loaded spec;
// the failure lists every mismatch on its one line, separated by "; ".
func expectSpec(env *commands.Env, e *session.Exchange) error {
	sp := env.Spec()
	if sp == nil {
		return commands.Usagef("expect spec: no spec loaded (`spec load FILE|URL`, or `export openapi FILE` to draft one)")
	}
	var problems []string
	if e.Prepared != nil {
		problems = sp.CheckRequest(e.Prepared)
	}
	resp, _ := sp.CheckResponse(e)
	problems = append(problems, resp...)
	if len(problems) == 0 {
		return nil
	}
	name := sp.Operation(e)
	if name == "" {
		name = render.Sanitize(e.Summary())
	}
	count := "1 mismatch"
	if len(problems) > 1 {
		count = fmt.Sprintf("%d mismatches", len(problems))
	}
	return commands.Failf("expect spec: #%d %s: %s: %s", e.ID, name, count, strings.Join(problems, "; "))
}

// jarValue is the value of the last cookie named name in the jar.
func jarValue(env *commands.Env, name string) (string, bool) {
	got, found := "", false
	for _, ck := range env.Session.Jar.All() {
		if ck.Name == name {
			got, found = ck.Value, true
		}
	}
	return got, found
}

func quoteAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = commands.Quote(w)
	}
	return out
}

// expectStatus checks `[OP] CODE` (one or two words, as the Sub bounds)
// against code; CODE may be a class such as 2xx, taking == or !=.
func expectStatus(what string, args []string, code int) error {
	op, want := "==", args[0]
	if len(args) == 2 {
		op, want = args[0], args[1]
	}
	if n, err := strconv.Atoi(want); (err != nil || n < 100 || n > 599) && !statusClass(want) {
		return commands.Usagef("%s: %q is not a status code (100 to 599) or a class such as 2xx", what, want)
	}
	if len(want) == 3 && strings.HasSuffix(strings.ToLower(want), "xx") {
		class := want[0]
		ok := class >= '1' && class <= '5' && strconv.Itoa(code)[0] == class
		if op == "!=" {
			ok = !ok
		} else if op != "==" {
			return commands.Usagef("%s: a class such as 2xx takes == or !=", what)
		}
		if !ok {
			return commands.Failf("%s: got %d", what, code)
		}
		return nil
	}
	if err := compare(what, []string{op, want}, strconv.Itoa(code), true, false); err != nil {
		if commands.ExitStatus(err) == commands.StatusFailure {
			return commands.Failf("%s: got %d", what, code)
		}
		return err
	}
	return nil
}

// expectTime checks `OP DURATION` against the exchange's duration.
func expectTime(what string, args []string, took time.Duration) error {
	d, err := time.ParseDuration(args[1])
	if err != nil {
		return commands.Usagef("%s: %q is not a duration such as 500ms or 2s", what, args[1])
	}
	if ok, err := orderOK(args[0], took.Seconds(), d.Seconds(), what); err != nil || !ok {
		if err != nil {
			return err
		}
		return commands.Failf("%s: took %s", what, render.Duration(took))
	}
	return nil
}

// expectJSON checks `FILTER OP [VALUE]` (at least two words) against the
// filter's first result on body.
func expectJSON(ctx context.Context, what string, args []string, body []byte) error {
	got, found, err := commands.JQFirst(ctx, args[0], body)
	if err != nil {
		return &commands.Error{Status: commands.ExitStatus(err), Err: fmt.Errorf("%s: %w", what, err)}
	}
	found = found && got != nil
	gotText, _ := json.Marshal(got)
	if s, ok := got.(string); ok {
		return compare(what, args[1:], s, found, true)
	}
	if len(args) == 3 && (args[1] == "==" || args[1] == "!=") {
		want := parseLoose(args[2])
		eq := reflect.DeepEqual(commands.NormalizeNumbers(want), got)
		if eq != (args[1] == "==") {
			return commands.Failf("%s: got %s", what, render.Sanitize(string(gotText)))
		}
		return nil
	}
	return compare(what, args[1:], string(gotText), found, true)
}

// parseLoose reads v as JSON when it parses, else as a string.
func parseLoose(v string) any {
	var out any
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil || dec.More() {
		return v
	}
	return out
}

// compare applies [OP VALUE] to got: no OP means exists.
func compare(what string, args []string, got string, found, jsonValue bool) error {
	op, want := "exists", ""
	switch len(args) {
	case 0:
	case 1:
		op = args[0]
	case 2:
		op, want = args[0], args[1]
	default:
		return commands.Usagef("%s: expected OP VALUE with OP one of %s", what, strings.Join(expectOps, " "))
	}
	if jsonValue {
		if s, ok := parseLoose(want).(string); ok && op != "~" {
			want = s
		}
	}
	ok, err := apply(op, got, want, found, what)
	if err != nil {
		return err
	}
	if !ok {
		if !found {
			return commands.Failf("%s: not found", what)
		}
		return commands.Failf("%s: got %q", what, got)
	}
	return nil
}

func apply(op, got, want string, found bool, what string) (bool, error) {
	if op == "exists" {
		return found, nil
	}
	if op != "!=" && !found {
		return false, nil
	}
	switch op {
	case "==":
		return got == want, nil
	case "!=":
		return got != want, nil
	case "~":
		re, err := regexp.Compile(want)
		if err != nil {
			return false, commands.Usagef("%s: bad regular expression: %v", what, err)
		}
		return re.MatchString(got), nil
	case "<", "<=", ">", ">=":
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(want, 64)
		if err1 != nil || err2 != nil {
			return false, commands.Failf("%s: %q and %q are not both numbers", what, got, want)
		}
		return orderOK(op, g, w, what)
	}
	return false, commands.Usagef("%s: unknown operator %q: use one of %s", what, op, strings.Join(expectOps, " "))
}

func orderOK(op string, g, w float64, what string) (bool, error) {
	switch op {
	case "<":
		return g < w, nil
	case "<=":
		return g <= w, nil
	case ">":
		return g > w, nil
	case ">=":
		return g >= w, nil
	case "==":
		return g == w, nil
	case "!=":
		return g != w, nil
	}
	return false, commands.Usagef("%s: unknown operator %q", what, op)
}

// bodyStart is ": starts with ..." for a failure message, sanitised.
func bodyStart(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	s := []rune(string(b[:min(len(b), 240)]))
	if len(s) > 60 {
		s = append(s[:60], '.', '.', '.')
	}
	return ", starts with \"" + render.Sanitize(string(s)) + "\""
}

// statusClass reports whether w is a class such as 2xx.
func statusClass(w string) bool {
	return len(w) == 3 && w[0] >= '1' && w[0] <= '5' && strings.EqualFold(w[1:], "xx")
}
