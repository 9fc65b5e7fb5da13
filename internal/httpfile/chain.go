package httpfile

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// Response is what a chained reference reads of an earlier response.
type Response struct {
	Headers []collection.Header
	Body    []byte
}

// Responses gives the last response of the request named name (# @name).
type Responses interface {
	Response(name string) (*Response, bool)
}

// lookupResponse resolves NAME.response.body.$.path, NAME.response.body.*
// and NAME.response.headers.Header-Name.
func lookupResponse(rs Responses, ref string) (string, bool, error) {
	name, rest, _ := strings.Cut(ref, ".response.")
	resp, ok := rs.Response(name)
	if !ok {
		return "", false, fmt.Errorf("request %q has no response yet: send it first", name)
	}
	switch {
	case strings.HasPrefix(rest, "headers."):
		h := strings.TrimPrefix(rest, "headers.")
		for _, x := range resp.Headers {
			if strings.EqualFold(x.Name, h) {
				return x.Value, true, nil
			}
		}
		return "", false, fmt.Errorf("the response of %q has no header %s", name, h)
	case rest == "body" || rest == "body.*":
		return string(resp.Body), true, nil
	case strings.HasPrefix(rest, "body.$"):
		var doc any
		if err := json.Unmarshal(resp.Body, &doc); err != nil {
			return "", false, fmt.Errorf("the response of %q is not JSON: %w", name, err)
		}
		v, err := JSONPath(doc, strings.TrimPrefix(rest, "body."))
		if err != nil {
			return "", false, err
		}
		return v, true, nil
	}
	return "", false, fmt.Errorf("write NAME.response.body.$.path or NAME.response.headers.NAME, not %q", ref)
}

// lookupBodyPath resolves httpyac's NAME.a.b[0]: a path into the JSON body
// of NAME's response. A NAME with no response is not known (ok false).
func lookupBodyPath(rs Responses, ref string) (string, bool, error) {
	name, rest, _ := strings.Cut(ref, ".")
	resp, ok := rs.Response(name)
	if !ok {
		return "", false, nil
	}
	var doc any
	if err := json.Unmarshal(resp.Body, &doc); err != nil {
		return "", false, fmt.Errorf("the response of %q is not JSON: %w", name, err)
	}
	v, err := JSONPath(doc, "$."+rest)
	return v, err == nil, err
}

// JSONPath evaluates the subset $.a.b[0]["c d"] on a decoded JSON value and
// returns a string as is, and anything else as compact JSON.
func JSONPath(doc any, path string) (string, error) {
	steps, err := pathSteps(path)
	if err != nil {
		return "", err
	}
	cur := doc
	for _, st := range steps {
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[st]
			if !ok {
				return "", fmt.Errorf("%s: no key %q", path, st)
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(st)
			if err != nil || i < 0 || i >= len(c) {
				return "", fmt.Errorf("%s: index %q is not in an array of %d", path, st, len(c))
			}
			cur = c[i]
		default:
			return "", fmt.Errorf("%s: %q is past a %T", path, st, cur)
		}
	}
	if s, ok := cur.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(cur)
	return string(b), err
}

// pathSteps splits $.a.b[0]['x'] into a, b, 0, x.
func pathSteps(path string) ([]string, error) {
	if !strings.HasPrefix(path, "$") {
		return nil, fmt.Errorf("JSONPath %q must start with $", path)
	}
	var steps []string
	s := path[1:]
	for s != "" {
		switch s[0] {
		case '.':
			i := strings.IndexAny(s[1:], ".[")
			if i < 0 {
				i = len(s) - 1
			}
			if i == 0 {
				return nil, fmt.Errorf("JSONPath %q has an empty step", path)
			}
			steps = append(steps, s[1:1+i])
			s = s[1+i:]
		case '[':
			j := strings.IndexByte(s, ']')
			if j < 0 {
				return nil, fmt.Errorf("JSONPath %q: [ without ]", path)
			}
			steps = append(steps, strings.Trim(s[1:j], `"'`))
			s = s[j+1:]
		default:
			return nil, fmt.Errorf("JSONPath %q: expected . or [ at %q", path, s)
		}
	}
	return steps, nil
}
