package commands

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

func recordCommands() []*Command {
	return []*Command{{
		Name:  "record",
		Usage: "record FILE [--with-secrets] [--force] | record stop | record",
		Short: "write the commands that follow, as typed, to a script that `httpsh FILE` replays",
		Long: "Every later command that succeeds is added to FILE as typed ({{variables}} kept, continuations and heredocs included); " +
			"failed commands, and commands that only look at the session's record (help, history, export, diff), are left out. " +
			"Credentials (passwords, tokens, cookie values, secret-looking headers and fields) are written as *** unless --with-secrets. " +
			"FILE is rewritten atomically after each command, so nothing is lost if the shell dies; it is never overwritten unless --force. " +
			"A comment at the top says what the session held before recording (base, variables, headers), which the script does not set.",
		Sub: []Sub{{Name: "stop", Usage: "record stop", Short: "stop recording"}},
		LegacyFlags: func(fs *pflag.FlagSet) {
			fs.Bool("with-secrets", false, "write credentials as typed")
			fs.Bool("force", false, "overwrite FILE")
		},
		LegacyArgs: []string{"file"},
		Example:    "record login.hsh\nget /cookies/set?session=abc\nexpect status 200\nrecord stop\n# later: httpsh --playground login.hsh",
		LegacyRun:  runRecord,
	}}
}

// recorder writes recorded lines to its file.
type recorder struct {
	path    string
	secrets bool
	header  []string
	lines   []string
}

func runRecord(_ context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("record")
	fs := cmd.FlagSet()
	args, err := parseFlags("record", fs, c.Args)
	if err != nil {
		return err
	}
	switch {
	case len(args) == 0:
		if x.legacy.rec == nil {
			x.printf("not recording: `record FILE` starts\n")
			return nil
		}
		x.printf("recording to %s (%s so far)\n", x.legacy.rec.path, plural(len(x.legacy.rec.lines), "command"))
		return nil
	case len(args) == 1 && args[0] == "stop":
		r := x.legacy.rec
		if r == nil {
			return Usagef("not recording: `record FILE` starts")
		}
		x.legacy.rec = nil
		x.printf("recorded %s to %s\n", plural(len(r.lines), "command"), r.path)
		return nil
	case len(args) > 1:
		return Usagef("usage: %s", cmd.Usage)
	}
	if x.legacy.rec != nil {
		return Usagef("already recording to %s: `record stop` first", x.legacy.rec.path)
	}
	secrets, _ := fs.GetBool("with-secrets")
	force, _ := fs.GetBool("force")
	if !secrets && x.Hooks.Redact == nil {
		return Usagef("record: no redactor here: add --with-secrets to record credentials as typed")
	}
	r := &recorder{path: args[0], secrets: secrets, header: x.recordHeader(secrets)}
	if err := fileout.WriteFileAtomic(r.path, r.content(), r.mode(), force); err != nil {
		return err
	}
	x.legacy.rec = r
	x.printf("recording to %s: `record stop` ends it\n", r.path)
	return nil
}

// recordHeader describes the state a recording starts from.
func (x *Executor) recordHeader(secrets bool) []string {
	s := x.Session
	h := []string{"# recorded by httpsh " + x.Version + "; replay with: httpsh [--base URL] FILE"}
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
		line := "headers " + Quote(hd.Name+":"+hd.Value)
		if !secrets {
			line = x.redact(line)
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
