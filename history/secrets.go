package history

import "strings"

// secretName reports whether a header, field, parameter or variable name
// looks like it names a secret: it contains, in any case, one of token,
// key, secret, pass (password, passwd), pwd, auth (Authorization,
// Proxy-Authorization), session, cookie (Cookie, Set-Cookie), credential
// or signature. It errs on the side of hiding (`monkey=1` is hidden).
func secretName(name string) bool {
	name = strings.ToLower(name)
	for _, s := range [...]string{"token", "key", "secret", "pass", "pwd", "auth",
		"session", "cookie", "credential", "signature"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// authScheme reports whether v is only the name of an HTTP auth scheme.
func authScheme(v string) bool {
	switch strings.ToLower(v) {
	case "basic", "bearer", "digest", "token", "negotiate", "ntlm", "hoba", "mutual", "aws4-hmac-sha256":
		return true
	}
	return false
}

// onlyVariables reports whether v holds at least one {{variable}}
// reference and, once they are removed, nothing but blanks and at most an
// auth scheme word (`Bearer {{token}}`): such a value names a secret kept
// elsewhere and shows none.
func onlyVariables(v string) bool {
	var rest strings.Builder
	found := false
	for {
		i := strings.Index(v, "{{")
		if i < 0 {
			break
		}
		j := strings.Index(v[i+2:], "}}")
		if j < 0 {
			break
		}
		found = true
		rest.WriteString(v[:i])
		rest.WriteByte(' ')
		v = v[i+2+j+2:]
	}
	rest.WriteString(v)
	if !found {
		return false
	}
	r := strings.TrimSpace(rest.String())
	return r == "" || authScheme(r)
}

// bodyRanges returns the byte ranges of s, in order, holding the values of
// secret-looking names: in JSON text (s holds a `"`), the values of object
// keys (`"password": "x"` gives the x inside the quotes; `"pin": 1234` the
// number); otherwise the values of `name=value` fields separated by `&`.
func bodyRanges(s string) [][2]int {
	if strings.Contains(s, `"`) {
		return jsonRanges(s)
	}
	var out [][2]int
	for a := 0; a < len(s); {
		end := strings.IndexByte(s[a:], '&')
		if end < 0 {
			end = len(s)
		} else {
			end += a
		}
		if eq := strings.IndexByte(s[a:end], '='); eq > 0 && secretName(s[a:a+eq]) && a+eq+1 < end {
			out = append(out, [2]int{a + eq + 1, end})
		}
		a = end + 1
	}
	return out
}

// jsonRanges does bodyRanges' work on JSON-looking text. It scans strings
// and does not need the text to be valid JSON, or complete.
func jsonRanges(s string) [][2]int {
	var out [][2]int
	for p := 0; p < len(s); {
		if s[p] != '"' {
			p++
			continue
		}
		end := stringEnd(s, p+1)
		key := s[p+1 : end]
		p = end + 1
		if p > len(s) {
			break
		}
		q := skipSpace(s, p)
		if q >= len(s) || s[q] != ':' || !secretName(key) {
			continue
		}
		q = skipSpace(s, q+1)
		if q >= len(s) {
			break
		}
		if s[q] == '"' {
			vend := stringEnd(s, q+1)
			if vend > q+1 {
				out = append(out, [2]int{q + 1, vend})
			}
			p = vend + 1
			continue
		}
		vend := q
		for vend < len(s) && !strings.ContainsRune(",}] \t\r\n", rune(s[vend])) && s[vend] != '"' {
			vend++
		}
		if vend > q {
			out = append(out, [2]int{q, vend})
		}
		p = vend
	}
	return out
}

// stringEnd returns the offset of the quote closing the JSON string whose
// content starts at p, or len(s) if it is unterminated.
func stringEnd(s string, p int) int {
	for p < len(s) {
		switch s[p] {
		case '\\':
			p += 2
		case '"':
			return p
		default:
			p++
		}
	}
	return len(s)
}

// skipSpace returns the offset of the first non-blank byte at or after p.
func skipSpace(s string, p int) int {
	for p < len(s) && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\n') {
		p++
	}
	return p
}
