// Command httpsh is an interactive shell for HTTP sessions.
package main

import (
	"os"

	"github.com/httpsh/httpsh/repl"
)

func main() {
	repl.TuneRuntime()
	os.Exit(repl.Main(os.Args[1:], repl.StdStreams()))
}
