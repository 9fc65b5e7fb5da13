package commands

import (
	"fmt"
	"strings"
)

// Split breaks a line into words as a POSIX shell does, without
// expansions: single quotes keep everything; double quotes keep everything
// but `\"`, `\\`, `\$` and "\`" escapes (a backslash before any other
// character stays, so JSON escapes survive); outside quotes a backslash
// keeps the next character. A `#` that starts a word begins a comment.
//
// (github.com/google/shlex drops every backslash inside double quotes,
// which breaks JSON such as "{\"a\": \"x\\ny\"}"; hence our own.)
func Split(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			return words, nil
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unbalanced ' at column %d: close the quote", i+1)
			}
			cur.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			n, err := doubleQuoted(line, i, &cur)
			if err != nil {
				return nil, err
			}
			i = n
			inWord = true
		case c == '\\':
			if i+1 < len(line) {
				i++
				if line[i] != '\n' {
					cur.WriteByte(line[i])
				}
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// doubleQuoted copies the double-quoted string starting at line[start]
// and returns the index of its closing quote.
func doubleQuoted(line string, start int, cur *strings.Builder) (int, error) {
	for i := start + 1; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			return i, nil
		case c == '\\' && i+1 < len(line) && strings.IndexByte("\"\\$`", line[i+1]) >= 0:
			i++
			cur.WriteByte(line[i])
		case c == '\\' && i+1 < len(line) && line[i+1] == '\n':
			i++
		default:
			cur.WriteByte(c)
		}
	}
	return 0, fmt.Errorf("unbalanced \" at column %d: close the quote", start+1)
}

// Quote returns w as one word that Split reads back as w.
func Quote(w string) string {
	if w == "" {
		return "''"
	}
	if !strings.ContainsAny(w, " \t\n\r'\"\\#$`{}|&;<>()*?[]~!") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
