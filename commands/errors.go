// Package commands is the httpsh command language: splitting lines into
// words, items, variables, heredocs, the registry of commands and one file
// per command family. Script mode, -c and the interactive shell all run
// lines through Executor.Execute.
package commands

import (
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// Exit statuses.
const (
	StatusOK          = 0
	StatusFailure     = 1
	StatusUsage       = 2
	StatusInterrupted = 130
)

// Error carries the exit status of a failed command: StatusUsage for a
// line that could not be understood (nothing was sent), StatusFailure for
// a command that ran and failed.
type Error struct {
	Status int
	Err    error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Usagef makes a usage error (exit status 2).
func Usagef(format string, args ...any) error {
	return &Error{Status: StatusUsage, Err: fmt.Errorf(format, args...)}
}

// Failf makes a failure (exit status 1).
func Failf(format string, args ...any) error {
	return &Error{Status: StatusFailure, Err: fmt.Errorf(format, args...)}
}

// statusCarrier is an error that knows its exit status (*Error, and the
// errors of internal packages such as fileout).
type statusCarrier interface{ ExitStatus() int }

// ExitStatus is e's exit status.
func (e *Error) ExitStatus() int { return e.Status }

func hasStatus(err error) bool {
	var s statusCarrier
	return errors.As(err, &s)
}

// Fail wraps err as a failure unless it already carries a status.
func Fail(err error) error {
	if err == nil || hasStatus(err) {
		return err
	}
	return &Error{Status: StatusFailure, Err: err}
}

// Usage wraps err as a usage error unless it already carries a status.
func Usage(err error) error {
	if err == nil || hasStatus(err) {
		return err
	}
	return &Error{Status: StatusUsage, Err: err}
}

// ExitRequest is returned by `exit`.
type ExitRequest struct{ Status int }

func (e *ExitRequest) Error() string { return fmt.Sprintf("exit %d", e.Status) }

// ExitStatus maps an error to the process exit status.
func ExitStatus(err error) int {
	var s statusCarrier
	var x *ExitRequest
	switch {
	case err == nil:
		return StatusOK
	case errors.As(err, &x):
		return x.Status
	case errors.As(err, &s):
		return s.ExitStatus()
	}
	return StatusFailure
}

// ErrorText is err's message made safe for a terminal and kept to one
// line: errors quote server text (a Location, a reason phrase, a cookie
// name), so control characters, C1, bidi controls and invalid UTF-8 are
// escaped as everywhere else (newlines show as \n).
func ErrorText(err error) string {
	return render.Sanitize(strings.TrimRight(err.Error(), "\r\n"))
}

// StatusError is raise_for_status(): nil below 400, else
// "405 Client Error: METHOD NOT ALLOWED for url: http://...".
func StatusError(e *session.Exchange) error {
	r := e.Response()
	kind := ""
	switch {
	case r.StatusCode >= 500 && r.StatusCode < 600:
		kind = "Server Error"
	case r.StatusCode >= 400 && r.StatusCode < 500:
		kind = "Client Error"
	default:
		return nil
	}
	return Failf("%d %s: %s for url: %s", r.StatusCode, kind, render.Sanitize(r.Reason), session.Redact(e.URL()))
}
