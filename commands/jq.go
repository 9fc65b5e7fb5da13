package commands

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/itchyny/gojq"
)

// JQ runs the jq filter over a JSON body and returns every result, the
// filter language of `json FILTER`, `expect json` and `capture NAME json`.
// A filter that does not parse is a usage error; a body that is not JSON,
// or a filter that fails on it, is a failure. Numbers keep integer
// precision (see NormalizeNumbers). The filter runs within JQEach's
// memory budget.
func JQ(ctx context.Context, filter string, body []byte) ([]any, error) {
	var out []any
	err := JQEach(ctx, filter, body, func(v any) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// JQFirst is the first result of filter on body, with found false when
// the filter yields none; the filter stops after its first result.
func JQFirst(ctx context.Context, filter string, body []byte) (v any, found bool, err error) {
	err = JQEach(ctx, filter, body, func(r any) error {
		v, found = r, true
		return errStopJQ
	})
	return v, found, err
}

// errStopJQ is what a JQEach callback returns to end the filter early.
var errStopJQ = errors.New("stop")

// JQEach runs filter over body and calls yield with each result as the
// filter produces it, so a filter with endless results prints as it
// goes and stops with ctx (Ctrl-C). yield's error ends the run and is
// returned. The filter is stopped with a failure when the memory it
// holds grows past JQMemoryBudget (gojq itself has no bound: `def f:
// [f]; f` would take all of it).
func JQEach(ctx context.Context, filter string, body []byte, yield func(any) error) error {
	code, err := compileJQ(filter)
	if err != nil {
		return err
	}
	var doc any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return Failf("the body is not JSON (%s): try `show body`", JSONProblem(body))
	}
	doc = NormalizeNumbers(doc)
	ctx, stop := watchMemory(ctx, JQMemoryBudget)
	defer stop()
	it := code.RunWithContext(ctx, doc)
	for {
		v, ok := it.Next()
		if !ok {
			return nil
		}
		if err, isErr := v.(error); isErr {
			return jqError(ctx, filter, err)
		}
		if err := yield(v); err != nil {
			if errors.Is(err, errStopJQ) {
				return nil
			}
			return err
		}
	}
}

// compileJQ parses and compiles filter; either failing is a usage error.
func compileJQ(filter string) (*gojq.Code, error) {
	q, err := gojq.Parse(filter)
	if err != nil {
		return nil, Usagef("bad jq filter %q: %v", filter, err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return nil, Usagef("bad jq filter %q: %v", filter, err)
	}
	return code, nil
}

// jqError words an error the filter ended with: over its memory budget,
// interrupted, or jq's own.
func jqError(ctx context.Context, filter string, err error) error {
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errJQMemory):
		return Failf("jq %s: stopped: the filter held more than %d MiB of memory (a recursion without end?)", filter, JQMemoryBudget>>20)
	case ctx.Err() != nil:
		return &Error{Status: StatusInterrupted, Err: fmt.Errorf("jq %s: interrupted: %w", filter, ctx.Err())}
	}
	return Failf("jq %s: %v", filter, err)
}

// NormalizeNumbers turns the json.Number values of a document decoded
// with UseNumber into int (when the number is an integer that fits) or
// float64, the numbers gojq accepts; maps and slices are changed in place.
func NormalizeNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = NormalizeNumbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = NormalizeNumbers(e)
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

// MarshalJSON encodes v as compact JSON without HTML escaping (& stays
// &) and without a trailing newline.
func MarshalJSON(v any) ([]byte, error) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(buf.String(), "\n")), nil
}
