package commands

import (
	"sort"
	"strings"

	"github.com/httpsh/httpsh/internal/textdist"
)

// Registry is the set of commands, by name and alias. The program
// assembles it from the families (repl does); the language knows no
// command by name.
type Registry struct {
	list      []*Command
	byName    map[string]*Command
	names     []string
	observers []*Command
	closers   []*Command
}

// NewRegistry returns a registry of the given families' commands. A name
// or alias given twice is a programming error: it panics.
func NewRegistry(families ...[]*Command) *Registry {
	r := &Registry{byName: map[string]*Command{}}
	for _, family := range families {
		for _, c := range family {
			r.add(c)
		}
	}
	sort.Slice(r.list, func(i, j int) bool { return r.list[i].Name < r.list[j].Name })
	for n := range r.byName {
		r.names = append(r.names, n)
	}
	sort.Strings(r.names)
	return r
}

func (r *Registry) add(c *Command) {
	if c.run == nil {
		panic("command " + c.Name + " was not made with Define")
	}
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		if _, dup := r.byName[n]; dup {
			panic("command " + n + " registered twice")
		}
		r.byName[n] = c
	}
	r.list = append(r.list, c)
	if c.Observe != nil {
		r.observers = append(r.observers, c)
	}
	if c.Close != nil {
		r.closers = append(r.closers, c)
	}
}

// Commands lists the commands sorted by name.
func (r *Registry) Commands() []*Command { return r.list }

// Lookup finds a command by name or alias.
func (r *Registry) Lookup(name string) (*Command, bool) {
	c, ok := r.byName[name]
	return c, ok
}

// Names lists every name and alias, sorted.
func (r *Registry) Names() []string { return r.names }

// Unknown is the usage error for a word that names no command, with the
// closest name when there is one.
func (r *Registry) Unknown(word string) error {
	if s := Closest(word, r.Names()); s != "" {
		return Usagef("unknown command %q: did you mean %q? (`help` lists commands)", word, s)
	}
	return Usagef("unknown command %q: `help` lists commands", word)
}

// flagError is a parse error as a usage error naming the command.
func flagError(name string, err error) error {
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown flag") || strings.HasPrefix(msg, "unknown shorthand") {
		return Usagef("%s: %s (`help %s` lists its flags)", name, msg, name)
	}
	return Usagef("%s: %s", name, msg)
}

// Closest returns the candidate nearest to word by edit distance, or ""
// when none is close enough to be a plausible typo.
func Closest(word string, candidates []string) string {
	best, bestD := "", len(word)/2+2
	for _, c := range candidates {
		d := textdist.Distance(strings.ToLower(word), strings.ToLower(c))
		if strings.HasPrefix(c, word) && len(word) >= 2 {
			d = 1
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
