package fileout

import "fmt"

// Error is a refusal or failure with the exit status the program gives
// it: 2 when the target was refused before anything was written (a link,
// a folder, a file that exists), 1 when writing failed.
type Error struct {
	Status int
	Err    error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ExitStatus is the program's exit status for e.
func (e *Error) ExitStatus() int { return e.Status }

func usagef(format string, args ...any) error {
	return &Error{Status: 2, Err: fmt.Errorf(format, args...)}
}

func failf(format string, args ...any) error {
	return &Error{Status: 1, Err: fmt.Errorf(format, args...)}
}
