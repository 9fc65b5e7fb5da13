package inspect

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

type historyOptions struct{ force bool }

func history() *commands.Command {
	return commands.Define(commands.Command{
		Name: "history", Usage: "history [N] | history save FILE [--force]", Short: "list exchanges: number, method, URL, status, size, time",
		Sub: []commands.Sub{{Name: "save", Usage: "history save FILE [--force]", Short: "write the lines typed so far (credentials redacted) as a script",
			Args: []commands.Arg{{Hint: commands.HintFile}}, Min: 1, Max: 1}},
		Max:      1,
		Unlogged: true,
	}, func(fs *pflag.FlagSet, o *historyOptions) {
		fs.BoolVar(&o.force, "force", false, "overwrite FILE (history save)")
	}, runHistory)
}

// runHistory lists the exchanges, shows exchange N in full, or saves the
// lines typed (history save).
func runHistory(_ context.Context, env *commands.Env, c *commands.Call, o *historyOptions) error {
	if c.Sub != nil {
		return saveHistory(env, c.Args[0], o.force)
	}
	if o.force {
		return c.UsageError()
	}
	if len(c.Args) > 0 {
		e, err := env.Exchange(c.Args)
		if err != nil {
			return err
		}
		printOperation(env, e)
		env.View().Exchange(e, render.PartsOf([]string{"request", "status", "headers", "body"}), false, "")
		return nil
	}
	es := env.Session.Exchanges()
	if len(es) == 0 {
		env.Printf("no exchanges yet\n")
		return nil
	}
	sp := env.Spec()
	var rows [][]string
	for _, e := range es {
		r := e.Response()
		row := []string{strconv.Itoa(e.ID), e.Hops[0].Request.Method, session.Redact(e.Hops[0].Request.URL),
			fmt.Sprintf("%d %s", r.StatusCode, r.Reason), render.HumanBytes(r.Size), render.Duration(e.Elapsed)}
		if sp != nil {
			row = append(row, sp.Operation(e))
		}
		rows = append(rows, row)
	}
	head := []string{"#", "method", "url", "status", "size", "time"}
	if sp != nil {
		head = append(head, "operation")
	}
	env.Render().Table(env.Stdout, head, rows)
	env.Printf("%s\n", keptLine(env.Session))
	return nil
}

// printOperation names e's operation in the loaded spec, when there is
// one, as a comment line before the exchange.
func printOperation(env *commands.Env, e *session.Exchange) {
	if sp := env.Spec(); sp != nil {
		if op := sp.Operation(e); op != "" {
			env.Printf("# operation %s\n", op)
		}
	}
}

// keptLine sums up where the bodies of the kept exchanges are, against
// keep-limit: "bodies: 3.1 MB in memory (keep-limit 256MiB); 2 spilled
// to temporary files (2.0 MB); 1 dropped (1.0 MB)".
func keptLine(s *session.Session) string {
	k := s.Kept()
	limit := "off"
	if s.Settings.KeepLimit >= 0 {
		limit = session.FormatSize(s.Settings.KeepLimit)
	}
	line := fmt.Sprintf("bodies: %s in memory (keep-limit %s)", render.HumanBytes(k.Memory), limit)
	if k.Spilled > 0 {
		line += fmt.Sprintf("; %s to temporary files (%s)", strconv.Itoa(k.Spilled)+" spilled", render.HumanBytes(k.SpilledSize))
	}
	if k.Dropped > 0 {
		line += fmt.Sprintf("; %d dropped (%s)", k.Dropped, render.HumanBytes(k.DropSize))
	}
	return line
}

// saveHistory is `history save FILE [--force]`: the shell's line history
// when there is one (Hooks.LineHistory), else the lines this session ran
// at the top level, credentials redacted.
func saveHistory(env *commands.Env, path string, force bool) error {
	if h := env.Hooks.LineHistory; h != nil {
		if err := fileout.CheckWritable(path, force); err != nil {
			return err
		}
		if err := h.SaveTo(path, force); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return commands.Usagef("%s exists: add --force to overwrite it", path)
			}
			return commands.Failf("history save: %w", err)
		}
		env.Printf("saved %s to %s\n", commands.Plural(len(h.Lines()), "line"), path)
		return nil
	}
	lines := env.Log().Typed()
	if err := env.WriteScript(path, lines, force); err != nil {
		return err
	}
	env.Printf("saved %s to %s\n", commands.Plural(len(lines), "line"), path)
	return nil
}
