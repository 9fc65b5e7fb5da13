// Package script is the family of commands that run and steer scripts:
// source, echo, sleep, help and exit.
package script

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// Commands returns the family's commands.
func Commands() []*commands.Command {
	return []*commands.Command{source(), echo(), sleep(), help(), exit()}
}

func source() *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "source",
		Usage: "source FILE",
		Short: "run a script's lines in this session; stops at its first failure",
		Long: "A relative FILE is found next to the script that sources it (or in the current folder, when typed in the shell or given with -c). " +
			"An error inside it is reported as FILE:LINE. Variables, cookies and settings it changes stay changed.",
		Args:    []commands.Arg{{Hint: commands.HintFile}},
		Min:     1,
		Max:     1,
		Example: "source login.hsh\nget /cookies",
	}, func(ctx context.Context, env *commands.Env, c *commands.Call) error {
		return env.Source(ctx, c.Args[0])
	})
}

func echo() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "echo", Usage: "echo TEXT...", Short: "print text (variables are substituted)",
		Max: commands.Many, Example: "echo user is {{user}}",
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		env.Printf("%s\n", strings.Join(c.Args, " "))
		return nil
	})
}

func sleep() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "sleep", Usage: "sleep DURATION", Short: "wait, e.g. sleep 500ms; Ctrl-C stops it",
		Args: []commands.Arg{{Values: []string{"100ms", "500ms", "1s", "5s"}, Desc: "how long"}},
		Min:  1, Max: 1,
	}, func(ctx context.Context, _ *commands.Env, c *commands.Call) error {
		d, err := session.ParseTimeout(c.Args[0])
		if err != nil {
			return commands.Usagef("sleep: %v", err)
		}
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
}

func help() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "help", Usage: "help [COMMAND]", Short: "list commands, or explain one",
		Args: []commands.Arg{{Hint: commands.HintCommand}}, Max: 1, Unlogged: true,
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		reg := env.Registry()
		if len(c.Args) == 0 {
			env.Printf("httpsh %s: an interactive shell for HTTP sessions\n\n", env.Version)
			var rows [][]string
			for _, cmd := range reg.Commands() {
				rows = append(rows, []string{cmd.Name, cmd.Short})
			}
			env.Render().Table(env.Stdout, []string{"command", "what it does"}, rows)
			env.Printf("\n`help COMMAND` explains one. Lines split like a shell's; {{name}} is a variable; a trailing \\ continues a line; <<END starts input read with @-.\n")
			return nil
		}
		cmd, ok := reg.Lookup(c.Args[0])
		if !ok {
			return reg.Unknown(c.Args[0])
		}
		commands.WriteHelp(env.Stdout, cmd)
		return nil
	})
}

func exit() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "exit", Aliases: []string{"quit"}, Usage: "exit [STATUS]", Short: "leave httpsh (Ctrl-D does too)",
		Max: 1, Unlogged: true,
	}, func(_ context.Context, _ *commands.Env, c *commands.Call) error {
		status := 0
		if len(c.Args) > 0 {
			n, err := strconv.Atoi(c.Args[0])
			if err != nil || n < 0 || n > 255 {
				return commands.Usagef("exit %q: expected a status from 0 to 255", c.Args[0])
			}
			status = n
		}
		return &commands.ExitRequest{Status: status}
	})
}
