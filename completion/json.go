package completion

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// MaxJSONBytes is the largest body whose JSON paths are offered: parsing
// it happens once per response, on the first Tab after `json`.
const MaxJSONBytes = 8 << 20

// maxIndexes caps the array positions offered.
const maxIndexes = 20

// jsonCache holds the parsed body of one exchange.
type jsonCache struct {
	exchange *session.Exchange
	doc      any
	ok       bool
	keys     map[string][]string // sorted keys of the object at a path
}

// lastJSON returns the parsed JSON body of the last exchange.
func (c *Completer) lastJSON() (any, bool) {
	if c.src.Session == nil {
		return nil, false
	}
	e := c.src.Session.Last()
	if e == nil {
		return nil, false
	}
	if c.json.exchange != e {
		c.json = jsonCache{exchange: e, keys: map[string][]string{}}
		body := e.Response().Body
		if len(body) <= MaxJSONBytes {
			d := json.NewDecoder(bytes.NewReader(body))
			d.UseNumber()
			c.json.ok = d.Decode(&c.json.doc) == nil
		}
	}
	return c.json.doc, c.json.ok
}

// jsonPaths completes a jq path such as `.args.` or `'.headers."Us` over
// the last response's JSON body: the keys of an object, the positions of
// an array. Keys that are not identifiers are quoted as `."key"`, and an
// unquoted word is then wrapped in single quotes so the shell keeps them.
func (c *Completer) jsonPaths(word string) []candidate {
	doc, ok := c.lastJSON()
	if !ok {
		return c.specJSONPaths(word)
	}
	quote := ""
	expr := word
	if strings.HasPrefix(expr, "'") || strings.HasPrefix(expr, `"`) {
		quote, expr = expr[:1], expr[1:]
	}
	if expr == "" {
		expr = "."
	}
	split := lastSegment(expr)
	if split < 0 {
		return nil
	}
	parent, partial := expr[:split], expr[split:]
	v, ok := walk(doc, parent)
	if !ok {
		return nil
	}
	var out []candidate
	switch v := v.(type) {
	case map[string]any:
		if !strings.HasPrefix(partial, ".") {
			return nil
		}
		key := strings.TrimPrefix(strings.TrimPrefix(partial, "."), `"`)
		keys, ok := c.json.keys[parent]
		if !ok {
			keys = sortedKeys(v)
			c.json.keys[parent] = keys
		}
		// Keys are sorted and ranked in that order: the first matches are
		// the ones shown.
		for i, k := range keys {
			if len(out) == MaxSuggestions {
				break
			}
			if strings.HasPrefix(k, key) && render.Sanitize(k) == k {
				out = append(out, candidate{Suggestion{keyPath(quote, parent, k), describe(v[k])}, 0, i, true})
			}
		}
	case []any:
		for i := 0; i < len(v) && i < maxIndexes; i++ {
			out = append(out, candidate{Suggestion{quote + parent + "[" + strconv.Itoa(i) + "]", describe(v[i])}, 0, i, true})
		}
		out = append(out, candidate{Suggestion{quote + parent + "[]", "every item"}, 1, 0, true})
	}
	return out
}

// keyPath is parent.key, quoting key when it is not an identifier.
func keyPath(quote, parent, key string) string {
	if identifier(key) {
		return quote + parent + "." + key
	}
	p := parent + "." + strconv.Quote(key)
	if quote == "" {
		return "'" + p + "'"
	}
	return quote + p
}

// lastSegment returns where the last path segment (".key", `."key"` or
// "[...") of expr starts, outside double quotes; -1 when expr is not a path.
func lastSegment(expr string) int {
	if !strings.HasPrefix(expr, ".") {
		return -1
	}
	last, inQuote := 0, false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '"':
			inQuote = !inQuote
		case c == '\\' && inQuote:
			i++
		case (c == '.' || c == '[') && !inQuote:
			last = i
		}
	}
	return last
}

// walk follows a path of .key, ."key", [N] and ["key"] segments.
func walk(v any, path string) (any, bool) {
	for path != "" {
		var seg any
		var ok bool
		seg, path, ok = nextSegment(path)
		if !ok {
			return nil, false
		}
		switch s := seg.(type) {
		case string:
			m, isObj := v.(map[string]any)
			if v, ok = m[s]; !isObj || !ok {
				return nil, false
			}
		case int:
			a, isArr := v.([]any)
			if !isArr || s < 0 || s >= len(a) {
				return nil, false
			}
			v = a[s]
		}
	}
	return v, true
}

// nextSegment parses one segment: a string key or an int index.
func nextSegment(path string) (seg any, rest string, ok bool) {
	switch {
	case strings.HasPrefix(path, `."`), strings.HasPrefix(path, `["`):
		end := quotedEnd(path[1:])
		if end < 0 {
			return nil, "", false
		}
		key, err := strconv.Unquote(path[1 : 2+end])
		rest = path[2+end:]
		if path[0] == '[' {
			if !strings.HasPrefix(rest, "]") {
				return nil, "", false
			}
			rest = rest[1:]
		}
		return key, rest, err == nil
	case strings.HasPrefix(path, "["):
		end := strings.IndexByte(path, ']')
		n, err := strconv.Atoi(path[1:max(end, 1)])
		if end < 0 || err != nil {
			return nil, "", false
		}
		return n, path[end+1:], true
	case strings.HasPrefix(path, "."):
		end := 1
		for end < len(path) && path[end] != '.' && path[end] != '[' {
			end++
		}
		return path[1:end], path[end:], end > 1
	}
	return nil, "", false
}

// quotedEnd returns the index of the closing quote of the string literal
// starting at s[0], or -1.
func quotedEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

func identifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describe summarises a JSON value in a few words, sanitised.
func describe(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "object, " + count(len(v), "key")
	case []any:
		return "array, " + count(len(v), "item")
	case string:
		if len(v) > 30 {
			v = v[:30] + "..."
		}
		return render.Sanitize(strconv.Quote(v))
	case nil:
		return "null"
	}
	return render.Sanitize(fmt.Sprint(v))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
