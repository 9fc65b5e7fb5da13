package commands

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// Many, as a Max, allows any number of positional words.
const Many = -1

// Hints say what a positional word or a flag's value is, so completion
// can offer candidates without knowing any command by name.
const (
	HintURL            = "url"             // a URL: base, history, spec paths
	HintItem           = "item"            // a request item (Name:Value, k==v, k=v, k@file)
	HintFile           = "file"            // a file path
	HintAtFile         = "@file"           // TEXT, or @FILE (a file path after @)
	HintUpload         = "upload"          // name=@path
	HintJSON           = "json"            // a jq filter on the last response's JSON
	HintVar            = "var"             // a variable name
	HintCookie         = "cookie"          // a cookie name in the jar
	HintCookieDomain   = "cookie-domain"   // a domain in the jar
	HintCookiePair     = "cookie-pair"     // name=value from the jar
	HintCommand        = "command"         // a command name
	HintMethod         = "method"          // an HTTP method
	HintSetting        = "setting"         // a setting name
	HintSettingValue   = "setting-value"   // a value of the setting named by the previous word
	HintHeaderName     = "header-name"     // any well-known header name
	HintSessionHeader  = "session-header"  // a default header's name
	HintResponseHeader = "response-header" // a header name of the last response
	HintPrepared       = "prepared"        // a prepared request's name
	HintOperation      = "operation"       // an operationId of the loaded spec
)

// Arg describes one positional word for completion and help. A word with
// fixed choices has Values; Branch gives the words that follow a choice
// (`capture NAME json FILTER`). The last Arg of a list repeats when
// Repeat is set.
type Arg struct {
	Hint   string
	Values []string
	Desc   string
	Repeat bool
	Branch map[string][]Arg
}

// Sub is a subcommand: the positional word at the command's SubAt (the
// first, for most) names it. Its Usage is the one usage errors show; Min
// and Max bound the other positional words (Max Many: no bound); Args
// describe the words after its name.
type Sub struct {
	Name, Usage, Short string
	Args               []Arg
	Min, Max           int
}

// Command is one command of the language, as data: help, completion, the
// README reference, usage errors and the executor all read these fields.
// Build one with Define.
type Command struct {
	Name    string
	Aliases []string
	Usage   string // "get URL [ITEM...] [FLAG...]"
	Short   string // one line
	Long    string // paragraphs shown by `help NAME`
	Example string // lines shown by `help NAME`
	Sub     []Sub  // subcommands (`cookies clear`)
	// NeedSub: a word must name a subcommand.
	NeedSub bool
	// SubAt is the position of the word that names the subcommand: 0,
	// the first, for most; capture NAME KIND names it second. The words
	// before it are described by Args and stay in the Call's Args.
	SubAt int
	// Args hint what the positional words are (without a subcommand).
	Args []Arg
	// Min and Max bound the positional words when no subcommand is
	// named; Max Many allows any number. The executor checks them.
	Min, Max int
	// Unlogged commands look at or write the session's own record: record
	// and export script leave them out.
	Unlogged bool
	// Checks: the command's outcome (pass or fail) goes to --report.
	Checks bool
	// Observe, when set, is shown every line the executor ran (record).
	Observe func(env *Env, r Ran)
	// Close, when set, is called once when the session ends (Executor
	// Close): a family releases what it started (learn's playground).
	Close func(env *Env)

	// flags registers the flags into a new options value; reset puts
	// that value back to what registration left.
	flags func(fs *pflag.FlagSet) (opts any, reset func())
	run   func(ctx context.Context, env *Env, call *Call, opts any) error
	cache *flagCache // idle flag states (flagcache.go)
}

// Define makes a command of c: flags registers the command's flags into
// an options value (nil: no flags), then run gets it with the call whose
// words were checked against Min/Max or the Sub's. Each call sees the
// options at their registered defaults plus the flags given; the value
// is reused once run returns, so run must not keep o or hand it to a
// goroutine that outlives it (copy what it keeps).
func Define[O any](c Command, flags func(fs *pflag.FlagSet, o *O), run func(ctx context.Context, env *Env, call *Call, o *O) error) *Command {
	cmd := c
	cmd.cache = &flagCache{}
	cmd.flags = func(fs *pflag.FlagSet) (any, func()) {
		o := new(O)
		if flags != nil {
			flags(fs, o)
		}
		def := *o
		return o, func() { *o = def }
	}
	cmd.run = func(ctx context.Context, env *Env, call *Call, opts any) error {
		return run(ctx, env, call, opts.(*O))
	}
	return &cmd
}

