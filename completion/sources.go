package completion

import (
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// safeWord reports whether s can be offered as a word: nothing a server
// sent may put control characters or spaces into the line being edited.
func safeWord(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t") && render.Sanitize(s) == s
}

// urlForms is a URL as it can be typed: a path joined to the base (when it
// is on the base's origin and under its path) and absolute. A form that is
// unsafe to put on the line is empty.
type urlForms struct{ path, abs string }

// forms computes the typeable forms of u.
func (c *Completer) forms(u *url.URL) urlForms {
	var f urlForms
	if p, ok := c.relative(u); ok && safeWord(p) {
		f.path = p
	}
	if s := u.String(); safeWord(s) {
		f.abs = s
	}
	return f
}

// urls offers the URLs of earlier exchanges (newest first), then those
// typed in the history (newest first), then the base, as paths when on the
// base's origin, then as absolute URLs. Only those extending word are
// built: this runs on every key over the whole history.
func (c *Completer) urls(word string) []candidate {
	var out []candidate
	add := func(f urlForms, group, order int, desc string) {
		if f.path != "" && strings.HasPrefix(f.path, word) {
			out = append(out, cand(f.path, desc, group, order))
		}
		if f.abs != "" && strings.HasPrefix(f.abs, word) {
			out = append(out, cand(f.abs, desc, group+3, order))
		}
	}
	if s := c.src.Session; s != nil {
		ex := s.Exchanges()
		for i := len(ex) - 1; i >= 0; i-- {
			e := ex[i]
			desc := fmt.Sprintf("#%d %s %d", e.ID, e.Final().Request.Method, e.Response().StatusCode)
			add(c.forms(e.Hops[0].Request.URL), 0, len(ex)-1-i, desc)
			add(c.forms(e.URL()), 0, len(ex)-1-i, desc)
		}
	}
	c.checkURLCache()
	lines := c.history()
	for i := len(lines) - 1; i >= 0; i-- {
		add(c.historyURL(lines[i]), 1, len(lines)-1-i, "history")
	}
	if s := c.src.Session; s != nil && s.Base != nil {
		add(c.forms(s.Base), 2, 0, "base")
	}
	return append(out, c.specURLs(word)...)
}

// relative is u as a path joined to the base, when u is on the base's
// origin and under its path.
func (c *Completer) relative(u *url.URL) (string, bool) {
	s := c.src.Session
	if s == nil || s.Base == nil || u.Scheme != s.Base.Scheme || u.Host != s.Base.Host {
		return "", false
	}
	prefix := strings.TrimSuffix(s.Base.EscapedPath(), "/")
	p, ok := strings.CutPrefix(u.EscapedPath(), prefix)
	if !ok || !strings.HasPrefix(p, "/") {
		return "", false
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p, true
}

// historyURL is the URL a request line of the history was sent to, in its
// typeable forms; results are cached per line and forgotten when the base
// changes.
func (c *Completer) historyURL(line string) urlForms {
	if f, ok := c.lineURLs[line]; ok {
		return f
	}
	var f urlForms
	if u := c.parseHistoryURL(line); u != nil {
		f = c.forms(u)
	}
	c.lineURLs[line] = f
	return f
}

// checkURLCache forgets the history's URLs when the base changed or the
// cache is full.
func (c *Completer) checkURLCache() {
	base := ""
	if c.src.Session != nil && c.src.Session.Base != nil {
		base = c.src.Session.Base.String()
	}
	if base != c.cacheBase || len(c.lineURLs) >= maxCachedLines {
		clear(c.lineURLs)
		c.cacheBase = base
	}
}

func (c *Completer) parseHistoryURL(line string) *url.URL {
	words, err := commands.Split(line)
	if err != nil || len(words) < 2 {
		return nil
	}
	cmd, ok := c.src.Registry.Lookup(words[0])
	if !ok {
		return nil
	}
	first := firstHint(cmd)
	pos := positional(c.flagSet(cmd), words[1:])
	if first == commands.HintMethod && len(pos) > 0 {
		pos = pos[1:]
	} else if first != commands.HintURL {
		return nil
	}
	if len(pos) == 0 || strings.Contains(pos[0], "{{") {
		return nil
	}
	var base *url.URL
	if c.src.Session != nil {
		base = c.src.Session.Base
	}
	u, err := session.Resolve(base, pos[0])
	if err != nil {
		return nil
	}
	return u
}

func (c *Completer) history() []string {
	if c.src.History == nil {
		return nil
	}
	return c.src.History()
}

// item completes a request item: the spec operation's parameters and
// body fields first (specItems), then a header name (with its colon), a
// header's typical values after `Name:`, or a file path after `@`.
func (c *Completer) item(word string) []candidate {
	return append(c.specItems(word), c.plainItem(word)...)
}

// plainItem is item without the spec: headers and files.
func (c *Completer) plainItem(word string) []candidate {
	if i := strings.IndexByte(word, '@'); i >= 0 {
		return c.files(word[:i+1], word[i+1:])
	}
	if name, _, ok := strings.Cut(word, ":"); ok {
		if strings.HasPrefix(word[len(name)+1:], "=") {
			return nil // name:=json
		}
		h, found := headerByName(name)
		if !found {
			return nil
		}
		vals := make([]candidate, 0, len(h.values))
		for i, v := range h.values {
			vals = append(vals, cand(name+":"+v, h.name, 0, i))
		}
		return vals
	}
	if word == "" || strings.ContainsAny(word, "=@") {
		return nil
	}
	out := headerNames(word)
	for i := range out {
		out[i].Text += ":"
	}
	return out
}

// headerNames offers the request header names that extend word, ignoring
// case: what the user typed is kept, the rest is in the registry's case.
func headerNames(word string) []candidate {
	var out []candidate
	for _, h := range requestHeaders() {
		if len(h.name) >= len(word) && strings.EqualFold(h.name[:len(word)], word) {
			out = append(out, cand(word+h.name[len(word):], h.desc, 0, 0))
		}
	}
	return out
}

// files offers the entries of the directory part of path that extend its
// last element, each prefixed with prefix (such as "field@"); directories
// end in "/". Dot files are offered only when the element starts with ".".
func (c *Completer) files(prefix, path string) []candidate {
	dir, base := filepath.Split(path)
	list := dir
	if list == "" {
		list = "."
	}
	entries, err := c.src.ReadDir(list)
	if err != nil {
		return nil
	}
	var out []candidate
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		desc, group := "file", 1
		if e.IsDir() {
			name, desc, group = name+"/", "directory", 0
		}
		if text := prefix + dir + name; safeWord(text) {
			out = append(out, cand(text, desc, group, 0))
		}
	}
	return out
}

// variables completes `{{name}}` inside a word; before is the text of the
// word up to the braces, partial what follows them.
func (c *Completer) variables(before, partial string) []candidate {
	var out []candidate
	for _, v := range c.varNames() {
		if strings.HasPrefix(v.Text, strings.TrimSpace(partial)) {
			v.Text, v.filtered = before+"{{"+v.Text+"}}", true
			out = append(out, v)
		}
	}
	return out
}

func (c *Completer) varNames() []candidate {
	if c.src.Session == nil {
		return nil
	}
	names := make([]string, 0, len(c.src.Session.Vars))
	for name := range c.src.Session.Vars {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]candidate, 0, len(names))
	for i, name := range names {
		desc := c.src.Session.Vars[name]
		if len(desc) > 40 {
			desc = desc[:40] + "..."
		}
		out = append(out, cand(name, "= "+render.Sanitize(desc), 0, i))
	}
	return out
}

