// Package interchange is the family of commands that carry requests to
// and from other tools: import (a curl command, bash-quoted as browsers
// copy it), export (curl, .http, HAR, an httpsh script) and record (the
// lines that follow, as a script).
//
// The recorder is the family's own state: it sees each line the executor
// ran through record's Command.Observe.
package interchange

import "github.com/httpsh/httpsh/commands"

// Commands returns the family's commands.
func Commands() []*commands.Command {
	rec := &recording{}
	b := &book{}
	return []*commands.Command{importCmd(b), exportCmd(), rec.command(), b.edit()}
}
