package commands_test

import (
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
)

func init() { commands.TestRegistry = all.Registry }
