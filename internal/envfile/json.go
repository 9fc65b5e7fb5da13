package envfile

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// addJSON reads a JSON environment file: {"env": {"name": value}}, or
// VS Code settings with such an object under
// "rest-client.environmentVariables". Comments and trailing commas
// (JSONC, as VS Code writes) are allowed.
func (s *Set) addJSON(src *source, base string, data []byte) error {
	var top map[string]json.RawMessage
	clean := StripJSONC(data)
	if err := json.Unmarshal(clean, &top); err != nil {
		return fmt.Errorf("%s: not a JSON object: %w", src.file, collection.JSONError(clean, err))
	}
	prefix := ""
	if base == "settings.json" {
		raw, ok := top["rest-client.environmentVariables"]
		if !ok {
			return nil
		}
		top = nil
		if err := json.Unmarshal(raw, &top); err != nil {
			return fmt.Errorf("%s: rest-client.environmentVariables: not an object of environments: %w", src.file, err)
		}
		prefix = "rest-client.environmentVariables."
	}
	secret := strings.Contains(base, "private")
	names := make([]string, 0, len(top))
	for n := range top {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, env := range names {
		var vars map[string]json.RawMessage
		if err := json.Unmarshal(top[env], &vars); err != nil {
			return fmt.Errorf("%s: %s%s: an environment must be an object of variables", src.file, prefix, env)
		}
		src.order = append(src.order, env)
		keys := make([]string, 0, len(vars))
		for k := range vars {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, ok := scalar(vars[k])
			if !ok {
				s.Ignored = append(s.Ignored, fmt.Sprintf("%s: %s%s.%s (not a string, number or boolean)", src.file, prefix, env, k))
				continue
			}
			src.envs[env] = append(src.envs[env], Var{Name: k, Value: v, Secret: secret, Source: src.file})
		}
	}
	return nil
}

// scalar is a JSON string as its text, a number or boolean as written.
func scalar(raw json.RawMessage) (string, bool) {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return strings.TrimSpace(string(raw)), true
	}
	return "", false
}

// StripJSONC removes // and /* */ comments and trailing commas outside
// strings, so VS Code's JSONC reads as JSON. Line numbers are kept.
func StripJSONC(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(b) {
				j = len(b) - 1
			}
			out = append(out, b[i:j+1]...)
			i = j
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			if i < len(b) {
				out = append(out, '\n')
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i+1 < len(b) && (b[i] != '*' || b[i+1] != '/') {
				if b[i] == '\n' {
					out = append(out, '\n')
				}
				i++
			}
			i++
		case c == ',' && closesNext(b[i+1:]):
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
	}
	return out
}

// closesNext reports whether the next character that is not space or a
// comment is } or ].
func closesNext(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case '}', ']':
			return true
		case '/':
			if i+1 < len(b) && b[i+1] == '/' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
				continue
			}
		}
		return false
	}
	return false
}
