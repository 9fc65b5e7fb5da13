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

// Commands returns the family's commands; `expect ... --retry` cannot
// re-send here (see WithResend).
func Commands() []*commands.Command { return WithResend(nil) }

// Resender sends the last exchange's request again and shows it, as
// `resend` does (request.ResendLast). The family does not import the
// request family: commands/all hands it in.
type Resender func(ctx context.Context, env *commands.Env) error

// WithResend returns the family's commands, `expect ... --retry N`
// re-sending with resend.
func WithResend(resend Resender) []*commands.Command {
	return []*commands.Command{expect(resend), check(), capture()}
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
