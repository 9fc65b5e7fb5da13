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
}

// maxCachedLines bounds lineURLs; past it the cache starts over.
const maxCachedLines = 50000

// New returns a Completer reading src.
func New(src Source) *Completer {
	if src.ReadDir == nil {
		src.ReadDir = os.ReadDir
	}
	return &Completer{src: src, flagSets: map[string]*pflag.FlagSet{}, lineURLs: map[string]urlForms{}}
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

// forCommand completes the words after a known command.
func (c *Completer) forCommand(cmd *commands.Command, args []string, word string) []candidate {
	fset := c.flagSet(cmd)
	if strings.HasPrefix(word, "-") {
		return flags(fset)
	}
	if n := len(args); n > 0 && strings.HasPrefix(args[n-1], "-") && takesValue(fset, args[n-1]) {
		return c.flagValue(strings.TrimLeft(args[n-1], "-"), word)
	}
	pos := positional(fset, args)
	switch cmd.Name {
	case "set":
		return settings(pos, word)
	case "explain":
		if len(pos) == 0 {
			return headerNames(word)
		}
		return nil
	case "capture":
		if len(pos) > 0 {
			return c.capture(pos[1:], word)
		}
	}
	if len(cmd.Sub) > 0 {
		if len(pos) == 0 {
			return append(subs(cmd), c.hint(cmd, hintAt(cmd, 0), word)...)
		}
		if out, ok := c.subArgs(cmd.Name, pos, word); ok {
			return out
		}
	}
	return c.hint(cmd, hintAt(cmd, len(pos)), word)
}

// hintAt is the completion hint of positional word i: the command's Args
// entry, the last one repeating when it is "item".
func hintAt(cmd *commands.Command, i int) string {
	if len(cmd.Args) > 0 { // moved to its family (transitional)
		if i < len(cmd.Args) {
			return cmd.Args[i].Hint
		}
		if last := cmd.Args[len(cmd.Args)-1]; last.Repeat {
			return last.Hint
		}
		return ""
	}
	if len(cmd.LegacyArgs) == 0 {
		return ""
	}
	if i < len(cmd.LegacyArgs) {
		return cmd.LegacyArgs[i]
	}
	if last := cmd.LegacyArgs[len(cmd.LegacyArgs)-1]; last == "item" || last == "header" {
		return last
	}
	return ""
}

func (c *Completer) hint(cmd *commands.Command, hint, word string) []candidate {
	switch hint {
	case "url":
		return c.urls(word)
	case "item", "header":
		return c.item(word)
	case "file":
		return c.files("", word)
	case "json":
		return c.jsonPaths(word)
	case "var":
		return c.varNames()
	case "cookie":
		return c.cookieNames()
	case "command":
		return c.commandNames()
	case "method":
		return methods()
	}
	return nil
}

// subArgs completes the words after a subcommand; ok is false when the
// subcommand has no special completion.
func (c *Completer) subArgs(name string, pos []string, word string) ([]candidate, bool) {
	sub := name + " " + pos[0]
	n := len(pos) - 1 // words after the subcommand
	switch {
	case sub == "cookies unset" && n == 0:
		return c.cookieNames(), true
	case sub == "cookies clear" && n == 0:
		return c.cookieDomains(), true
	case (sub == "cookies save" || sub == "cookies load") && n == 0:
		return c.files("", word), true
	case sub == "headers unset" && n == 0:
		return c.sessionHeaderNames(), true
	case sub == "expect header" && n == 0:
		return c.responseHeaderNames(), true
	case sub == "expect json" && n == 0:
		return c.jsonPaths(word), true
	case sub == "expect cookie" && n == 0:
		return c.cookieNames(), true
	case sub == "expect status" && n == 0:
		return values("expected status", "200", "201", "204", "2xx", "3xx", "400", "401", "403", "404", "4xx", "5xx"), true
	case strings.HasPrefix(sub, "expect ") && n == 1 && pos[0] != "status" && pos[0] != "body":
		return operators(), true
	}
	return nil, false
}

// capture completes `capture NAME json FILTER|header NAME|cookie NAME|status`
// after NAME.
func (c *Completer) capture(pos []string, word string) []candidate {
	if len(pos) == 0 {
		return values("what to capture", "json", "header", "cookie", "status")
	}
	if len(pos) > 1 {
		return nil
	}
	switch pos[0] {
	case "json":
		return c.jsonPaths(word)
	case "header":
		return c.responseHeaderNames()
	case "cookie":
		return c.cookieNames()
	}
	return nil
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

func operators() []candidate {
	return values("comparison", "==", "!=", "~", "<", "<=", ">", ">=", "exists")
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
