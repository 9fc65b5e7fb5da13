package commands

import (
	"context"
	"strconv"
	"strings"
)

func captureCommands() []*Command {
	return []*Command{{
		Name:  "capture",
		Usage: "capture NAME json FILTER | capture NAME header HEADER | capture NAME cookie COOKIE | capture NAME status",
		Short: "store a value from the last response in a variable, for {{NAME}} in later lines",
		Long: "json takes the first result of a jq filter on the body: a string is stored as is, anything else as JSON text. " +
			"header joins repeated values with \", \"; cookie reads the jar after the exchange; status is the code. " +
			"A capture that finds nothing (no header, no cookie, a null or missing JSON value) is an error naming what was missing, " +
			"so a script stops there instead of sending {{NAME}} empty.",
		Sub: []Sub{{Name: "json", Usage: "capture NAME json FILTER", Short: "a jq filter on the JSON body"},
			{Name: "header", Usage: "capture NAME header HEADER", Short: "a response header"},
			{Name: "cookie", Usage: "capture NAME cookie COOKIE", Short: "a cookie in the jar"},
			{Name: "status", Usage: "capture NAME status", Short: "the status code"}},
		LegacyArgs: []string{"var"},
		Example:    "post /anything --json '{\"token\": \"abc\"}'\ncapture token json .json.token\nget /bearer Authorization:'Bearer {{token}}'",
		LegacyRun:  runCapture,
	}}
}

func runCapture(ctx context.Context, x *Executor, c *Call) error {
	if len(c.Args) < 2 {
		return Usagef("usage: %s", captureCommands()[0].Usage)
	}
	name, kind, rest := c.Args[0], c.Args[1], c.Args[2:]
	if !validVarName(name) {
		return Usagef("capture: bad variable name %q: use letters, digits, _, - and .", name)
	}
	e, err := x.exchangeArg(nil)
	if err != nil {
		return err
	}
	resp := e.Response()
	var value string
	switch kind {
	case "status":
		if len(rest) != 0 {
			return Usagef("usage: capture NAME status")
		}
		value = strconv.Itoa(resp.StatusCode)
	case "header":
		if len(rest) != 1 {
			return Usagef("usage: capture NAME header HEADER")
		}
		vals := resp.Header.Values(rest[0])
		if len(vals) == 0 {
			return Failf("capture %s header %s: exchange %d has no %s header (`show headers` lists them)", name, rest[0], e.ID, rest[0])
		}
		value = strings.Join(vals, ", ")
	case "cookie":
		if len(rest) != 1 {
			return Usagef("usage: capture NAME cookie COOKIE")
		}
		v, ok := x.jarValue(rest[0])
		if !ok {
			return Failf("capture %s cookie %s: no cookie %s in the jar (`cookies` lists them)", name, rest[0], rest[0])
		}
		value = v
	case "json":
		if len(rest) != 1 {
			return Usagef("usage: capture NAME json FILTER")
		}
		if err := x.inMemory("capture "+name+" json", resp); err != nil {
			return err
		}
		v, err := captureJSON(ctx, name, rest[0], resp.Body)
		if err != nil {
			return err
		}
		value = v
	default:
		return Usagef("capture %s %q: expected json, header, cookie or status", name, kind)
	}
	x.Session.Vars[name] = value
	return nil
}

// captureJSON returns the first result of filter: a string as is,
// anything else as compact JSON. No result, or null, is a failure.
func captureJSON(ctx context.Context, name, filter string, body []byte) (string, error) {
	results, err := jqEval(ctx, filter, body)
	if err != nil {
		return "", err
	}
	if len(results) == 0 || results[0] == nil {
		return "", Failf("capture %s json %s: found nothing (null or missing) in the body: try `json %s` to look", name, filter, Quote(filter))
	}
	if s, ok := results[0].(string); ok {
		return s, nil
	}
	b, err := marshalJSON(results[0])
	if err != nil {
		return "", Failf("capture %s json %s: %w", name, filter, err)
	}
	return string(b), nil
}

// jarValue is the value of the last cookie named name in the jar.
func (x *Executor) jarValue(name string) (string, bool) {
	got, found := "", false
	for _, ck := range x.Session.Jar.All() {
		if ck.Name == name {
			got, found = ck.Value, true
		}
	}
	return got, found
}
