package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/httpsh/httpsh/internal/explain"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// maxHighlight bounds the body bytes coloured: chroma is slow on HTML
// (about 0.5 MB/s), and a screen shows far less.
const maxHighlight = 256 << 10

// maxJSONHighlight bounds the JSON coloured: our own printer does 5 MB in
// well under a second.
const maxJSONHighlight = 64 << 20

// Executor runs logical lines against one session. It owns the streams
// and the renderer; nothing here is global, so tests build their own.
type Executor struct {
	Session  *session.Session
	Registry *Registry
	Stdout   io.Writer
	Stderr   io.Writer
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
	// Hooks connect the executor to the program around it (record,
	// reports, line history); see hooks.go.
	Hooks Hooks

	script scriptState

	rendererKey string
	renderer    *render.Renderer
	explainBook *explain.Book // loaded by the first `explain`
}

// NewExecutor returns an executor for s writing to stdout and stderr.
func NewExecutor(s *session.Session, stdout, stderr io.Writer) *Executor {
	return &Executor{
		Session:  s,
		Registry: NewRegistry(),
		Stdout:   stdout,
		Stderr:   stderr,
		Getenv:   os.Getenv,
	}
}

// Color reports whether output is coloured now: `set color always`, or
// auto on a terminal without NO_COLOR.
func (x *Executor) Color() bool {
	switch x.Session.Settings.Color {
	case "always":
		return true
	case "never":
		return false
	}
	return x.Terminal && x.Getenv("NO_COLOR") == ""
}

// Render returns the renderer for the current colour and style settings.
func (x *Executor) Render() *render.Renderer {
	color, style := x.Color(), x.Session.Settings.Style
	key := fmt.Sprint(color, style)
	if x.renderer == nil || key != x.rendererKey {
		r, err := render.New(render.Options{Color: color, Style: style, MaxHighlight: maxHighlight, MaxJSONHighlight: maxJSONHighlight})
		if err != nil {
			r, _ = render.New(render.Options{Color: color})
		}
		x.renderer, x.rendererKey = r, key
	}
	return x.renderer
}

// Execute runs one logical line. A blank line or comment does nothing.
// Panics inside a command are turned into failures: the session survives.
// Every line that names a command is then shown to the hooks (record,
// reports, the session's script log).
func (x *Executor) Execute(ctx context.Context, l *Logical) error {
	start := time.Now()
	prev := x.script.current
	x.script.current = l
	name, err := x.execute(ctx, l)
	x.script.current = prev
	if name != "" || err != nil {
		x.observe(l, name, err, time.Since(start))
	}
	return err
}

func (x *Executor) execute(ctx context.Context, l *Logical) (name string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Failf("internal error running %q: %v (please report it)", firstWord(l.Text), p)
		}
	}()
	if l.TooLong {
		return "", Usagef("command longer than %s with its input: put a big body in a file and send it with @FILE", session.FormatSize(MaxInputBytes))
	}
	if len(l.Text) > MaxLineBytes {
		return "", Usagef("line too long (%d bytes, at most %d)", len(l.Text), MaxLineBytes)
	}
	words, err := Split(l.Text)
	if err != nil {
		return "", Usage(err)
	}
	if len(words) == 0 {
		return "", nil
	}
	name = words[0]
	words, err = x.substitute(words)
	if err != nil {
		return name, err
	}
	c, ok := x.Registry.Lookup(words[0])
	if !ok {
		return name, x.Registry.Unknown(words[0])
	}
	name = c.Name
	input, err := x.substituteInput(l.Input)
	if err != nil {
		return name, err
	}
	err = c.Run(ctx, x, &Call{Name: words[0], Args: words[1:], Input: input, Raw: l.Text})
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		err = &Error{Status: StatusInterrupted, Err: errors.New("cancelled")}
	}
	return name, err
}

// ExecuteLine runs text that has no heredoc.
func (x *Executor) ExecuteLine(ctx context.Context, text string) error {
	return x.Execute(ctx, &Logical{Text: text})
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

var varPattern = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}`)

// substitute replaces {{name}} and {{env.NAME}} in every word. An
// undefined name is a usage error naming it.
func (x *Executor) substitute(words []string) ([]string, error) {
	var missing string
	for i, w := range words {
		if !strings.Contains(w, "{{") {
			continue
		}
		words[i] = varPattern.ReplaceAllStringFunc(w, func(m string) string {
			name := varPattern.FindStringSubmatch(m)[1]
			v, ok := x.lookupVar(name)
			if !ok && missing == "" {
				missing = name
			}
			return v
		})
	}
	if missing != "" {
		if env, ok := strings.CutPrefix(missing, "env."); ok {
			return nil, Usagef("environment variable %s is not set", env)
		}
		return nil, Usagef("undefined variable {{%s}}: define it with `var %s VALUE` (`vars` lists them)", missing, missing)
	}
	return words, nil
}

// substituteInput replaces {{name}} in a heredoc's input, as in words.
func (x *Executor) substituteInput(in *string) (*string, error) {
	if in == nil || !strings.Contains(*in, "{{") {
		return in, nil
	}
	out, err := x.substitute([]string{*in})
	if err != nil {
		return nil, err
	}
	return &out[0], nil
}

func (x *Executor) lookupVar(name string) (string, bool) {
	if env, ok := strings.CutPrefix(name, "env."); ok {
		v, found := lookupEnv(x.Getenv, env)
		return v, found
	}
	v, ok := x.Session.Vars[name]
	return v, ok
}

func lookupEnv(getenv func(string) string, name string) (string, bool) {
	v := getenv(name)
	if v == "" {
		// Getenv cannot tell empty from unset; treat empty as unset.
		return "", false
	}
	return v, true
}

// width is the terminal width for layouts (80 when unknown).
func (x *Executor) width() int {
	if x.Width != nil {
		if w := x.Width(); w >= 20 {
			return w
		}
	}
	return 80
}

// printf writes to stdout.
func (x *Executor) printf(format string, args ...any) {
	fmt.Fprintf(x.Stdout, format, args...)
}

// warnf writes a "warning:" line to stderr.
func (x *Executor) warnf(format string, args ...any) {
	fmt.Fprintf(x.Stderr, "warning: "+format+"\n", args...)
}
