package assert

import (
	"context"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

func capture() *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "capture",
		Usage: "capture NAME json FILTER | capture NAME header HEADER | capture NAME cookie COOKIE | capture NAME status",
		Short: "store a value from the last response in a variable, for {{NAME}} in later lines",
		Long: "json takes the first result of a jq filter on the body: a string is stored as is, anything else as JSON text. " +
			"header joins repeated values with \", \"; cookie reads the jar after the exchange; status is the code. " +
			"A capture that finds nothing (no header, no cookie, a null or missing JSON value) is an error naming what was missing, " +
			"so a script stops there instead of sending {{NAME}} empty.",
		// The second word names what to capture: the first is the variable.
		SubAt:   1,
		NeedSub: true,
		Sub: []commands.Sub{
			{Name: "json", Usage: "capture NAME json FILTER", Short: "the first result of a jq filter on the body", Args: []commands.Arg{{Hint: commands.HintJSON}}, Min: 2, Max: 2},
			{Name: "header", Usage: "capture NAME header HEADER", Short: "a response header, repeated values joined", Args: []commands.Arg{{Hint: commands.HintResponseHeader}}, Min: 2, Max: 2},
			{Name: "cookie", Usage: "capture NAME cookie COOKIE", Short: "a cookie of the jar", Args: []commands.Arg{{Hint: commands.HintCookie}}, Min: 2, Max: 2},
			{Name: "status", Usage: "capture NAME status", Short: "the status code", Min: 1, Max: 1},
		},
		Args:    []commands.Arg{{Hint: commands.HintVar}},
		Example: "post /anything --json '{\"token\": \"abc\"}'\ncapture token json .json.token\nget /bearer Authorization:'Bearer {{token}}'",
	}, runCapture)
}

// runCapture is `capture NAME KIND [WORD]`: the variable is set only when
// the value was found.
func runCapture(ctx context.Context, env *commands.Env, c *commands.Call) error {
	name, kind, rest := c.Args[0], c.SubName(), c.Args[1:]
	if !commands.ValidVarName(name) {
		return commands.Usagef("capture: bad variable name %q: use letters, digits, _, - and .", name)
	}
	e, err := env.Exchange(nil)
	if err != nil {
		return err
	}
	value, err := captured(ctx, env, e, name, kind, rest)
	if err != nil {
		return err
	}
	env.Session.Vars[name] = value
	return nil
}

// captured is the value capture NAME KIND REST takes from exchange e.
func captured(ctx context.Context, env *commands.Env, e *session.Exchange, name, kind string, rest []string) (string, error) {
	resp := e.Response()
	switch kind {
	case "status":
		return strconv.Itoa(resp.StatusCode), nil
	case "header":
		vals := resp.Header.Values(rest[0])
		if len(vals) == 0 {
			return "", commands.Failf("capture %s header %s: exchange %d has no %s header (`show headers` lists them)", name, rest[0], e.ID, rest[0])
		}
		return strings.Join(vals, ", "), nil
	case "cookie":
		v, ok := jarValue(env, rest[0])
		if !ok {
			return "", commands.Failf("capture %s cookie %s: no cookie %s in the jar (`cookies` lists them)", name, rest[0], rest[0])
		}
		return v, nil
	}
	if err := env.InMemory("capture "+name+" json", resp); err != nil {
		return "", err
	}
	return captureJSON(ctx, name, rest[0], resp.Body)
}

// captureJSON returns the first result of filter: a string as is,
// anything else as compact JSON. No result, or null, is a failure.
func captureJSON(ctx context.Context, name, filter string, body []byte) (string, error) {
	first, found, err := commands.JQFirst(ctx, filter, body)
	if err != nil {
		return "", err
	}
	if !found || first == nil {
		return "", commands.Failf("capture %s json %s: found nothing (null or missing) in the body: try `json %s` to look", name, filter, commands.Quote(filter))
	}
	if s, ok := first.(string); ok {
		return s, nil
	}
	b, err := commands.MarshalJSON(first)
	if err != nil {
		return "", commands.Failf("capture %s json %s: %w", name, filter, err)
	}
	return string(b), nil
}
