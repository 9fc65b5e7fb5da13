package repl

// Terminal helpers every platform shares: whether a stream is a terminal,
// its width, and a password prompt without echo.

import (
	"fmt"
	"os"

	"golang.org/x/term"
)

// isTerminal reports whether v is an *os.File on a terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// widthOf returns a function giving the width of the terminal out, 0
// when it has none; nil when out is not a file.
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

// passwordReader returns a function asking for a secret without echo on
// the terminal in, or nil when in is not a terminal.
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
