// Package all lists every command family of httpsh once, as cmd/go's main
// lists its commands: the program (repl) and the tests that need the
// whole language build their registry here. A new family is added to
// this list and nowhere else.
package all

import (
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/assert"
	"github.com/httpsh/httpsh/commands/download"
	"github.com/httpsh/httpsh/commands/env"
	"github.com/httpsh/httpsh/commands/inspect"
	"github.com/httpsh/httpsh/commands/interchange"
	"github.com/httpsh/httpsh/commands/learn"
	"github.com/httpsh/httpsh/commands/request"
	"github.com/httpsh/httpsh/commands/script"
	"github.com/httpsh/httpsh/commands/spec"
	"github.com/httpsh/httpsh/commands/state"
)

// Registry returns a registry of every command of the language.
func Registry() *commands.Registry {
	return commands.NewRegistry(
		script.Commands(),
		inspect.Commands(),
		assert.WithResend(request.ResendLast),
		learn.Commands(),
		request.Commands(),
		download.Commands(),
		state.Commands(),
		interchange.Commands(),
		spec.Commands(),
		env.Commands(),
	)
}
