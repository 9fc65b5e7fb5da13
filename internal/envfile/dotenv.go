package envfile

import (
	"fmt"
	"strings"
)

// ParseDotenv reads a .env file: KEY=VALUE lines, an optional "export "
// prefix, # comments (a # after a space in an unquoted value starts one),
// 'single quotes' taken literally, "double quotes" with \n \t \" \\
// escapes and line breaks inside. Later keys win. Errors name file:line.
func ParseDotenv(name string, src []byte) ([]Var, error) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var vars []Var
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		t = strings.TrimPrefix(t, "export ")
		key, val, ok := strings.Cut(t, "=")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t\"'") {
			return nil, fmt.Errorf("%s:%d: a .env line is KEY=VALUE, not %q", name, i+1, t)
		}
		start := i
		v, err := dotenvValue(strings.TrimSpace(val), lines, &i)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %w", name, start+1, key, err)
		}
		vars = append(vars, Var{Name: key, Value: v, Source: name})
	}
	return vars, nil
}

// dotenvValue reads a value; a double-quoted one may go on over lines,
// advancing *i.
func dotenvValue(v string, lines []string, i *int) (string, error) {
	switch {
	case strings.HasPrefix(v, "'"):
		end := strings.IndexByte(v[1:], '\'')
		if end < 0 {
			return "", fmt.Errorf("the ' has no closing ': close it")
		}
		return v[1 : 1+end], nil
	case strings.HasPrefix(v, `"`):
		return doubleQuoted(v[1:], lines, i)
	}
	if j := strings.Index(v, " #"); j >= 0 {
		v = v[:j]
	}
	return strings.TrimSpace(v), nil
}

func doubleQuoted(rest string, lines []string, i *int) (string, error) {
	var b strings.Builder
	for {
		for j := 0; j < len(rest); j++ {
			c := rest[j]
			switch {
			case c == '"':
				return b.String(), nil
			case c == '\\' && j+1 < len(rest):
				j++
				b.WriteString(map[byte]string{'n': "\n", 't': "\t", 'r': "\r"}[rest[j]])
				if !strings.ContainsRune("ntr", rune(rest[j])) {
					b.WriteByte(rest[j])
				}
			default:
				b.WriteByte(c)
			}
		}
		*i++
		if *i >= len(lines) {
			return "", fmt.Errorf(`the " has no closing ": close it`)
		}
		b.WriteByte('\n')
		rest = lines[*i]
	}
}