// NoFlags are the options of a command without flags.
type NoFlags struct{}

// Simple makes a command without flags.
func Simple(c Command, run func(ctx context.Context, env *Env, call *Call) error) *Command {
	return Define(c, nil, func(ctx context.Context, env *Env, call *Call, _ *NoFlags) error {
		return run(ctx, env, call)
	})
}

// FlagSet returns a fresh flag set of c's flags, for help and completion.
func (c *Command) FlagSet() *pflag.FlagSet {
	fs, _ := c.newFlagSet()
	return fs
}

func (c *Command) newFlagSet() (*pflag.FlagSet, any) {
	fs, opts, _ := c.newFlags()
	return fs, opts
}

// newFlags registers c's flags into a new flag set and options value;
// reset restores the options to their defaults (nil without flags).
func (c *Command) newFlags() (fs *pflag.FlagSet, opts any, reset func()) {
	fs = pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetInterspersed(true)
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		opts, reset = c.flags(fs)
	}
	return fs, opts, reset
}

// FindSub returns the subcommand named name, or nil.
func (c *Command) FindSub(name string) *Sub {
	for i := range c.Sub {
		if c.Sub[i].Name == name {
			return &c.Sub[i]
		}
	}
	return nil
}

// subNames lists the subcommands for an error: "a, b or c".
func (c *Command) subNames() string {
	names := make([]string, len(c.Sub))
	for i, s := range c.Sub {
		names[i] = s.Name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// Call is one invocation of a command.
type Call struct {
	Name string // as typed: the name or an alias
	// Sub is the subcommand named by the first positional word, or nil.
	Sub *Sub
	// Args are the positional words: flags removed, and the subcommand's
	// name too when Sub is set.
	Args []string
	// Input is the heredoc input, if any.
	Input *string
	// Raw is the logical line before splitting and substitution (import
	// curl re-splits it with curl's quoting rules).
	Raw string
	// Line is the logical line this call came from.
	Line  *Logical
	cmd   *Command
	flags *flagState
}

// Changed reports whether the flag named name was given on this line (as
// opposed to left at its default).
func (c *Call) Changed(name string) bool { return c.flags != nil && c.flags.changed(name) }

// Command is the command being run.
func (c *Call) Command() *Command { return c.cmd }

// SubName is the subcommand's name, or "".
func (c *Call) SubName() string {
	if c.Sub == nil {
		return ""
	}
	return c.Sub.Name
}

// UsageError is the usage error of this call: "usage: " and the Sub's
// usage, or the command's.
func (c *Call) UsageError() error {
	return Usagef("usage: %s", c.Usage())
}

// Usage is the usage line that applies: the Sub's, or the command's.
func (c *Call) Usage() string {
	if c.Sub != nil && c.Sub.Usage != "" {
		return c.Sub.Usage
	}
	return c.cmd.Usage
}

// checkArity checks the positional words against the bounds declared for
// the call's subcommand or command.
func (c *Call) checkArity() error {
	lo, hi := c.cmd.Min, c.cmd.Max
	if c.Sub != nil {
		lo, hi = c.Sub.Min, c.Sub.Max
	}
	if len(c.Args) < lo || (hi != Many && len(c.Args) > hi) {
		return c.UsageError()
	}
	return nil
}

// bind finds the subcommand named by the word at SubAt, when c has any;
// that word leaves the Call's Args.
func (c *Call) bind() error {
	cmd := c.cmd
	if len(cmd.Sub) == 0 {
		return nil
	}
	i := cmd.SubAt
	if len(c.Args) > i {
		if s := cmd.FindSub(c.Args[i]); s != nil {
			c.Sub = s
			c.Args = append(c.Args[:i:i], c.Args[i+1:]...)
			return nil
		}
	}
	if !cmd.NeedSub {
		return nil
	}
	if len(c.Args) <= i {
		return c.UsageError()
	}
	before := strings.Join(append([]string{cmd.Name}, c.Args[:i]...), " ")
	return Usagef("%s %q: expected %s", before, c.Args[i], cmd.subNames())
}
