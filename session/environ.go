package session

import (
	"sort"
	"strings"
)

// Environment is the active environment of .http tools (`env use NAME`):
// its variables are {{name}}s looked up after Session.Vars. Values are
// final (templates resolved when it was chosen). Secret names the
// variables from a private file: callers never record, export or save
// their values in clear.
type Environment struct {
	Name   string
	Vars   map[string]string
	Secret map[string]bool
}

// Hide replaces each secret value of e found in s with {{name}}, longest
// values first, so a line or an export names the secret instead of
// holding it. A nil e returns s.
func (e *Environment) Hide(s string) string {
	if e == nil || len(e.Secret) == 0 {
		return s
	}
	names := make([]string, 0, len(e.Secret))
	for n := range e.Secret {
		if e.Vars[n] != "" {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := e.Vars[names[i]], e.Vars[names[j]]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		s = strings.ReplaceAll(s, e.Vars[n], "{{"+n+"}}")
	}
	return s
}
