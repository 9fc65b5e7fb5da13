//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package repl

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// On other systems the shell runs the plain loop; this file stands in for
// terminal.go.

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func widthOf(out any) func() int {
	f, ok := out.(*os.File)
	if !ok {
		return nil
	}
	return func() int {
		w, _, err := term.GetSize(int(f.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
}

func passwordReader(in any, st Streams) func(string) (string, error) {
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func(p string) (string, error) {
		fmt.Fprint(st.Stderr, p)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(st.Stderr)
		return string(b), err
	}
}

func runTerminal(*shell, *os.File) (int, bool) { return 0, false }
