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
	// Result, when set, receives every `expect` and `check` and every line
	// that failed, in the order they ran (for --report junit and tap).
	Result func(Result)
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
	Text    string // the line as typed, credentials redacted
	Err     error  // nil: it passed
	Elapsed time.Duration
}

// maxScriptLog bounds the lines an executor remembers for `export script`
// and `history save`.
const maxScriptLog = 1000

// scriptState is the executor's memory of the lines it ran.
type scriptState struct {
	depth   int      // source nesting: lines of a sourced file are not logged
	current *Logical // the line running now (source resolves paths from it)
	rec     *recorder
	ran     []string // lines that ran without error, as typed
	typed   []string // every line that named a command, as typed
	name    string   // the saved session's name, after session load/save
}

// notLogged reports the commands that `record` and `export script` leave
// out: they look at or write the session's own record rather than use it.
func notLogged(name string) bool {
	switch name {
	case "record", "history", "help", "export", "exit", "diff":
		return true
	}
	return false
}

// observe is called after every line that named a command.
func (x *Executor) observe(l *Logical, name string, err error, took time.Duration) {
	typed := l.Typed()
	if x.Hooks.Result != nil && (name == "expect" || name == "check" || err != nil) {
		x.Hooks.Result(Result{File: l.File, Line: l.Line, Command: name, Text: x.redact(typed), Err: err, Elapsed: took})
	}
	if x.script.depth > 0 {
		return
	}
	x.script.typed = appendCapped(x.script.typed, typed)
	if err != nil || notLogged(name) {
		return
	}
	x.script.ran = appendCapped(x.script.ran, typed)
	if x.script.rec != nil {
		if werr := x.script.rec.add(typed, x.redact); werr != nil {
			x.warnf("record: %v; recording stopped", werr)
			x.script.rec = nil
		}
	}
}

// redact hides credentials when a redactor is plugged in.
func (x *Executor) redact(line string) string {
	if x.Hooks.Redact == nil {
		return line
	}
	return x.Hooks.Redact(line)
}

func appendCapped(s []string, v string) []string {
	s = append(s, v)
	if len(s) > maxScriptLog {
		s = s[len(s)-maxScriptLog:]
	}
	return s
}
