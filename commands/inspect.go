package commands

import (
	"context"

	"github.com/httpsh/httpsh/session"
)

func inspectCommands() []*Command {
	return []*Command{
		{
			Name: "resend", Usage: "resend [N]", Short: "send exchange N's request again (default: the last)",
			LegacyRun: runResend,
		},
	}
}

// exchangeArg returns exchange N from the words (or the last one): see
// Env.Exchange.
func (x *Executor) exchangeArg(words []string) (*session.Exchange, error) { return x.Exchange(words) }

func runResend(ctx context.Context, x *Executor, c *Call) error {
	e, err := x.exchangeArg(c.Args)
	if err != nil {
		return err
	}
	return x.sendAndShow(ctx, e.Prepared, &requestFlags{})
}
