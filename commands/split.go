package commands

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dialect is the quoting a line is split with.
type Dialect int

const (
	// Shell is the language's own: POSIX shell words without expansions.
	// A `#` that starts a word ends the line.
	Shell Dialect = iota
	// Curl is bash's quoting as browsers' "Copy as cURL" writes it:
	// Shell's, plus $'...' ANSI-C strings (\n \t \r \xHH \uHHHH \NNN ...)
	// and CRLF continuations; a `#` that starts a word comments to the
	// end of its physical line only.
	Curl
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
	return SplitDialect(line, Shell)
}

// SplitDialect breaks line into words with the quoting of d: one scanner
// for the language's lines and for pasted curl commands.
func SplitDialect(line string, d Dialect) ([]string, error) {
	sc := scanner{line: line, d: d}
	return sc.scan()
}

// scanner splits one line; see Dialect for the differences.
type scanner struct {
	line   string
	d      Dialect
	out    []string
	cur    strings.Builder
	inWord bool
}

func (sc *scanner) flush() {
	if sc.inWord {
		sc.out = append(sc.out, sc.cur.String())
		sc.cur.Reset()
		sc.inWord = false
	}
}

func (sc *scanner) scan() ([]string, error) {
	s := sc.line
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			sc.flush()
		case c == '#' && !sc.inWord:
			if sc.d == Shell {
				return sc.out, nil
			}
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '$' && sc.d == Curl && i+1 < len(s) && s[i+1] == '\'':
			n, err := ansiC(s, i+2, &sc.cur)
			if err != nil {
				return nil, err
			}
			i, sc.inWord = n, true
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("unbalanced ' at column %d%s", i+1, sc.closeHint())
			}
			sc.cur.WriteString(s[i+1 : i+1+end])
			i, sc.inWord = i+1+end, true
		case c == '"':
			n, err := doubleQuoted(s, i, &sc.cur)
			if err != nil {
				return nil, err
			}
			i, sc.inWord = n, true
		case c == '\\':
			i = sc.backslash(i)
		default:
			sc.cur.WriteByte(c)
			sc.inWord = true
		}
	}
	sc.flush()
	return sc.out, nil
}

// closeHint ends an unbalanced-quote error: the language says what to do.
func (sc *scanner) closeHint() string {
	if sc.d == Shell {
		return ": close the quote"
	}
	return ""
}

// backslash handles the backslash at line[i] outside quotes and returns
// the index of the last byte it used. Shell: it keeps the next character
// (a newline is a continuation; a last backslash makes an empty word).
// Curl: a last backslash is literal; \CRLF and \CR are continuations too.
func (sc *scanner) backslash(i int) int {
	s := sc.line
	if sc.d == Shell {
		if i+1 < len(s) {
			i++
			if s[i] != '\n' {
				sc.cur.WriteByte(s[i])
			}
		}
		sc.inWord = true
		return i
	}
	if i+1 >= len(s) {
		sc.cur.WriteByte('\\')
		sc.inWord = true
		return i
	}
	i++
	if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
		i++
	}
	if s[i] != '\n' && s[i] != '\r' {
		sc.cur.WriteByte(s[i])
		sc.inWord = true
	}
	return i
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
