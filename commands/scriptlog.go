package commands

import (
	"errors"
	"io/fs"

	"github.com/httpsh/httpsh/internal/fileout"
)

// saveHistory is `history save FILE [--force]`: the shell's line history
// when there is one, else the lines this session ran, credentials
// redacted.
func (x *Executor) saveHistory(args []string) error {
	force := false
	var rest []string
	for _, a := range args {
		if a == "--force" {
			force = true
			continue
		}
		rest = append(rest, a)
	}
	if len(rest) != 1 {
		return Usagef("usage: history save FILE [--force]")
	}
	path := rest[0]
	if h := x.Hooks.LineHistory; h != nil {
		if err := fileout.CheckWritable(path, force); err != nil {
			return err
		}
		if err := h.SaveTo(path, force); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return Usagef("%s exists: add --force to overwrite it", path)
			}
			return Failf("history save: %w", err)
		}
		x.printf("saved %s to %s\n", plural(len(h.Lines()), "line"), path)
		return nil
	}
	lines := x.log.typed
	if err := x.WriteScript(path, lines, force); err != nil {
		return err
	}
	x.printf("saved %s to %s\n", plural(len(lines), "line"), path)
	return nil
}
