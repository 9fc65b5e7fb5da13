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
	secrets, force bool
}

// recording holds the recorder while `record FILE` runs (nil: not
// recording).
type recording struct {
	rec *recorder
}

func (st *recording) command() *commands.Command {
	cmd := commands.Define(commands.Command{
		Name:  "record",
		Usage: "record FILE [--with-secrets] [--force] | record stop | record",
		Short: "write the commands that follow, as typed, to a script that `httpsh FILE` replays",
		Long: "Every later command that succeeds is added to FILE as typed ({{variables}} kept, continuations and heredocs included); " +
			"failed commands, and commands that only look at the session's record (help, history, export, diff), are left out. " +
			"Credentials (passwords, tokens, cookie values, secret-looking headers and fields) are written as *** unless --with-secrets. " +
			"FILE is rewritten atomically after each command, so nothing is lost if the shell dies; it is never overwritten unless --force. " +
			"A comment at the top says what the session held before recording (base, variables, headers), which the script does not set.",
		Sub:      []commands.Sub{{Name: "stop", Usage: "record stop", Short: "stop recording"}},
		Args:     []commands.Arg{{Hint: commands.HintFile}},
		Max:      1,
		Unlogged: true,
		Example:  "record login.hsh\nget /cookies/set?session=abc\nexpect status 200\nrecord stop\n# later: httpsh --playground login.hsh",
	}, func(fs *pflag.FlagSet, o *recordOptions) {
		fs.BoolVar(&o.secrets, "with-secrets", false, "write credentials as typed")
		fs.BoolVar(&o.force, "force", false, "overwrite FILE")
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
		env.Printf("recorded %s to %s\n", commands.Plural(len(r.lines), "command"), r.path)
		return nil
	case len(c.Args) == 0:
		if st.rec == nil {
			env.Printf("not recording: `record FILE` starts\n")
			return nil
		}
		env.Printf("recording to %s (%s so far)\n", st.rec.path, commands.Plural(len(st.rec.lines), "command"))
		return nil
	}
	if st.rec != nil {
		return commands.Usagef("already recording to %s: `record stop` first", st.rec.path)
	}
	if !o.secrets && env.Hooks.Redact == nil {
		return commands.Usagef("record: no redactor here: add --with-secrets to record credentials as typed")
	}
	r := &recorder{path: c.Args[0], secrets: o.secrets, header: recordHeader(env, o.secrets)}
	if err := fileout.WriteFileAtomic(r.path, r.content(), r.mode(), o.force); err != nil {
		return err
	}
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
		env.Warnf("record: %v; recording stopped", err)
		st.rec = nil
	}
}

// recorder writes recorded lines to its file.
type recorder struct {
	path    string
	secrets bool
	header  []string
	lines   []string
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

// add appends a line and rewrites the file.
func (r *recorder) add(line string, redact func(string) string) error {
	if !r.secrets {
		line = redact(line)
	}
	r.lines = append(r.lines, line)
	return fileout.WriteFileAtomic(r.path, r.content(), r.mode(), true)
}

func (r *recorder) content() []byte {
	var b strings.Builder
	for _, l := range append(append([]string(nil), r.header...), r.lines...) {
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
