package commands

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// splitCurl breaks a pasted curl command into words as bash does for the
// quoting "Copy as cURL" uses: '...', "..." (with \" \\ \$ \` escapes),
// $'...' ANSI-C strings (\n \t \r \xHH \uHHHH \NNN ...), backslash escapes
// and backslash-newline continuations. A # that starts a word begins a
// comment to the end of its line.
func splitCurl(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '$' && i+1 < len(s) && s[i+1] == '\'':
			n, err := ansiC(s, i+2, &cur)
			if err != nil {
				return nil, err
			}
			i, inWord = n, true
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unbalanced ' at column %d", i+1)
			}
			cur.WriteString(s[i+1 : i+1+end])
			i, inWord = i+1+end, true
		case c == '"':
			n, err := doubleQuoted(s, i, &cur)
			if err != nil {
				return nil, err
			}
			i, inWord = n, true
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			if s[i] != '\n' && s[i] != '\r' {
				cur.WriteByte(s[i])
				inWord = true
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words, nil
}

// ansiC copies a $'...' string whose text starts at s[i] and returns the
// index of its closing quote.
func ansiC(s string, i int, cur *strings.Builder) (int, error) {
	simple := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", 'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v",
		'e': "\x1b", 'E': "\x1b", '\\': "\\", '\'': "'", '"': "\"", '?': "?"}
	for ; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			return i, nil
		}
		if c != '\\' || i+1 >= len(s) {
			cur.WriteByte(c)
			continue
		}
		i++
		e := s[i]
		if r, ok := simple[e]; ok {
			cur.WriteString(r)
			continue
		}
		switch e {
		case 'x':
			i = numEscape(s, i+1, 16, 2, cur, false) - 1
		case 'u':
			i = numEscape(s, i+1, 16, 4, cur, true) - 1
		case 'U':
			i = numEscape(s, i+1, 16, 8, cur, true) - 1
		case '0', '1', '2', '3', '4', '5', '6', '7':
			i = numEscape(s, i, 8, 3, cur, false) - 1
		default:
			cur.WriteByte('\\')
			cur.WriteByte(e)
		}
	}
	return 0, fmt.Errorf("unbalanced $' : close the quote")
}

// numEscape reads up to digits digits of base at s[i:], writes the byte (or
// rune, when asRune) and returns the index after the digits.
func numEscape(s string, i, base, digits int, cur *strings.Builder, asRune bool) int {
	j := i
	for j < len(s) && j-i < digits && strings.IndexByte("0123456789abcdefABCDEF"[:base+max(0, base-10)], s[j]) >= 0 {
		j++
	}
	if j == i {
		cur.WriteByte('\\')
		return i
	}
	v, _ := strconv.ParseUint(s[i:j], base, 32)
	if asRune {
		if !utf8.ValidRune(rune(v)) {
			v = utf8.RuneError
		}
		cur.WriteRune(rune(v))
	} else {
		cur.WriteByte(byte(v))
	}
	return j
}
