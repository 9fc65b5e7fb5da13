package commands

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/itchyny/gojq"
)

// JQ runs the jq filter over a JSON body and returns every result, the
// filter language of `json FILTER`, `expect json` and `capture NAME json`.
// A filter that does not parse is a usage error; a body that is not JSON,
// or a filter that fails on it, is a failure. Numbers keep integer
// precision (see NormalizeNumbers).
func JQ(ctx context.Context, filter string, body []byte) ([]any, error) {
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
	doc = NormalizeNumbers(doc)
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
