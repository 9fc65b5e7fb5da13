package render

// validFrom reports whether in[pos:] completes a JSON text: a value is
// expected at pos, inside the open containers whose closing bytes are
// stack (innermost last). It accepts exactly what json.Valid accepts of
// the whole text, nesting limit included, and does not print. stack is
// modified.
func validFrom(in []byte, pos int, stack []byte) bool {
	for {
		// A value is expected at pos.
		pos = skipSpace(in, pos)
		if pos >= len(in) {
			return false
		}
		switch c := in[pos]; {
		case c == '{' || c == '[':
			if len(stack) >= maxJSONDepth {
				return false
			}
			end := byte(']')
			if c == '{' {
				end = '}'
			}
			pos = skipSpace(in, pos+1)
			if pos < len(in) && in[pos] == end {
				pos++
				break
			}
			stack = append(stack, end)
			if end == '}' {
				var ok bool
				if pos, ok = objectKey(in, pos); !ok {
					return false
				}
			}
			continue
		case c == '"':
			var ok bool
			if pos, ok = stringEnd(in, pos); !ok {
				return false
			}
		case c == '-' || (c >= '0' && c <= '9'):
			var problem string
			if pos, problem = numberEnd(in, pos); problem != "" {
				return false
			}
		case c == 't' || c == 'f' || c == 'n':
			word := literalWord(c)
			if len(in)-pos < len(word) || string(in[pos:pos+len(word)]) != word {
				return false
			}
			pos += len(word)
		default:
			return false
		}
		// A value ended at pos: close containers until a comma.
		for {
			pos = skipSpace(in, pos)
			if len(stack) == 0 {
				return pos == len(in)
			}
			if pos >= len(in) {
				return false
			}
			top := stack[len(stack)-1]
			if in[pos] == top {
				stack = stack[:len(stack)-1]
				pos++
				continue
			}
			if in[pos] != ',' {
				return false
			}
			pos++
			if top == '}' {
				var ok bool
				if pos, ok = objectKey(in, skipSpace(in, pos)); !ok {
					return false
				}
			}
			break
		}
	}
}

func literalWord(c byte) string {
	switch c {
	case 't':
		return "true"
	case 'f':
		return "false"
	}
	return "null"
}

func skipSpace(in []byte, pos int) int {
	for pos < len(in) {
		switch in[pos] {
		case ' ', '\t', '\n', '\r':
			pos++
		default:
			return pos
		}
	}
	return pos
}

// objectKey checks a key and its colon at pos and returns the offset
// after the colon.
func objectKey(in []byte, pos int) (int, bool) {
	if pos >= len(in) || in[pos] != '"' {
		return pos, false
	}
	pos, ok := stringEnd(in, pos)
	if !ok {
		return pos, false
	}
	pos = skipSpace(in, pos)
	if pos >= len(in) || in[pos] != ':' {
		return pos, false
	}
	return pos + 1, true
}

// validString marks the bytes a JSON string may hold as they are: any
// byte but controls, the quote and the backslash (json.Valid does not
// check UTF-8).
var validString = func() (t [256]bool) {
	for c := 0x20; c < 0x100; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// stringEnd returns the offset after the string starting at pos.
func stringEnd(in []byte, pos int) (int, bool) {
	i := pos + 1
	for {
		for i < len(in) && validString[in[i]] {
			i++
		}
		if i >= len(in) {
			return i, false
		}
		switch in[i] {
		case '"':
			return i + 1, true
		case '\\':
			n, ok := escapeLen(in[i:])
			if !ok {
				return i, false
			}
			i += n
		default:
			return i, false
		}
	}
}

// numberEnd returns the offset after the number starting at i, and ""
// when it fits the JSON grammar, else what is wrong ("in number", "after
// decimal point in number", "in exponent of number") with the offset of
// the fault. The validator and the indenter share it.
func numberEnd(in []byte, i int) (int, string) {
	if in[i] == '-' {
		i++
	}
	switch {
	case i < len(in) && in[i] == '0':
		i++
	case i < len(in) && in[i] >= '1' && in[i] <= '9':
		i = digits(in, i)
	default:
		return i, "in number"
	}
	if i < len(in) && in[i] == '.' {
		j := digits(in, i+1)
		if j == i+1 {
			return j, "after decimal point in number"
		}
		i = j
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		j := digits(in, i)
		if j == i {
			return i, "in exponent of number"
		}
		i = j
	}
	return i, ""
}
