package history

// This file splits the raw text of a line into words the way the shell
// does (POSIX quoting, `\` continuations, `#` comments, heredocs), keeping
// for every byte of a word's value the span of raw text it came from, so
// that Redact can replace part of a word while leaving the rest of the
// line, quotes included, byte for byte as typed.

// word is one shell word of a line.
type word struct {
	val    []byte // the word after quote removal
	src    []int  // src[i]: raw offset where the text producing val[i] starts
	srcEnd []int  // srcEnd[i]: raw offset just after it
	quote  []byte // quote[i]: 0, '\'' or '"': the quoting val[i] was in
	start  int    // raw offset of the word's first byte
}

func (w *word) add(c byte, from, to int, q byte) {
	w.val = append(w.val, c)
	w.src = append(w.src, from)
	w.srcEnd = append(w.srcEnd, to)
	w.quote = append(w.quote, q)
}

// edit replaces raw[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// redactRange returns the edit that replaces w.val[a:b] by "***". The
// replacement is written in the quoting val[a] was in; when val[b-1] was in
// another quoting, that quote is closed and the other one opened, so the
// raw text around the edit keeps its meaning. ok is false when there is
// nothing to hide: an empty range, a value already "***", or a value made
// only of {{variable}} references.
func (w *word) redactRange(a, b int) (e edit, ok bool) {
	if a < 0 || b > len(w.val) || a >= b {
		return edit{}, false
	}
	v := string(w.val[a:b])
	if v == redacted || onlyVariables(v) {
		return edit{}, false
	}
	text := redacted
	if qa, qb := w.quote[a], w.quote[b-1]; qa != qb {
		if qa != 0 {
			text += string(qa)
		}
		if qb != 0 {
			text += string(qb)
		}
	}
	return edit{from: w.src[a], to: w.srcEnd[b-1], text: text}, true
}

// isBlank reports whether c separates words.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// splitCommand splits the command starting at raw offset p of s into words.
// The command ends at an unquoted newline (not a `\` continuation) or at
// the end of s; next is the offset after that newline. An unquoted `#` at
// the start of a word begins a comment running to the end of the line.
func splitCommand(s string, p int) (words []word, next int) {
	for p < len(s) {
		c := s[p]
		switch {
		case isBlank(c):
			p++
			continue
		case c == '\n':
			return words, p + 1
		case c == '\\' && p+1 < len(s) && s[p+1] == '\n':
			p += 2
			continue
		case c == '#':
			for p < len(s) && s[p] != '\n' {
				p++
			}
			continue
		}
		var w word
		w.start = p
		p = scanWord(s, p, &w)
		words = append(words, w)
	}
	return words, p
}

// scanWord reads the word starting at raw offset p into w and returns the
// offset just after it. An unterminated quote runs to the end of s.
func scanWord(s string, p int, w *word) int {
	var q byte
	for p < len(s) {
		c := s[p]
		switch q {
		case 0:
			switch {
			case isBlank(c) || c == '\n':
				return p
			case c == '\'' || c == '"':
				q = c
				p++
			case c == '\\' && p+1 < len(s) && s[p+1] == '\n':
				p += 2
			case c == '\\' && p+1 < len(s):
				w.add(s[p+1], p, p+2, 0)
				p += 2
			default:
				w.add(c, p, p+1, 0)
				p++
			}
		case '\'':
			if c == '\'' {
				q = 0
			} else {
				w.add(c, p, p+1, q)
			}
			p++
		default: // '"'
			switch {
			case c == '"':
				q = 0
				p++
			case c == '\\' && p+1 < len(s) && s[p+1] == '\n':
				p += 2
			case c == '\\' && p+1 < len(s) && (s[p+1] == '"' || s[p+1] == '\\' || s[p+1] == '$' || s[p+1] == '`'):
				w.add(s[p+1], p, p+2, q)
				p += 2
			default:
				w.add(c, p, p+1, q)
				p++
			}
		}
	}
	return p
}
