package history

import (
	"net/url"
	"slices"
	"strings"
)

// redacted is what a secret is replaced with.
const redacted = "***"

// Redact returns line with the secrets it recognises replaced by "***",
// and every other byte as typed, quotes included, so the line stays
// readable and keeps its structure. It works on the raw text of a line,
// multi-line entries (continuations, heredocs) included. Redact is
// idempotent: Redact(Redact(s)) == Redact(s).
//
// A secret is:
//   - the password of `--auth`/`-u`/`--user USER:PASS` (also `--auth=...`)
//     and of `auth basic USER:PASS` and `auth digest USER:PASS`; without a
//     password the word is kept;
//   - the token of `--bearer TOKEN`, `--bearer=TOKEN`, `auth bearer TOKEN`,
//     and the secret of `--client-secret SECRET` (auth oauth2);
//   - the value of a header whose name looks secret (see secretName), as an
//     item (`Authorization:Bearer x`, `'Cookie: a=b'`), a `-H`/`--header`
//     argument, or a `headers` default; when such a value is a bare auth
//     scheme (`Authorization:Bearer x` unquoted), the next word too;
//   - every cookie value of `--cookie`/`-b` and `cookies set`;
//   - the value of a body or query item (`name=v`, `name==v`, `name:=json`)
//     or `--params name=v` whose name looks secret, and the value of a
//     `var NAME VALUE` whose name does;
//   - the password of a URL's userinfo and the values of its query and
//     fragment parameters whose names look secret;
//   - in `--json`/`--data` arguments and heredoc bodies, the values of
//     JSON object keys and form fields whose names look secret.
//
// A value made only of {{variable}} references is not a secret and is kept.
// Redact hides what it recognises; it is a safety net, not a guarantee.
func Redact(line string) string {
	var edits []edit
	for p := 0; p < len(line); {
		words, next := splitCommand(line, p)
		edits = append(edits, commandEdits(words)...)
		p = next
		if delim, ok := heredocDelimiter(words); ok {
			edits, p = heredocEdits(line, p, delim, edits)
		}
	}
	if len(edits) == 0 {
		return line
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.from - b.from })
	var b strings.Builder
	b.Grow(len(line))
	last := 0
	for _, e := range edits {
		if e.from < last {
			continue // overlaps an earlier edit
		}
		b.WriteString(line[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.WriteString(line[last:])
	return b.String()
}

// heredocDelimiter reports whether a command ends in `<<WORD`, and WORD.
func heredocDelimiter(words []word) (string, bool) {
	if len(words) < 2 {
		return "", false
	}
	v := string(words[len(words)-1].val)
	if len(v) > 2 && strings.HasPrefix(v, "<<") {
		return v[2:], true
	}
	return "", false
}

// heredocEdits adds the edits of the heredoc body starting at raw offset p
// of s and returns the offset after its closing delimiter line.
func heredocEdits(s string, p int, delim string, edits []edit) ([]edit, int) {
	for p < len(s) {
		end := strings.IndexByte(s[p:], '\n')
		next := len(s)
		if end < 0 {
			end = len(s)
		} else {
			end += p
			next = end + 1
		}
		line := s[p:end]
		if strings.TrimSuffix(line, "\r") == delim {
			return edits, next
		}
		for _, r := range bodyRanges(line) {
			if v := line[r[0]:r[1]]; v != redacted && !onlyVariables(v) {
				edits = append(edits, edit{from: p + r[0], to: p + r[1], text: redacted})
			}
		}
		p = next
	}
	return edits, p
}

// commandEdits returns the edits for the words of one command.
func commandEdits(ws []word) []edit {
	if len(ws) == 0 {
		return nil
	}
	var r redactor
	i := 1
	switch cmd := strings.ToLower(string(ws[0].val)); cmd {
	case "auth":
		if len(ws) >= 3 {
			switch strings.ToLower(string(ws[1].val)) {
			case "basic", "digest":
				r.userPass(&ws[2], 0)
				i = 3
			case "oauth2":
				i = 3 // the flow; --client-secret is hidden as a flag
			case "bearer":
				r.whole(&ws[2], 0)
				i = 3
			}
		}
	case "var":
		if len(ws) >= 3 && secretName(string(ws[1].val)) {
			for j := 2; j < len(ws); j++ {
				r.whole(&ws[j], 0)
			}
			return r.edits
		}
		i = 2
	case "cookies":
		if len(ws) >= 3 && string(ws[1].val) == "set" {
			r.cookies(&ws[2], 0)
			i = 3
		}
	case "request":
		if len(ws) >= 3 {
			r.url(&ws[2], 0)
			i = 3
		}
	case "get", "head", "options", "delete", "post", "put", "patch", "download", "base":
		if len(ws) >= 2 {
			r.url(&ws[1], 0)
			i = 2
		}
	}
	last := len(ws)
	if _, ok := heredocDelimiter(ws); ok {
		last-- // the heredoc marker is not an item
	}
	for ; i < last; i++ {
		i += r.arg(ws[i:last])
	}
	return r.edits
}

// redactor collects the edits of one command.
type redactor struct{ edits []edit }

// hide adds the edit hiding w.val[a:b], if there is something to hide.
func (r *redactor) hide(w *word, a, b int) {
	if e, ok := w.redactRange(a, b); ok {
		r.edits = append(r.edits, e)
	}
}

// arg redacts the argument ws[0] of a command (a flag, a URL or an item)
// and returns how many of the following words it consumed.
func (r *redactor) arg(ws []word) int {
	w := &ws[0]
	v := string(w.val)
	next := func(f func(*word, int)) int {
		if len(ws) < 2 {
			return 0
		}
		f(&ws[1], 0)
		return 1
	}
	if strings.HasPrefix(v, "-") && len(v) > 1 {
		name, _, eq := strings.Cut(v, "=")
		if !strings.HasPrefix(v, "--") {
			name, eq = v[:2], len(v) > 2 // -uUSER:PASS, -H'Name: v'
		}
		off := len(name)
		if strings.HasPrefix(v, "--") {
			off++ // the "="
		}
		var f func(*word, int)
		switch name {
		case "--auth", "--user", "-u":
			f = r.userPass
		case "--bearer", "--client-secret":
			f = r.whole
		case "-H", "--header":
			f = func(w *word, off int) { r.header(w, off) }
		case "--cookie", "-b":
			f = r.cookies
		case "--params":
			f = r.field
		case "--json", "--data", "-d":
			f = r.body
		case "--timeout", "--header-timeout", "--max-redirects", "-o", "--output", "--show", "--files",
			"--name", "--domain", "--path", "--base", "--session", "--color",
			"--cacert", "--cert", "--key", "--token-url", "--auth-url", "--device-url", "--client-id", "--scope":
			f = func(*word, int) {} // takes an argument with nothing to hide
		default:
			return 0
		}
		if eq {
			f(w, off)
			return 0
		}
		return next(f)
	}
	if looksLikeURL(v) {
		r.url(w, 0)
		return 0
	}
	if r.item(w) && len(ws) > 1 && ws[0].quote[len(ws[0].val)-1] == 0 {
		// `Authorization:Bearer TOKEN` typed without quotes: TOKEN is the
		// next word.
		r.whole(&ws[1], 0)
		return 1
	}
	return 0
}

// whole hides w.val[off:].
func (r *redactor) whole(w *word, off int) { r.hide(w, off, len(w.val)) }

// userPass hides PASS in USER:PASS at w.val[off:].
func (r *redactor) userPass(w *word, off int) {
	if i := indexByte(w.val, off, ':'); i >= 0 {
		r.hide(w, i+1, len(w.val))
	}
}

// header hides the value of a `Name: value` header at w.val[off:] when
// Name looks secret. bareScheme reports a value that is only an auth
// scheme word, whose credentials must then be the next word.
func (r *redactor) header(w *word, off int) (bareScheme bool) {
	c := indexByte(w.val, off, ':')
	if c < 0 || !secretName(string(w.val[off:c])) {
		return false
	}
	a := c + 1
	for a < len(w.val) && (w.val[a] == ' ' || w.val[a] == '\t') {
		a++
	}
	r.hide(w, a, len(w.val))
	return authScheme(string(w.val[a:]))
}

// cookies hides every value of `a=b; c=d` at w.val[off:].
func (r *redactor) cookies(w *word, off int) {
	for a := off; a < len(w.val); {
		end := indexByte(w.val, a, ';')
		if end < 0 {
			end = len(w.val)
		}
		if eq := indexByte(w.val[:end], a, '='); eq >= 0 {
			r.hide(w, eq+1, end)
		}
		a = end + 1
	}
}

// field hides the value of `name=value` at w.val[off:] if name looks secret.
func (r *redactor) field(w *word, off int) {
	if eq := indexByte(w.val, off, '='); eq >= 0 && secretName(string(w.val[off:eq])) {
		r.hide(w, eq+1, len(w.val))
	}
}

// body hides secret JSON values and form fields in w.val[off:].
func (r *redactor) body(w *word, off int) {
	for _, rg := range bodyRanges(string(w.val[off:])) {
		r.hide(w, off+rg[0], off+rg[1])
	}
}

// item redacts a request item (`Name:Value`, `name==v`, `name=v`,
// `name:=json`; `name@file` has nothing to hide) and reports a header
// value that was a bare auth scheme.
func (r *redactor) item(w *word) bool {
	v := w.val
	for j := 0; j < len(v); j++ {
		switch v[j] {
		case ':':
			if j+1 < len(v) && v[j+1] == '=' {
				if j+2 < len(v) && v[j+2] == '@' {
					return false
				}
				r.namedValue(w, j, j+2)
				return false
			}
			return j > 0 && r.header(w, 0)
		case '=':
			if j+1 < len(v) && v[j+1] == '@' {
				return false
			}
			if j+1 < len(v) && v[j+1] == '=' {
				r.namedValue(w, j, j+2)
			} else {
				r.namedValue(w, j, j+1)
			}
			return false
		case '@':
			return false
		}
	}
	return false
}

// namedValue hides w.val[from:] when the name w.val[:sep] looks secret.
func (r *redactor) namedValue(w *word, sep, from int) {
	if sep > 0 && secretName(string(w.val[:sep])) {
		r.hide(w, from, len(w.val))
	}
}

// url hides the userinfo password and the secret query and fragment
// parameters of the URL at w.val[off:].
func (r *redactor) url(w *word, off int) {
	u := string(w.val[off:])
	if s := strings.Index(u, "://"); s > 0 && validScheme(u[:s]) {
		host := s + 3
		end := strings.IndexAny(u[host:], "/?#")
		if end < 0 {
			end = len(u)
		} else {
			end += host
		}
		if at := strings.LastIndexByte(u[host:end], '@'); at >= 0 {
			if c := strings.IndexByte(u[host:host+at], ':'); c >= 0 {
				r.hide(w, off+host+c+1, off+host+at)
			}
		}
	}
	q := strings.IndexAny(u, "?#")
	if q < 0 {
		return
	}
	for a := q + 1; a < len(u); {
		end := strings.IndexAny(u[a:], "&;#")
		if end < 0 {
			end = len(u)
		} else {
			end += a
		}
		if eq := strings.IndexByte(u[a:end], '='); eq >= 0 {
			name := u[a : a+eq]
			if un, err := url.QueryUnescape(name); err == nil {
				name = un
			}
			if secretName(name) {
				r.hide(w, off+a+eq+1, off+end)
			}
		}
		a = end + 1
	}
}

// looksLikeURL reports whether an argument is a URL rather than an item:
// it has a scheme, or starts with "/" or with ":PORT".
func looksLikeURL(v string) bool {
	if strings.HasPrefix(v, "/") || (len(v) > 1 && v[0] == ':' && v[1] >= '0' && v[1] <= '9') {
		return true
	}
	s := strings.Index(v, "://")
	return s > 0 && validScheme(v[:s])
}

// validScheme reports whether s is a URL scheme (RFC 3986).
func validScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// indexByte returns the index of the first c in b at or after from, or -1.
func indexByte(b []byte, from int, c byte) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}
