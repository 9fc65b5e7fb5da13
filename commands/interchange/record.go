package interchange

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// recordOptions are the flags of record.
type recordOptions struct {
	secrets, force, fromEnv bool
	expect                  string
}

// recording holds the recorder while `record FILE` runs (nil: not
// recording).
type recording struct {
	rec *recorder
}

func (st *recording) command() *commands.Command {
	cmd := commands.Define(commands.Command{
		Name:  "record",
		Usage: "record FILE [--expect[=shape]] [--with-secrets|--secrets-from-env] [--force] | record stop | record",
		Short: "write the commands that follow, as typed, to a script that `httpsh FILE` replays",
		Long: "Every later command that succeeds is added to FILE as typed ({{variables}} kept, continuations and heredocs included); " +
			"failed commands, and commands that only look at the session's record (help, history, export, diff), are left out. " +
			"Credentials (passwords, tokens, cookie values, secret-looking headers and fields) are written as *** unless --with-secrets. " +
			"FILE is created atomically with the header, then each command is appended in one write, so the file always ends with a whole command, even if the shell is killed or the disk fills up (the half-written command is cut back and recording stops); it is never overwritten unless --force. " +
			"A comment at the top says what the session held before recording (base, variables, headers), which the script does not set. " +
			"With --expect, each request is followed by the checks that held when it was recorded (`expect status 200`); --expect=shape adds the JSON body's shape, " +
			"the type of each key two levels down (`expect json '.id | type' == \"number\"`). With --secrets-from-env credentials are written as {{env.NAME}} placeholders, named after their header or flag. " +
			"`record stop` says how many credentials were hidden and how to supply them.",
		Sub:      []commands.Sub{{Name: "stop", Usage: "record stop", Short: "stop recording"}},
		Args:     []commands.Arg{{Hint: commands.HintFile}},
		Max:      1,
		Unlogged: true,
		Example:  "record login.hsh\nget /cookies/set?session=abc\nexpect status 200\nrecord stop\n# later: httpsh --playground login.hsh",
	}, func(fs *pflag.FlagSet, o *recordOptions) {
		fs.BoolVar(&o.secrets, "with-secrets", false, "write credentials as typed")
		fs.BoolVar(&o.force, "force", false, "overwrite FILE")
		fs.StringVar(&o.expect, "expect", "", "after each request, write the checks that held: `status` (the default) or shape (and the JSON keys' types)")
		fs.Lookup("expect").NoOptDefVal = expectStatus
		commands.ValuesFlag(fs, "expect", "checks", expectStatus, expectShape)
		fs.BoolVar(&o.fromEnv, "secrets-from-env", false, "write credentials as {{env.NAME}} placeholders instead of ***")
	}, st.run)
	cmd.Observe = st.observe
	return cmd
}

func (st *recording) run(_ context.Context, env *commands.Env, c *commands.Call, o *recordOptions) error {
	switch {
	case c.Sub != nil: // stop
		r := st.rec
		if r == nil {
			return commands.Usagef("not recording: `record FILE` starts")
		}
		st.rec = nil
		if err := r.out.Close(); err != nil {
			return commands.Failf("record: %w", err)
		}
		env.Printf("recorded %s to %s\n", commands.Plural(r.typed, "command"), r.path)
		r.secretsNote(env)
		return nil
	case len(c.Args) == 0:
		if st.rec == nil {
			env.Printf("not recording: `record FILE` starts\n")
			return nil
		}
		env.Printf("recording to %s (%s so far)\n", st.rec.path, commands.Plural(st.rec.typed, "command"))
		return nil
	}
	if st.rec != nil {
		return commands.Usagef("already recording to %s: `record stop` first", st.rec.path)
	}
	if !o.secrets && env.Hooks.Redact == nil {
		return commands.Usagef("record: no redactor here: add --with-secrets to record credentials as typed")
	}
	if o.expect != "" && o.expect != expectStatus && o.expect != expectShape {
		return commands.Usagef("record --expect takes status or shape, not %q", o.expect)
	}
	if o.secrets && o.fromEnv {
		return commands.Usagef("record: --with-secrets and --secrets-from-env do not go together: pick one")
	}
	r := &recorder{path: c.Args[0], secrets: o.secrets, expect: o.expect, fromEnv: o.fromEnv, envNames: map[string]bool{}}
	if last := env.Session.Last(); last != nil {
		r.lastID = last.ID
	}
	out, err := fileout.CreateAppender(r.path, lines(recordHeader(env, o.secrets)), r.mode(), o.force)
	if err != nil {
		return err
	}
	r.out = out
	st.rec = r
	env.Printf("recording to %s: `record stop` ends it\n", r.path)
	return nil
}

