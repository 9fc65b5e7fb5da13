// Package env is the family of the environments of .http tools: `env`
// shows the active one, `env list` lists those of a folder, `env use NAME`
// makes one active and `env off` ends it. An environment comes from
// JetBrains' http-client.env.json + http-client.private.env.json, REST
// Client's $shared + named environments (.vscode/settings.json,
// rest-client.env.json) and .env / NAME.env files (internal/envfile).
//
// The active environment lives on the session (session.Environment): its
// variables are {{name}}s after the shell's own variables. Values from a
// private file are secrets: shown as ***, and hidden as {{name}} in
// recordings, exports and logs; `session save` does not keep the
// environment at all.
//
// The loading and resolving it shares with import http is
// internal/envscope.
package env

import (
	"context"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/envfile"
	"github.com/httpsh/httpsh/internal/envscope"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/spf13/pflag"
)

// Commands returns the family's commands.
func Commands() []*commands.Command {
	return []*commands.Command{envCmd()}
}

// envOptions are the flags of env.
type envOptions struct {
	dir string
}

func envCmd() *commands.Command {
	return commands.Define(commands.Command{
		Name:  "env",
		Usage: "env [list|use NAME|off] [--dir DIR]",
		Short: "environments of .http files: list them, make one active, show the active one",
		Long: "Environments are read from DIR (default: the current folder): http-client.env.json and http-client.private.env.json (JetBrains), " +
			"rest-client.env.json and .vscode/settings.json (REST Client; $shared is inherited by every environment), .env (shared) and NAME.env files. " +
			"The active environment's variables are {{name}}s in every line and in imported .http requests, after the shell's own variables; " +
			"values that refer to {{other}} variables or to system variables ($uuid, $timestamp...) are resolved when the environment is chosen. " +
			"Values from a private file are secrets: shown as ***, and written as {{name}} by record, export and export script. " +
			"The prompt shows the active environment. `httpsh --env NAME` starts with NAME active.",
		Sub: []commands.Sub{
			{Name: "list", Usage: "env list [--dir DIR]", Short: "the environments of the folder (* marks the active one)"},
			{Name: "use", Usage: "env use NAME [--dir DIR]", Short: "make NAME the active environment", Min: 1, Max: 1},
			{Name: "off", Usage: "env off", Short: "no active environment"},
		},
		Example: "env list\nenv use dev\nget {{host}}/get\nenv off",
	}, func(fs *pflag.FlagSet, o *envOptions) {
		fs.StringVar(&o.dir, "dir", ".", "read the environment files of `DIR`")
		commands.HintFlag(fs, "dir", commands.HintFile)
	}, runEnv)
}

func runEnv(_ context.Context, env *commands.Env, c *commands.Call, o *envOptions) error {
	if c.Sub == nil {
		if len(c.Args) > 0 {
			return c.UsageError()
		}
		show(env)
		return nil
	}
	switch c.Sub.Name {
	case "off":
		env.Session.Env = nil
		env.Printf("no active environment\n")
		return nil
	case "use":
		return use(env, o.dir, c.Args[0])
	}
	set, err := envscope.Load(o.dir)
	if err != nil {
		return commands.Fail(err)
	}
	names := set.Names()
	if len(names) == 0 {
		env.Printf("no environments in %s (%s, NAME.env)\n", o.dir, strings.Join(envfile.Files(), ", "))
		return nil
	}
	for _, n := range names {
		mark := " "
		if a := env.Session.Env; a != nil && a.Name == n {
			mark = "*"
		}
		env.Printf("%s %s\n", mark, render.Sanitize(n))
	}
	for _, ig := range set.Ignored {
		env.Printf("# ignored (not a variable): %s\n", render.Sanitize(ig))
	}
	return nil
}

// show prints the active environment's variables, secrets as ***.
func show(env *commands.Env) {
	a := env.Session.Env
	if a == nil {
		env.Printf("no active environment (`env list`, `env use NAME`)\n")
		return
	}
	env.Printf("environment %s\n", render.Sanitize(a.Name))
	names := make([]string, 0, len(a.Vars))
	for n := range a.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	var rows [][]string
	for _, n := range names {
		v := a.Vars[n]
		if a.Secret[n] {
			v = "*** (secret)"
		}
		rows = append(rows, []string{n, v})
	}
	env.Render().Table(env.Stdout, []string{"variable", "value"}, rows)
}

func use(env *commands.Env, dir, name string) error {
	set, err := envscope.Load(dir)
	if err != nil {
		return commands.Fail(err)
	}
	vars, err := set.Vars(name)
	if err != nil {
		return commands.Usage(err)
	}
	dotenv, err := envscope.Dotenv(dir)
	if err != nil {
		return commands.Fail(err)
	}
	e, err := envscope.Activate(env.Session, env.Getenv, name, vars, dotenv)
	if err != nil {
		return commands.Fail(err)
	}
	env.Printf("environment %s: %s", render.Sanitize(name), commands.Plural(len(e.Vars), "variable"))
	if n := len(e.Secret); n > 0 {
		env.Printf(" (%d secret)", n)
	}
	env.Printf("\n")
	return nil
}
