package httpfile

import (
	"errors"
	"fmt"
	"strings"
)

// Resolver gives the value of one reference, the text between {{ and }}
// with spaces trimmed ("host", "$uuid", "login.response.body.$.token").
// ok is false when the resolver does not know ref; err is for a reference
// it knows but cannot give (a missing response, a bad argument).
type Resolver interface {
	Lookup(ref string) (value string, ok bool, err error)
}

// ErrUnknown is wrapped by Expand's error for a reference no resolver knows.
var ErrUnknown = errors.New("unknown variable")

// Expand replaces every {{ref}} in s with its value from r. Values are
// not expanded again (a Scope expands variable values itself).
func Expand(s string, r Resolver) (string, error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i+2:], "}}")
		if j < 0 {
			return "", fmt.Errorf("{{ without }} in %q: close the variable", s)
		}
		b.WriteString(s[:i])
		ref := strings.TrimSpace(s[i+2 : i+2+j])
		v, ok, err := r.Lookup(ref)
		if err != nil {
			return "", fmt.Errorf("{{%s}}: %w", ref, err)
		}
		if !ok {
			return "", fmt.Errorf("{{%s}}: %w: define it (@%s = ... in the file, or in the environment)", ref, ErrUnknown, ref)
		}
		b.WriteString(v)
		s = s[i+2+j+2:]
	}
}

// Scope resolves, in this order: Vars (the first map that has the name
// wins; e.g. file variables, then the active environment, then the
// shell's), system variables ($uuid...) through System, and chained
// references through Responses: REST Client's NAME.response.body.$.path
// and NAME.response.headers.X, and httpyac's NAME.path (a path into the
// JSON body of the response of NAME). Variable values are templates and
// are expanded in the same Scope, up to MaxDepth levels. A nil field is
// skipped.
type Scope struct {
	Vars      []map[string]string
	System    *System
	Responses Responses
	depth     int
}

// MaxDepth bounds how deep variable values that refer to variables nest.
const MaxDepth = 16

// Lookup implements Resolver.
func (s *Scope) Lookup(ref string) (string, bool, error) {
	if strings.HasPrefix(ref, "$") {
		if s.System == nil {
			return "", false, nil
		}
		return s.System.Lookup(ref)
	}
	for _, m := range s.Vars {
		v, ok := m[ref]
		if !ok {
			continue
		}
		if s.depth >= MaxDepth {
			return "", false, fmt.Errorf("variables nest deeper than %d: one refers to itself", MaxDepth)
		}
		inner := *s
		inner.depth++
		out, err := Expand(v, &inner)
		return out, err == nil, err
	}
	if s.Responses != nil && strings.Contains(ref, ".response.") {
		return lookupResponse(s.Responses, ref)
	}
	if s.Responses != nil && strings.Contains(ref, ".") {
		return lookupBodyPath(s.Responses, ref)
	}
	return "", false, nil
}
