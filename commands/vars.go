package commands

import "strings"

// ValidVarName reports whether n can name a {{variable}}: letters, digits
// (not first), _, - and ., and not env.* (the environment's).
func ValidVarName(n string) bool {
	if n == "" || strings.HasPrefix(n, "env.") {
		return false
	}
	for i, r := range n {
		ok := r == '_' || r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
