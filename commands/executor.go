package commands

import (
	"context"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session"
)

// Executor runs logical lines against one session: split → {{vars}} →
// lookup → flags parsed into the command's typed options → arity checked
// against the declared bounds → run. It owns the Env its commands get.
type Executor struct {
	*Env
}

// NewExecutor returns an executor of the commands in r for s, writing to
// stdout and stderr.
func NewExecutor(s *session.Session, r *Registry, stdout, stderr io.Writer) *Executor {
	x := &Executor{Env: &Env{
		Session:  s,
		Stdout:   stdout,
		Stderr:   stderr,
		Getenv:   os.Getenv,
		registry: r,
	}}
	x.exec = x
	return x
}

// Execute runs one logical line. A blank line or comment does nothing.
// Panics inside a command are turned into failures: the session survives.
// Every line that names a command is then shown to the hooks (record,
// reports, the session's log).
func (x *Executor) Execute(ctx context.Context, l *Logical) error {
	start := time.Now()
	prev := x.current
	x.current = l
	cmd, named, err := x.execute(ctx, l)
	x.current = prev
	if x.dryRunSkip(l, err) {
		return nil
	}
	if named || err != nil {
		x.observe(l, cmd, err, time.Since(start))
	}
	return err
}

// Close ends the session's commands: each Command's Close runs once, so
// what a family started (a playground, a listener) stops. Call it when the
// program is done with the executor.
func (x *Executor) Close() {
	for _, c := range x.registry.closers {
		c.Close(x.Env)
	}
}

// ExecuteLine runs text that has no heredoc.
func (x *Executor) ExecuteLine(ctx context.Context, text string) error {
	return x.Execute(ctx, &Logical{Text: text})
}

func (x *Executor) execute(ctx context.Context, l *Logical) (cmd *Command, named bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Failf("internal error running %q: %v (please report it)", firstWord(l.Text), p)
		}
	}()
	if l.TooLong {
		return nil, false, Usagef("command longer than %s with its input: put a big body in a file and send it with @FILE", session.FormatSize(MaxInputBytes))
	}
	if len(l.Text) > MaxLineBytes {
		return nil, false, Usagef("line too long (%d bytes, at most %d)", len(l.Text), MaxLineBytes)
	}
	words, err := Split(l.Text)
	if err != nil {
		return nil, false, Usage(err)
	}
	if len(words) == 0 {
		return nil, false, nil
	}
	words, err = x.substitute(words)
	if err != nil {
		return nil, true, err
	}
	cmd, ok := x.registry.Lookup(words[0])
	if !ok {
		return nil, true, x.registry.Unknown(words[0])
	}
	input := l.Input
	if !l.Literal {
		if input, err = x.substituteInput(l.Input); err != nil {
			return cmd, true, err
		}
	}
	err = x.call(ctx, cmd, &Call{Name: words[0], Args: words[1:], Input: input, Raw: l.Text, Line: l, cmd: cmd})
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		err = &Error{Status: StatusInterrupted, Err: errors.New("cancelled")}
	}
	return cmd, true, err
}

// call parses the flags into the command's options (a command without
// flags gets its words as they are: `expect json .n == -1`), binds the
// subcommand, checks the arity and runs the command.
func (x *Executor) call(ctx context.Context, cmd *Command, c *Call) error {
	st := cmd.takeFlags()
	defer cmd.giveFlags(st)
	if st.fs.HasFlags() { // a command without flags takes every word as it is
		args, err := st.parse(cmd.Name, c.Args)
		if err != nil {
			return err
		}
		c.Args = args
	}
	c.flags = st
	if err := c.bind(); err != nil {
		return err
	}
	if err := c.checkArity(); err != nil {
		return err
	}
	return cmd.run(ctx, x.Env, c, st.opts)
}

// Setup runs one command as the program's own set-up, before any line
// (`httpsh --session NAME`): words[0] names the command, the rest are its
// words as split, without {{vars}}. It is not logged, recorded or
// reported.
func (x *Executor) Setup(ctx context.Context, words ...string) error {
	cmd, ok := x.registry.Lookup(words[0])
	if !ok {
		return x.registry.Unknown(words[0])
	}
	return x.call(ctx, cmd, &Call{Name: words[0], Args: words[1:], cmd: cmd})
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
// undefined name is a usage error naming it; in a dry run it stays as
// written.
func (x *Executor) substitute(words []string) ([]string, error) {
	var missing string
	for i, w := range words {
		if !strings.Contains(w, "{{") {
			continue
		}
		words[i] = varPattern.ReplaceAllStringFunc(w, func(m string) string {
			name := varPattern.FindStringSubmatch(m)[1]
			v, ok := x.LookupVar(name)
			if !ok && x.DryRun {
				return m // a dry run shows what it cannot resolve (a capture's, a secret's) as written
			}
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
