// Package assert is the family of commands that judge the last response
// and take values from it: expect (status, header, json, body, cookie,
// time), check (raise_for_status) and capture (a value into a variable).
// expect and check are marked Checks: their outcome goes to --report. A
// failed assertion is a failure (exit status 1) naming what came instead.
package assert

import (
	"context"

	"github.com/httpsh/httpsh/commands"
)

// Commands returns the family's commands.
func Commands() []*commands.Command {
	return []*commands.Command{expect(), check(), capture()}
}

func check() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "check", Usage: "check [N]", Short: "fail if the status is 4xx or 5xx, like raise_for_status()",
		Max: 1, Checks: true,
		Example: "post /get\ncheck",
	}, func(_ context.Context, env *commands.Env, c *commands.Call) error {
		e, err := env.Exchange(c.Args)
		if err != nil {
			return err
		}
		return commands.StatusError(e)
	})
}
