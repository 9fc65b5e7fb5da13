//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package repl

import (
	"os"
)

// On other systems the shell runs the plain loop; this file stands in for
// terminal.go.

func runTerminal(*shell, *os.File) (int, bool) { return 0, false }
