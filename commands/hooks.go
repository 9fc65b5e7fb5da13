package commands

import (
	"time"
)

// Hooks are what the program around an Executor plugs into it. The zero
// value is usable: no redactor (record then needs --with-secrets), no line
// history (history save writes the lines this executor ran), no reports.
type Hooks struct {
	// Redact hides credentials in a line as typed; the program passes
	// history.Redact. record and export script write lines through it.
	Redact func(line string) string
	// LineHistory is the shell's persistent line history, nil when there
	// is none (scripts, --no-history).
	LineHistory LineHistory
	// Result, when set, receives every line of a command marked Checks
	// and every line that failed, in the order they ran (for --report).
	Result func(Result)
	// Sent, when set, receives every try of every request the request
	// family sends (retries included), in order (for --report json/html).
	Sent func(Attempt)
}

// LineHistory is the part of history.History that `history save` uses.
type LineHistory interface {
	Lines() []string
	SaveTo(path string, force bool) error
}

// Result is one checked line: an expectation, a check, or a line that
// failed.
type Result struct {
	File    string // "" for a -c line or a line typed in the shell
	Line    int
	Command string // the command's name ("expect")
	// Check: the command is one whose outcome is a check (Command.Checks),
	// so a failure is a failed expectation, not an error.
	Check   bool
	Text    string // the line as typed, credentials redacted
	Err     error  // nil: it passed
	Elapsed time.Duration
}

// Ran is one line the executor ran, as shown to a Command's Observe.
type Ran struct {
	Line    *Logical
	Command *Command // nil when the line named no command
	Err     error
	Took    time.Duration
	// Nested is set for the lines of a sourced file.
	Nested bool
}

// maxLog bounds the lines a Log remembers.
const maxLog = 1000

// Log is the memory of the lines run at the top level (not inside a
// sourced file), as typed, each list capped at the last 1000.
type Log struct {
	typed []string // every line that named a command
	ran   []string // the lines that ran without error and are logged
}

// Typed lists every line that named a command, oldest first.
func (l *Log) Typed() []string { return l.typed }

// Ran lists the lines that ran without error, leaving out the commands
// marked Unlogged, oldest first.
func (l *Log) Ran() []string { return l.ran }

func (l *Log) add(typed string, cmd *Command, err error) {
	l.typed = appendCapped(l.typed, typed)
	if err == nil && cmd != nil && !cmd.Unlogged {
		l.ran = appendCapped(l.ran, typed)
	}
}

// observe is called after every line that named a command.
func (x *Executor) observe(l *Logical, cmd *Command, err error, took time.Duration) {
	typed := l.Typed()
	name := ""
	if cmd != nil {
		name = cmd.Name
	}
	if x.Hooks.Result != nil && ((cmd != nil && cmd.Checks) || err != nil) {
		check := cmd != nil && cmd.Checks
		x.Hooks.Result(Result{File: l.File, Line: l.Line, Command: name, Check: check, Text: x.Redact(typed), Err: err, Elapsed: took})
	}
	nested := x.depth > 0
	if !nested {
		x.log.add(typed, cmd, err)
	}
	for _, c := range x.registry.observers {
		c.Observe(x.Env, Ran{Line: l, Command: cmd, Err: err, Took: took, Nested: nested})
	}
}

func appendCapped(s []string, v string) []string {
	s = append(s, v)
	if len(s) > maxLog {
		s = s[len(s)-maxLog:]
	}
	return s
}
