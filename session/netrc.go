package session

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// NetrcOrigin is the Origin of a Line whose credentials came from .netrc
// (`prepare` shows it as "# .netrc").
const NetrcOrigin = ".netrc"

// NetrcEntry is one `machine` (or the `default`) of a .netrc file.
type NetrcEntry struct {
	Machine  string // "" for default
	Login    string
	Password string
	Account  string
}

// ParseNetrc reads .netrc text as curl and Python's netrc do: tokens
// separated by blanks and newlines; a token may be "quoted" with
// backslash escapes; `machine NAME`, `default`, `login`, `password`,
// `account`; `macdef NAME` skips to the next empty line; `#` starts a
// comment to the end of the line. Unknown keywords are an error naming
// the line.
func ParseNetrc(text string) ([]NetrcEntry, error) {
	lx := &netrcLexer{s: text, line: 1}
	var out []NetrcEntry
	var cur *NetrcEntry
	for {
		tok, ok := lx.next()
		if !ok {
			return out, nil
		}
		switch tok {
		case "machine", "default":
			out = append(out, NetrcEntry{})
			cur = &out[len(out)-1]
			if tok == "machine" {
				cur.Machine, _ = lx.next()
			}
		case "login", "password", "account":
			val, _ := lx.next()
			if cur == nil {
				return nil, fmt.Errorf(".netrc line %d: %s before any machine", lx.line, tok)
			}
			*cur.field(tok) = val
		case "macdef":
			lx.skipMacro()
		default:
			return nil, fmt.Errorf(".netrc line %d: unknown keyword %q", lx.line, tok)
		}
	}
}

func (e *NetrcEntry) field(name string) *string {
	switch name {
	case "login":
		return &e.Login
	case "password":
		return &e.Password
	}
	return &e.Account
}

// LookupNetrc returns the entry of host (a host name, no port), else the
// default entry; ok is false when neither is there.
func LookupNetrc(entries []NetrcEntry, host string) (NetrcEntry, bool) {
	var def *NetrcEntry
	for i, e := range entries {
		if e.Machine != "" && strings.EqualFold(e.Machine, host) {
			return e, true
		}
		if e.Machine == "" && def == nil {
			def = &entries[i]
		}
	}
	if def != nil {
		return *def, true
	}
	return NetrcEntry{}, false
}

type netrcLexer struct {
	s    string
	i    int
	line int
}

// next returns the next token; ok is false at the end.
func (l *netrcLexer) next() (string, bool) {
	for l.i < len(l.s) {
		c := l.s[l.i]
		switch {
		case c == '\n':
			l.line++
			l.i++
		case c == ' ' || c == '\t' || c == '\r':
			l.i++
		case c == '#':
			for l.i < len(l.s) && l.s[l.i] != '\n' {
				l.i++
			}
		case c == '"':
			return l.quoted(), true
		default:
			start := l.i
			for l.i < len(l.s) && !strings.ContainsRune(" \t\r\n", rune(l.s[l.i])) {
				l.i++
			}
			return l.s[start:l.i], true
		}
	}
	return "", false
}

func (l *netrcLexer) quoted() string {
	var b strings.Builder
	for l.i++; l.i < len(l.s) && l.s[l.i] != '"'; l.i++ {
		c := l.s[l.i]
		if c == '\\' && l.i+1 < len(l.s) {
			l.i++
			c = unescape(l.s[l.i])
		}
		if c == '\n' {
			l.line++
		}
		b.WriteByte(c)
	}
	l.i++ // the closing quote
	return b.String()
}

// unescape is the byte a backslash escape stands for: \n, \r and \t as
// in C, any other byte for itself (curl's rule).
func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return c
}

// skipMacro skips `macdef NAME` and its body, up to an empty line.
func (l *netrcLexer) skipMacro() {
	end := strings.Index(l.s[l.i:], "\n\n")
	if end < 0 {
		l.i = len(l.s)
		return
	}
	l.line += strings.Count(l.s[l.i:l.i+end], "\n") + 2
	l.i += end + 2
}

// NetrcPath is $NETRC, else $HOME/.netrc, through s.Getenv; "" when
// neither is set.
func (s *Session) NetrcPath() string {
	if s.Getenv == nil {
		return ""
	}
	if p := s.Getenv("NETRC"); p != "" {
		return p
	}
	if h := s.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".netrc")
	}
	return ""
}

// prepareNetrc adds Basic credentials from .netrc for p's host when the
// setting is on and nothing else gave credentials: no auth for this
// request or for its origin, no Authorization header. The line is
// secret, so a redirect to another origin drops it. Its Origin is
// ".netrc"; a file readable by group or others gets a warning note.
func (s *Session) prepareNetrc(p *Prepared, r *Request, add func(Line)) {
	if !s.Settings.Wire.Netrc || r.NoSession || r.Auth != nil || p.Auth != nil || (s.Auth != nil && s.Auth.Origin == Origin(p.URL)) {
		return
	}
	if _, ok := p.Header("Authorization"); ok {
		return
	}
	path := s.NetrcPath()
	b, err := os.ReadFile(path)
	if path == "" || err != nil {
		return // no file is the usual case
	}
	entries, err := ParseNetrc(string(b))
	if err != nil {
		p.Notes = append(p.Notes, "warning: "+path+" not used: "+err.Error())
		return
	}
	e, ok := LookupNetrc(entries, p.URL.Hostname())
	if !ok || e.Login == "" && e.Password == "" {
		return
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("warning: %s is readable by others (mode %o): chmod 600 %s", path, fi.Mode().Perm(), path))
	}
	add(Line{Name: "Authorization", Value: "Basic " + basicToken(e.Login, e.Password), Origin: NetrcOrigin, Secret: true})
}
