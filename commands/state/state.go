// Package state is the family of commands that set what every request of
// the session starts from: base, headers, auth, set, vars, var, unvar,
// cookies and session (save, load, list, reset).
//
// The name of the saved session (`httpsh --session NAME`, `session load`)
// is the family's own state: `session save` without a NAME writes back
// to it.
package state

import (
	"context"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// family is the state the family's commands share.
type family struct {
	name     string // the saved session's name, "" when none
	withAuth bool   // that session was saved with --with-auth
}

// Commands returns the family's commands.
func Commands() []*commands.Command {
	f := &family{}
	return []*commands.Command{base(), headers(), auth(), set(), vars(), variable(), unvar(), cookies(), f.sessionCmd()}
}

func base() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "base", Usage: "base [URL]", Short: "show or set the base URL that /paths are joined to",
		Example: "base https://httpbin.org\nget /get", Args: []commands.Arg{{Hint: commands.HintURL}}, Max: 1,
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		s := env.Session
		if len(c.Args) == 0 {
			if s.Base == nil {
				env.Printf("no base URL: set one with `base URL`\n")
				return nil
			}
			env.Printf("%s\n", session.Redact(s.Base))
			return nil
		}
		u, err := session.Resolve(s.Base, c.Args[0]) // /path joins the base set, as get does
		if err != nil {
			return commands.Usage(err)
		}
		s.Base = u
		env.Printf("base %s\n", session.Redact(u))
		return nil
	})
}

func vars() *commands.Command {
	return commands.Simple(commands.Command{Name: "vars", Usage: "vars", Short: "list variables"},
		func(_ context.Context, env *commands.Env, _ *commands.Call) error {
			vars := env.Session.Vars
			if len(vars) == 0 {
				env.Printf("no variables: set one with `var NAME VALUE`\n")
				return nil
			}
			names := make([]string, 0, len(vars))
			for n := range vars {
				names = append(names, n)
			}
			sort.Strings(names)
			var rows [][]string
			for _, n := range names {
				rows = append(rows, []string{n, vars[n]})
			}
			env.Render().Table(env.Stdout, []string{"name", "value"}, rows)
			return nil
		})
}

func variable() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "var", Usage: "var NAME VALUE", Short: "set a variable, used as {{NAME}}",
		Args:    []commands.Arg{{Hint: commands.HintVar}},
		Min:     2,
		Max:     commands.Many,
		Example: "var user ada\nget /anything/{{user}}",
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		if !commands.ValidVarName(c.Args[0]) {
			return commands.Usagef("bad variable name %q: use letters, digits, _ and -", c.Args[0])
		}
		env.Session.Vars[c.Args[0]] = strings.Join(c.Args[1:], " ")
		return nil
	})
}

func unvar() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "unvar", Usage: "unvar NAME...", Short: "remove a variable",
		Args: []commands.Arg{{Hint: commands.HintVar, Repeat: true}}, Min: 1, Max: commands.Many,
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		for _, n := range c.Args {
			if _, ok := env.Session.Vars[n]; !ok {
				return commands.Usagef("no variable %q (`vars` lists them)", n)
			}
			delete(env.Session.Vars, n)
		}
		return nil
	})
}