// observe adds every line typed at the top level that ran without error,
// but the Unlogged commands; a write error stops the recording.
func (st *recording) observe(env *commands.Env, r commands.Ran) {
	if r.Nested || r.Err != nil || r.Command == nil || r.Command.Unlogged || st.rec == nil {
		return
	}
	// The active environment's secrets are hidden even --with-secrets.
	if err := st.rec.add(env.Session.Env.Hide(r.Line.Typed()), env.Redact); err != nil {
		env.Warnf("record: %v; recording stopped (%s ends with the last command recorded)", err, st.rec.path)
		_ = st.rec.out.Close()
		st.rec = nil
		return
	}
	if err := st.rec.addExpects(env, r.Command); err != nil {
		env.Warnf("record: %v; recording stopped (%s ends with the last command recorded)", err, st.rec.path)
		_ = st.rec.out.Close()
		st.rec = nil
	}
}

// recorder appends recorded lines to its file.
type recorder struct {
	path    string
	secrets bool
	out     *fileout.Appender
	typed   int // the lines recorded as typed (checks written after them not counted)
	// expect is --expect: "", status or shape; lastID the newest exchange
	// checks were written for.
	expect string
	lastID int
	// hidden counts the credentials written as *** (or placeholders);
	// with fromEnv, envNames are the placeholders' names.
	hidden   int
	fromEnv  bool
	envNames map[string]bool
}

// recordHeader describes the state a recording starts from.
func recordHeader(env *commands.Env, secrets bool) []string {
	s := env.Session
	h := []string{"# recorded by httpsh " + env.Version + "; replay with: httpsh [--base URL] FILE"}
	if s.Base != nil {
		h = append(h, "# base was "+session.Redact(s.Base))
	}
	if len(s.Vars) > 0 {
		names := make([]string, 0, len(s.Vars))
		for n := range s.Vars {
			names = append(names, n)
		}
		sort.Strings(names)
		h = append(h, "# variables set before recording (give them with --var NAME=VALUE): "+strings.Join(names, " "))
	}
	for _, hd := range s.Headers {
		line := "headers " + commands.Quote(hd.Name+":"+hd.Value)
		if !secrets {
			line = env.Redact(line)
		}
		h = append(h, "# default header set before recording: "+line)
	}
	if s.Auth != nil {
		h = append(h, "# credentials set before recording: "+s.Auth.Redacted())
	}
	if secrets {
		h = append(h, "# written with --with-secrets: this file holds credentials")
	}
	return h
}

// add appends one command (its physical lines) to the file in a single
// write: the file always ends with a whole command.
func (r *recorder) add(line string, redact func(string) string) error {
	if !r.secrets {
		red := redact(line)
		r.hidden += max(0, strings.Count(red, "***")-strings.Count(line, "***"))
		if r.fromEnv && red != line {
			red = envPlaceholders(red, r.envNames)
		}
		line = red
	}
	if err := r.out.Append(lines([]string{line})); err != nil {
		return err
	}
	r.typed++
	return nil
}

// lines is ls, each ended by a newline.
func lines(ls []string) []byte {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintln(&b, l)
	}
	return []byte(b.String())
}

// mode is 0600 when the file may hold credentials.
func (r *recorder) mode() os.FileMode {
	if r.secrets {
		return 0o600
	}
	return 0o644
}
