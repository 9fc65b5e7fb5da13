package commands

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// maxHighlight bounds the body bytes coloured: chroma is slow on HTML
// (about 0.5 MB/s), and a screen shows far less.
const maxHighlight = 256 << 10

// maxJSONHighlight bounds the JSON coloured: our own printer does 5 MB in
// well under a second.
const maxJSONHighlight = 64 << 20

// Env is what a command gets to work with: the session, the streams, the
// renderer, the terminal's facts, the environment, the password prompt,
// the `[N]` exchange convention and the log of lines run. Nothing here is
// global, so tests build their own. Family-private state lives in the
// family's closures, never here.
type Env struct {
	Session *session.Session
	Stdout  io.Writer
	Stderr  io.Writer
	// Terminal says stdout is a terminal (colour in auto mode, pager,
	// progress bars).
	Terminal bool
	// ErrTerminal says stderr is a terminal: progress bars are drawn
	// there only then, never in scripts or pipes.
	ErrTerminal bool
	// Width returns the terminal's width in columns; nil or a result
	// below 20 means 80.
	Width func() int
	// Getenv reads the environment ({{env.NAME}}, NO_COLOR).
	Getenv func(string) string
	// AskPassword reads a secret without echo; nil when there is no
	// terminal to ask on.
	AskPassword func(prompt string) (string, error)
	// Version is the program version, for the User-Agent and `help`.
	Version string
	// Hooks connect the language to the program around it (record,
	// reports, line history); see hooks.go.
	Hooks Hooks
	// DryRun: requests are printed, not sent; lines that need a response
	// are skipped with a note (httpsh --dry-run).
	DryRun bool

	registry    *Registry
	exec        *Executor
	log         Log
	depth       int      // source nesting: lines of a sourced file are not logged
	current     *Logical // the line running now
	rendererKey string
	renderer    *render.Renderer
}

// Registry is the set of commands the executor runs (for help).
func (e *Env) Registry() *Registry { return e.registry }

// Log is the memory of the lines this session ran at the top level.
func (e *Env) Log() *Log { return &e.log }

// Current is the logical line running now, or nil.
func (e *Env) Current() *Logical { return e.current }

// Color reports whether output is coloured now: `set color always`, or
// auto on a terminal without NO_COLOR.
func (e *Env) Color() bool {
	switch e.Session.Settings.Color {
	case "always":
		return true
	case "never":
		return false
	}
	return e.Terminal && e.Getenv("NO_COLOR") == ""
}

// Render returns the renderer for the current colour and style settings.
func (e *Env) Render() *render.Renderer {
	color, style := e.Color(), e.Session.Settings.Style
	key := fmt.Sprint(color, style)
	if e.renderer == nil || key != e.rendererKey {
		r, err := render.New(render.Options{Color: color, Style: style, MaxHighlight: maxHighlight, MaxJSONHighlight: maxJSONHighlight})
		if err != nil {
			r, _ = render.New(render.Options{Color: color})
		}
		e.renderer, e.rendererKey = r, key
	}
	return e.renderer
}

// Cols is the terminal width for layouts (80 when unknown).
func (e *Env) Cols() int {
	if e.Width != nil {
		if w := e.Width(); w >= 20 {
			return w
		}
	}
	return 80
}

// Printf writes to stdout.
func (e *Env) Printf(format string, args ...any) {
	fmt.Fprintf(e.Stdout, format, args...)
}

// Warnf writes a "warning:" line to stderr.
func (e *Env) Warnf(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "warning: "+format+"\n", args...)
}

// Redact hides credentials in a line as typed: the active environment's
// secret values become {{name}}, then the redactor plugged in
// (Hooks.Redact), if any, hides the rest.
func (e *Env) Redact(line string) string {
	line = e.Session.Env.Hide(line)
	if e.Hooks.Redact == nil {
		return line
	}
	return e.Hooks.Redact(line)
}

// Exchange returns exchange N named by the first of words ("3" or "#3"),
// or the last exchange when words is empty: the `[N]` convention of
// show, json, save, check, expect, capture, export. When the last request
// got no response at all, "the last exchange" is an error that says so:
// checking the exchange before it would report on a request that is not
// the one just sent.
func (e *Env) Exchange(words []string) (*session.Exchange, error) {
	if e.DryRun {
		return nil, Failf("%w", ErrDryRun)
	}
	if f := e.Session.LastFailure(); f != nil && len(words) == 0 {
		return nil, Failf("the last request (%s %s) got no response, so there is nothing to check: %w", f.Method, f.URL, f.Err)
	}
	n := 0
	if len(words) > 0 {
		v, err := strconv.Atoi(strings.TrimPrefix(words[0], "#"))
		if err != nil || v <= 0 {
			return nil, Usagef("expected an exchange number, not %q (`history` lists them)", words[0])
		}
		n = v
	}
	x := e.Session.Exchange(n)
	switch {
	case x != nil:
		return x, nil
	case n == 0:
		return nil, Usagef("no response yet: send a request first, e.g. `get /get`")
	}
	return nil, Usagef("no exchange %d (`history` lists them)", n)
}

// LookupVar returns the value of {{name}}: a session variable, then a
// variable of the active environment (`env use`), or env.NAME from the
// process environment (empty counts as unset).
func (e *Env) LookupVar(name string) (string, bool) {
	if v, ok := strings.CutPrefix(name, "env."); ok {
		s := e.Getenv(v)
		return s, s != ""
	}
	if v, ok := e.Session.Vars[name]; ok {
		return v, true
	}
	if ev := e.Session.Env; ev != nil {
		v, ok := ev.Vars[name]
		return v, ok
	}
	return "", false
}

// Substitute replaces {{name}} and {{env.NAME}} in words as the executor
// does (import curl re-splits its line, then substitutes). An undefined
// name is a usage error naming it.
func (e *Env) Substitute(words []string) ([]string, error) {
	return e.exec.substitute(words)
}

// Plural is "1 word" or "N words".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Meters are the progress meters of this Env: drawn on stderr only when
// it is a terminal.
func (e *Env) Meters() fileout.Meters {
	return fileout.Meters{W: e.Stderr, Terminal: e.ErrTerminal, Cols: e.Cols()}
}

// View prints exchanges on stdout with the current renderer and width.
func (e *Env) View() render.View {
	return render.View{R: e.Render(), W: e.Stdout, Warn: e.Stderr, Cols: e.Cols(), Terminal: e.Terminal}
}

// Password asks for user's password without echo; without a terminal
// it is a usage error saying to give user:password.
func (e *Env) Password(user string) (string, error) {
	if e.AskPassword == nil {
		return "", Usagef("no password for %s and no terminal to ask on: give user:password", user)
	}
	p, err := e.AskPassword(fmt.Sprintf("password for %s: ", user))
	if err != nil {
		return "", Failf("read password: %w", err)
	}
	return p, nil
}

// WriteScript writes lines, credentials redacted, as a script file (mode
// 0600, atomically; an existing file only with force).
func (e *Env) WriteScript(path string, lines []string, force bool) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(e.Redact(l))
		b.WriteByte('\n')
	}
	return fileout.WriteFileAtomic(path, []byte(b.String()), 0o600, force)
}
