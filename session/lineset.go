package session

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/session/jar"
)

// lineSet builds a prepared request's header lines by one precedence
// rule. A header typed on the line wins over every other source of that
// name (defaults, session headers, the body's type, credentials, .netrc)
// and every typed line is sent, in the order typed, when a name is typed
// more than once (as curl and HTTPie do). A typed name with an empty
// value removes the header. Among the other sources a later one replaces
// an earlier one in place. What is left out is explained in p.Notes.
type lineSet struct {
	p       *Prepared
	removed map[string]bool // names typed with an empty value
	typed   map[string]bool // names typed with a value
}

func newLineSet(p *Prepared, typed []Header, empty []string) *lineSet {
	ls := &lineSet{p: p, removed: map[string]bool{}, typed: map[string]bool{}}
	for _, name := range empty {
		ls.typed[strings.ToLower(name)] = true
	}
	for _, h := range typed {
		if h.Value == "" {
			ls.removed[strings.ToLower(h.Name)] = true
		} else {
			ls.typed[strings.ToLower(h.Name)] = true
		}
	}
	return ls
}

func (ls *lineSet) note(format string, a ...any) {
	ls.p.Notes = append(ls.p.Notes, fmt.Sprintf(format, a...))
}

// wins reports whether a line called name from another source than the
// command line is left out, noting why unless origin is a default.
func (ls *lineSet) wins(name, origin string) bool {
	n := strings.ToLower(name)
	switch {
	case ls.removed[n]:
		ls.note("%s (%s) not sent: removed by %s:", name, origin, name)
		return true
	case ls.typed[n]:
		if origin != "default" {
			ls.note("%s (%s) not sent: the %s typed on the line wins", name, origin, name)
		}
		return true
	}
	return false
}

// add adds a line from a source other than the command line, replacing
// an earlier line of the name in place. When the line typed the name, a
// line added before the typed ones holds the place they take (so a typed
// User-Agent stays where the default was), and one added after them is
// left out.
func (ls *lineSet) add(l Line) {
	if ls.typed[strings.ToLower(l.Name)] && !ls.hasTyped(l.Name) {
		ls.replace(l)
		return
	}
	if ls.wins(l.Name, l.Origin) {
		return
	}
	ls.replace(l)
}

// hasTyped reports whether a typed line called name was added.
func (ls *lineSet) hasTyped(name string) bool {
	for _, l := range ls.p.Lines {
		if strings.EqualFold(l.Name, name) && strings.HasPrefix(l.Origin, "this request") {
			return true
		}
	}
	return false
}

// replace puts l in place of the first line of its name, dropping any
// others of that name, or appends it.
func (ls *lineSet) replace(l Line) {
	p := ls.p
	at := -1
	kept := p.Lines[:0]
	for _, old := range p.Lines {
		if strings.EqualFold(old.Name, l.Name) {
			if at < 0 {
				at = len(kept)
				kept = append(kept, l)
			}
			continue
		}
		kept = append(kept, old)
	}
	p.Lines = kept
	if at < 0 {
		p.Lines = append(p.Lines, l)
	}
}

// addTyped adds a line typed on the command line: it replaces an earlier
// line of the name from another source (the first typed one takes its
// place) and goes after the typed lines of the name already there.
func (ls *lineSet) addTyped(l Line) {
	p := ls.p
	last := -1
	for i, old := range p.Lines {
		if !strings.EqualFold(old.Name, l.Name) {
			continue
		}
		if !strings.HasPrefix(old.Origin, "this request") {
			if old.Origin != "default" {
				ls.note("%s (%s) not sent: the %s typed on the line wins", old.Name, old.Origin, old.Name)
			}
			p.Lines[i] = l
			return
		}
		last = i
	}
	if last < 0 {
		p.Lines = append(p.Lines, l)
		return
	}
	p.Lines = append(p.Lines[:last+1], append([]Line{l}, p.Lines[last+1:]...)...)
}

// cookiePairs is the Cookie value for jar cookies sent and the request's
// own: each of own replaces every jar cookie of its name (as requests
// does), and values the server quoted are sent quoted (RFC 6265). It
// returns the pairs and the names of the jar cookies replaced.
func cookiePairs(sent []jar.Cookie, own []Header) (pairs []string, replaced []string) {
	mine := map[string]bool{}
	for _, c := range own {
		mine[c.Name] = true
	}
	for _, c := range sent {
		if mine[c.Name] {
			replaced = append(replaced, c.Name)
			continue
		}
		pairs = append(pairs, c.Pair())
	}
	for _, c := range own {
		pairs = append(pairs, c.Name+"="+c.Value)
	}
	return pairs, replaced
}
