package commands

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/internal/textdist"
	"github.com/spf13/pflag"
)

// Command is one command of the language, as data: help, completion and
// the README reference all read these fields.
type Command struct {
	Name    string
	Aliases []string
	Usage   string // "get URL [ITEM...] [FLAG...]"
	Short   string // one line
	Long    string // paragraphs shown by `help NAME`
	Example string // lines shown by `help NAME`
	Sub     []Sub  // subcommands (`cookies clear`) for help and completion
	// Flags registers the command's flags on fs; nil for none.
	Flags func(fs *pflag.FlagSet)
	// Args hints what the positional words are, for completion:
	// "url", "file", "setting", "var", "cookie", "header", "command", "json".
	Args []string
	Run  func(ctx context.Context, x *Executor, c *Call) error
}

// Sub is a subcommand, for help and completion.
type Sub struct {
	Name, Usage, Short string
}

// Call is one invocation: the words after the command name, and the
// heredoc input, if any.
type Call struct {
	Name  string
	Args  []string
	Input *string
	// Raw is the logical line before splitting and substitution (import
	// curl re-splits it with curl's quoting rules).
	Raw string
}

// Registry is the set of commands, by name and alias.
type Registry struct {
	list   []*Command
	byName map[string]*Command
}

// NewRegistry returns every command of the language.
func NewRegistry() *Registry {
	r := &Registry{byName: map[string]*Command{}}
	for _, family := range [][]*Command{
		requestCommands(),
		sessionCommands(),
		cookieCommands(),
		inspectCommands(),
		prepareCommands(),
		scriptCommands(),
		shellCommands(),
		captureCommands(),
		sourceCommands(),
		recordCommands(),
		savedSessionCommands(),
		exportCommands(),
		importCommands(),
		diffCommands(),
		downloadCommands(),
		explainCommands(),
	} {
		for _, c := range family {
			r.list = append(r.list, c)
			r.byName[c.Name] = c
			for _, a := range c.Aliases {
				r.byName[a] = c
			}
		}
	}
	sort.Slice(r.list, func(i, j int) bool { return r.list[i].Name < r.list[j].Name })
	return r
}

// Commands lists the commands sorted by name.
func (r *Registry) Commands() []*Command { return r.list }

// Lookup finds a command by name or alias.
func (r *Registry) Lookup(name string) (*Command, bool) {
	c, ok := r.byName[name]
	return c, ok
}

// Names lists every name and alias, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Unknown is the usage error for a word that names no command, with the
// closest name when there is one.
func (r *Registry) Unknown(word string) error {
	if s := Closest(word, r.Names()); s != "" {
		return Usagef("unknown command %q: did you mean %q? (`help` lists commands)", word, s)
	}
	return Usagef("unknown command %q: `help` lists commands", word)
}

// FlagSet returns a fresh flag set for c.
func (c *Command) FlagSet() *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetInterspersed(true)
	fs.Usage = func() {}
	fs.SetOutput(discard{})
	if c.Flags != nil {
		c.Flags(fs)
	}
	return fs
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

// parseFlags parses args with fs, returning the positional words. Errors
// are usage errors naming the command; so is a string flag given an empty
// value (`--show ”`), which would otherwise read as "not given".
func parseFlags(name string, fs *pflag.FlagSet, args []string) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		msg := err.Error()
		if strings.HasPrefix(msg, "unknown flag") || strings.HasPrefix(msg, "unknown shorthand") {
			return nil, Usagef("%s: %s (`help %s` lists its flags)", name, msg, name)
		}
		return nil, Usagef("%s: %s", name, msg)
	}
	var empty string
	fs.Visit(func(f *pflag.Flag) {
		if empty == "" && f.Value.Type() == "string" && f.Value.String() == "" {
			empty = f.Name
		}
	})
	if empty != "" {
		return nil, Usagef("%s: --%s needs a value (`help %s` says which)", name, empty, name)
	}
	return fs.Args(), nil
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

// needArgs checks the count of positional words.
func needArgs(c *Call, lo, hi int, usage string) error {
	if len(c.Args) < lo || (hi >= 0 && len(c.Args) > hi) {
		return Usagef("usage: %s", usage)
	}
	return nil
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
