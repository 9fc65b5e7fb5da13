// Package completion suggests what to type next in the shell: command
// names, subcommands, flags, header names and values, URLs, cookie and
// variable names, file paths, settings and JSON paths of the last response.
//
// It is made of pure functions over the command registry and the session's
// state: no terminal, no network. The shell's line editor calls Complete on
// each key, so Complete is fast (a capped, ranked list) and stable (the same
// input and state give the same list in the same order).
package completion

import (
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// MaxSuggestions caps the list Complete returns: the line editor redraws
// every suggestion on each key, about 10 ms per thousand.
const MaxSuggestions = 50

// Suggestion is one candidate: Text replaces the word before the cursor
// (the text after its last space), Description says what it is.
type Suggestion struct {
	Text, Description string
}

// Source is what completion reads. Registry is required; the rest may be
// nil or empty.
type Source struct {
	Registry *commands.Registry
	Session  *session.Session
	// History returns the shell's line history, oldest first.
	History func() []string
	// ReadDir lists a directory for file paths (default os.ReadDir).
	ReadDir func(dir string) ([]fs.DirEntry, error)
	// Spec returns the loaded API description, nil when none is (default:
	// the Session's Spec, when it is a Spec).
	Spec func() Spec
}

// Completer completes lines against one Source. It caches the parsed JSON
// body of the last exchange; use it from one goroutine at a time.
type Completer struct {
	src  Source
	json jsonCache
	// flagSets and lineURLs cache what every keystroke would otherwise
	// rebuild: each command's flags, and the URL of each history line.
	flagSets  map[string]*pflag.FlagSet
	lineURLs  map[string]urlForms
	cacheBase string // the base lineURLs were computed against
	// lineOp is the spec operation of the request line being completed,
	// set by forCommand for the item hints.
	lineOp *openapi.Operation
}

// maxCachedLines bounds lineURLs; past it the cache starts over.
const maxCachedLines = 50000

// New returns a Completer reading src.
func New(src Source) *Completer {
	if src.ReadDir == nil {
		src.ReadDir = os.ReadDir
	}
	c := &Completer{src: src, flagSets: map[string]*pflag.FlagSet{}, lineURLs: map[string]urlForms{}}
	if c.src.Spec == nil {
		c.src.Spec = c.sessionSpec
	}
	return c
}

// flagSet returns cmd's flags, built once. The set is only read (Lookup,
// VisitAll), never parsed into.
func (c *Completer) flagSet(cmd *commands.Command) *pflag.FlagSet {
	fs, ok := c.flagSets[cmd.Name]
	if !ok {
		fs = cmd.FlagSet()
		c.flagSets[cmd.Name] = fs
	}
	return fs
}

// candidate is a suggestion with its rank: lower groups first, then lower
// order (recency), then by text.
type candidate struct {
	Suggestion
	group, order int
	// filtered: the source already matched the word (it may rewrite it,
	// e.g. add quotes), so the prefix test is skipped.
	filtered bool
}

// Complete returns the suggestions for line with the cursor at byte offset
// cursor (clamped to the line). Only the text before the cursor counts;
// the word being completed is the text after its last space. The list is
// deduplicated, ranked and at most MaxSuggestions long.
func (c *Completer) Complete(line string, cursor int) []Suggestion {
	cursor = max(0, min(cursor, len(line)))
	before := line[:cursor]
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	start := strings.LastIndexByte(before, ' ') + 1
	word := before[start:]
	words, err := commands.Split(before[:start])
	if err != nil || strings.HasPrefix(word, "#") || strings.Contains(before[:start], "<<") {
		return nil // inside quotes spanning words, a comment, or a heredoc
	}
	return finish(word, c.candidates(words, word))
}

func (c *Completer) candidates(words []string, word string) []candidate {
	if i := strings.LastIndex(word, "{{"); i >= 0 && !strings.Contains(word[i:], "}}") {
		return c.variables(word[:i], word[i+2:])
	}
	if len(words) == 0 {
		return c.commandNames()
	}
	cmd, ok := c.src.Registry.Lookup(words[0])
	if !ok {
		return nil
	}
	return c.forCommand(cmd, words[1:], word)
}

// finish keeps the candidates that extend word, drops duplicates (the best
// ranked stays), sorts and caps them.
func finish(word string, all []candidate) []Suggestion {
	cs := all[:0]
	for _, s := range all {
		if s.Text != "" && (s.filtered || strings.HasPrefix(s.Text, word)) {
			cs = append(cs, s)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.group != b.group {
			return a.group < b.group
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.Text < b.Text
	})
	seen := make(map[string]bool, len(cs))
	var out []Suggestion
	for _, s := range cs {
		if seen[s.Text] {
			continue
		}
		seen[s.Text] = true
		out = append(out, s.Suggestion)
		if len(out) == MaxSuggestions {
			break
		}
	}
	return out
}

func (c *Completer) commandNames() []candidate {
	var out []candidate
	for _, name := range c.src.Registry.Names() {
		cmd, _ := c.src.Registry.Lookup(name)
		desc, group := cmd.Short, 0
		if cmd.Name != name {
			desc, group = "same as "+cmd.Name, 1
		}
		out = append(out, cand(name, desc, group, 0))
	}
	return out
}

// forCommand completes the words after a known command, from its
// metadata alone: flags, flag value hints, subcommands and the Arg hints
// of the command or of the subcommand named by the first word.
func (c *Completer) forCommand(cmd *commands.Command, args []string, word string) []candidate {
	fset := c.flagSet(cmd)
	if strings.HasPrefix(word, "-") {
		return flags(fset)
	}
	if n := len(args); n > 0 && strings.HasPrefix(args[n-1], "-") && takesValue(fset, args[n-1]) {
		return c.flagValue(lookupFlag(fset, args[n-1]), word)
	}
	pos := positional(fset, args)
	c.lineOp = c.lineOperation(cmd, pos)
	if at := cmd.SubAt; len(pos) > at {
		if s := cmd.FindSub(pos[at]); s != nil {
			return c.args(s.Args, pos[at+1:], word)
		}
	}
	out := c.args(cmd.Args, pos, word)
	if len(pos) == cmd.SubAt && len(cmd.Sub) > 0 {
		out = append(subs(cmd), out...)
	}
	return out
}

func subs(cmd *commands.Command) []candidate {
	out := make([]candidate, 0, len(cmd.Sub))
	for i, s := range cmd.Sub {
		out = append(out, cand(s.Name, s.Short, -1, i))
	}
	return out
}

// values makes candidates of fixed words in the given order.
func values(desc string, words ...string) []candidate {
	out := make([]candidate, 0, len(words))
	for i, w := range words {
		out = append(out, cand(w, desc, 0, i))
	}
	return out
}

func methods() []candidate {
	return values("HTTP method", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
}

// positional drops flags and their values from args.
func positional(fset *pflag.FlagSet, args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if !strings.Contains(a, "=") && takesValue(fset, a) {
				i++
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// cand makes a candidate that must extend the word being completed.
func cand(text, desc string, group, order int) candidate {
	return candidate{Suggestion: Suggestion{text, desc}, group: group, order: order}
}
