package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session"
)

func scriptCommands() []*Command {
	return []*Command{
		expectCommand(),
		{Name: "echo", Usage: "echo TEXT...", Short: "print text (variables are substituted)", Example: "echo user is {{user}}", Run: runEcho},
		{Name: "sleep", Usage: "sleep DURATION", Short: "wait, e.g. sleep 500ms; Ctrl-C stops it", Run: runSleep},
	}
}

func runEcho(_ context.Context, x *Executor, c *Call) error {
	fmt.Fprintln(x.Stdout, strings.Join(c.Args, " "))
	return nil
}

func runSleep(ctx context.Context, x *Executor, c *Call) error {
	if len(c.Args) != 1 {
		return Usagef("usage: sleep DURATION")
	}
	d, err := session.ParseTimeout(c.Args[0])
	if err != nil {
		return Usagef("sleep: %v", err)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
