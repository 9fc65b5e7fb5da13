//go:build darwin || freebsd || netbsd || openbsd

package repl

import "golang.org/x/sys/unix"

// The ioctls that read and write a terminal's termios.
const (
	ioctlGetTermios = unix.TIOCGETA
	ioctlSetTermios = unix.TIOCSETA
)
