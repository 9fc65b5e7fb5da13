package repl

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/httpsh/httpsh/commands"
)

// runInteractive is the shell on a terminal: a plain line loop that reads
// a line, runs it under its own cancellable context, and goes on. Ctrl-C
// cancels the command in flight and never ends the shell.
func runInteractive(ctx context.Context, x *commands.Executor, opts *options, st Streams) int {
	ctx = context.WithoutCancel(ctx) // Ctrl-C cancels one command, not the shell
	in := bufio.NewReader(st.Stdin)
	var a commands.Assembler
	for {
		prompt := "httpsh> "
		if pending, _ := a.Pending(); pending {
			prompt = "...> "
		}
		fmt.Fprint(st.Stdout, prompt)
		line, err := in.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(st.Stdout)
			return 0
		}
		l := a.Feed(trimNewline(line))
		if l == nil {
			continue
		}
		cmdCtx, cancel := context.WithCancel(ctx)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		go func() {
			select {
			case <-sig:
				cancel()
			case <-cmdCtx.Done():
			}
		}()
		err = x.Execute(cmdCtx, l)
		signal.Stop(sig)
		cancel()
		if ex, ok := err.(*commands.ExitRequest); ok {
			return ex.Status
		}
		reportError(st.Stderr, "", err)
	}
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}
