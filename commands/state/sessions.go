package state

import (
	"context"

	"github.com/httpsh/httpsh/commands"
	"github.com/spf13/pflag"
)

// sessionOptions are the flags of session.
type sessionOptions struct {
	withAuth, force bool
	// orNew: load a NAME not saved yet as a new session that `session
	// save` writes to NAME (`httpsh --session NAME`; hidden).
	orNew bool
}

// sessionCmd is `session save|load|list|reset`; save and load remember
// the name in f.
func (f *family) sessionCmd() *commands.Command {
	return commands.Define(commands.Command{
		Name:  "session",
		Usage: "session save NAME [--with-auth] | session load NAME | session list | session reset",
		Short: "save the session (base, headers, cookies, variables, settings) under a name and load it later",
		Long: "A saved session is JSON in $XDG_CONFIG_HOME/httpsh/sessions/NAME.json (~/.config/httpsh/sessions without XDG_CONFIG_HOME), " +
			"mode 0600, written atomically. It holds the base URL, default headers, every cookie with all its attributes, variables and settings " +
			"(but not colour, which belongs to the terminal); credentials (auth, secret headers such as X-Auth-Token or those marked with `headers secret`, variables named like token or password) only with --with-auth, or when saving back to a session saved with it; otherwise they are left out and named. " +
			"load replaces those parts of the session (exchanges stay); a file that is not a saved session, or is damaged, is reported and left alone. " +
			"`httpsh --session NAME` starts with NAME loaded, and `session save` without a NAME saves back to it. reset forgets everything.",
		Sub: []commands.Sub{{Name: "save", Usage: "session save NAME [--with-auth]", Short: "write the session to NAME", Max: 1},
			{Name: "load", Usage: "session load NAME", Short: "replace the session with NAME's", Min: 1, Max: 1},
			{Name: "list", Usage: "session list", Short: "the saved sessions", Max: commands.Many},
			{Name: "reset", Usage: "session reset", Short: "forget base, headers, credentials, cookies, variables, settings and exchanges", Max: commands.Many}},
		NeedSub: true,
		Example: "session save api\nsession list\nsession load api",
	}, func(fs *pflag.FlagSet, o *sessionOptions) {
		fs.BoolVar(&o.withAuth, "with-auth", false, "with save: keep the credentials too (in clear, in a 0600 file)")
		fs.BoolVar(&o.force, "force", false, "with save: replace a file that is not a saved session")
		fs.BoolVar(&o.orNew, "or-new", false, "with load: a NAME not saved yet starts a new session saved under it")
		must(fs.MarkHidden("or-new"))
	}, f.runSession)
}

func (f *family) runSession(_ context.Context, env *commands.Env, c *commands.Call, o *sessionOptions) error {
	switch c.Sub.Name {
	case "save":
		name := f.name
		if len(c.Args) == 1 {
			name = c.Args[0]
		}
		if name == "" {
			return c.UsageError()
		}
		// Saving back to the session loaded keeps its credentials when it
		// was saved with them: one rule, whichever way it was loaded.
		withAuth := o.withAuth || name == f.name && f.withAuth
		if err := saveSession(env, name, withAuth, o.force); err != nil {
			return err
		}
		f.name, f.withAuth = name, withAuth
		return nil
	case "load":
		name := c.Args[0]
		withAuth, err := loadSession(env, name, !o.orNew)
		if err != nil {
			return err
		}
		f.name, f.withAuth = name, withAuth
		return nil
	case "list":
		return listSessions(env)
	}
	env.Session.Reset()
	f.name, f.withAuth = "", false
	env.Printf("session reset: no base, headers, credentials, cookies, variables or exchanges; default settings\n")
	return nil
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
