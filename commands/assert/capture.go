package assert

import (
	"context"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// captureKind is one thing capture can take (the word after NAME), as
// data: its usage line and how many words follow it. capture cannot use
// Sub, which names the first word, and its first word is the variable.
type captureKind struct {
	name, usage string
	words       int
	args        []commands.Arg // the words after it, for completion
}

var captureKinds = []captureKind{
	{name: "json", usage: "capture NAME json FILTER", words: 1, args: []commands.Arg{{Hint: commands.HintJSON}}},
	{name: "header", usage: "capture NAME header HEADER", words: 1, args: []commands.Arg{{Hint: commands.HintResponseHeader}}},
	{name: "cookie", usage: "capture NAME cookie COOKIE", words: 1, args: []commands.Arg{{Hint: commands.HintCookie}}},
	{name: "status", usage: "capture NAME status"},
}

// kindArg is capture's second word: what to capture, and the words that
// follow each choice.
func kindArg() commands.Arg {
	a := commands.Arg{Desc: "what to capture", Branch: map[string][]commands.Arg{}}
	for _, k := range captureKinds {
		a.Values = append(a.Values, k.name)
		if k.args != nil {
			a.Branch[k.name] = k.args
		}
	}
	return a
}

func capture() *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "capture",
		Usage: "capture NAME json FILTER | capture NAME header HEADER | capture NAME cookie COOKIE | capture NAME status",
		Short: "store a value from the last response in a variable, for {{NAME}} in later lines",
		Long: "json takes the first result of a jq filter on the body: a string is stored as is, anything else as JSON text. " +
			"header joins repeated values with \", \"; cookie reads the jar after the exchange; status is the code. " +
			"A capture that finds nothing (no header, no cookie, a null or missing JSON value) is an error naming what was missing, " +
			"so a script stops there instead of sending {{NAME}} empty.",
		Args:    []commands.Arg{{Hint: commands.HintVar}, kindArg()},
		Min:     2,
		Max:     commands.Many, // each kind's count is checked with its own usage
		Example: "post /anything --json '{\"token\": \"abc\"}'\ncapture token json .json.token\nget /bearer Authorization:'Bearer {{token}}'",
	}, runCapture)
}

// runCapture is `capture NAME KIND [WORD]`: the variable is set only when
// the value was found.
func runCapture(ctx context.Context, env *commands.Env, c *commands.Call) error {
	name, kind, rest := c.Args[0], c.Args[1], c.Args[2:]
	if !commands.ValidVarName(name) {
		return commands.Usagef("capture: bad variable name %q: use letters, digits, _, - and .", name)
	}
	e, err := env.Exchange(nil)
	if err != nil {
		return err
	}
	k := findKind(kind)
	if k == nil {
		return commands.Usagef("capture %s %q: expected json, header, cookie or status", name, kind)
	}
	if len(rest) != k.words {
		return commands.Usagef("usage: %s", k.usage)
	}
	value, err := captured(ctx, env, e, name, kind, rest)
	if err != nil {
		return err
	}
	env.Session.Vars[name] = value
	return nil
}

func findKind(name string) *captureKind {
	for i := range captureKinds {
		if captureKinds[i].name == name {
			return &captureKinds[i]
		}
	}
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
	results, err := commands.JQ(ctx, filter, body)
	if err != nil {
		return "", err
	}
	if len(results) == 0 || results[0] == nil {
		return "", commands.Failf("capture %s json %s: found nothing (null or missing) in the body: try `json %s` to look", name, filter, commands.Quote(filter))
	}
	if s, ok := results[0].(string); ok {
		return s, nil
	}
	b, err := commands.MarshalJSON(results[0])
	if err != nil {
		return "", commands.Failf("capture %s json %s: %w", name, filter, err)
	}
	return string(b), nil
}
