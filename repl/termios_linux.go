package repl

import "golang.org/x/sys/unix"

// The ioctls that read and write a terminal's termios.
const (
	ioctlGetTermios = unix.TCGETS
	ioctlSetTermios = unix.TCSETS
)
