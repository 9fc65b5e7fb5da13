package commands

import "context"

// Invoke runs cmd (made with Define or Simple) with words as if a line had
// named it: flags parsed into a fresh options value, the subcommand bound,
// the arity checked, then run with this Env; input is the heredoc input
// (@-), or nil. A family uses it to run a command of another family from
// words it built (import curl prepares the request it read). The line is
// not logged or observed: the line that called Invoke is.
func (e *Env) Invoke(ctx context.Context, cmd *Command, words []string, input *string) error {
	return e.exec.call(ctx, cmd, &Call{Name: cmd.Name, Args: words, Input: input, cmd: cmd})
}