func (c *Completer) cookieNames() []candidate {
	if c.src.Session == nil {
		return nil
	}
	var out []candidate
	for _, ck := range c.src.Session.Jar.All() {
		if safeWord(ck.Name) {
			out = append(out, cand(ck.Name, render.Sanitize("cookie for "+ck.Domain+ck.Path), 0, 0))
		}
	}
	return out
}

func (c *Completer) cookieAssignments() []candidate {
	out := c.cookieNames()
	for i := range out {
		out[i].Text += "="
	}
	return out
}

func (c *Completer) cookieDomains() []candidate {
	if c.src.Session == nil {
		return nil
	}
	var out []candidate
	for _, ck := range c.src.Session.Jar.All() {
		if safeWord(ck.Domain) {
			out = append(out, cand(ck.Domain, "cookie domain", 0, 0))
		}
	}
	return out
}

func (c *Completer) sessionHeaderNames() []candidate {
	if c.src.Session == nil {
		return nil
	}
	var out []candidate
	for _, h := range c.src.Session.Headers {
		if safeWord(h.Name) {
			out = append(out, cand(h.Name, "session header", 0, 0))
		}
	}
	return out
}

// responseHeaderNames are the header names of the last response.
func (c *Completer) responseHeaderNames() []candidate {
	if c.src.Session == nil || c.src.Session.Last() == nil {
		return nil
	}
	var out []candidate
	prev := ""
	for _, f := range c.src.Session.Last().Response().Fields { // in name order
		if f.Name != prev && safeWord(f.Name) {
			out = append(out, cand(f.Name, "response header", 0, 0))
		}
		prev = f.Name
	}
	return out
}

// firstHint is the hint of a command's first positional word.
func firstHint(cmd *commands.Command) string {
	if len(cmd.Args) > 0 {
		return cmd.Args[0].Hint
	}
	return ""
}
