package commands

import (
	"context"
	"strconv"
	"strings"

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

// exchangeArg returns exchange N from the words (or the last one).
func (x *Executor) exchangeArg(words []string) (*session.Exchange, error) {
	n := 0
	if len(words) > 0 {
		v, err := strconv.Atoi(strings.TrimPrefix(words[0], "#"))
		if err != nil || v <= 0 {
			return nil, Usagef("expected an exchange number, not %q (`history` lists them)", words[0])
		}
		n = v
	}
	e := x.Session.Exchange(n)
	switch {
	case e != nil:
		return e, nil
	case n == 0:
		return nil, Usagef("no response yet: send a request first, e.g. `get /get`")
	}
	return nil, Usagef("no exchange %d (`history` lists them)", n)
}

func runResend(ctx context.Context, x *Executor, c *Call) error {
	e, err := x.exchangeArg(c.Args)
	if err != nil {
		return err
	}
	return x.sendAndShow(ctx, e.Prepared, &requestFlags{})
}
