package commands

import (
	"fmt"
	"strings"
)

// Logical is one command as the executor sees it: its text (continuation
// lines joined), the heredoc input if any (read with @-), and where it
// started.
type Logical struct {
	Text  string
	Input *string // nil: no heredoc
	File  string
	Line  int
	// Literal is set when the heredoc's word was quoted (<<'END'): its
	// input is taken as typed, without {{name}} substitution, as in sh.
	Literal bool
	// TooLong is set when the command's text or input passed
	// MaxInputBytes; the excess was not kept and Execute refuses it.
	TooLong bool
	// Raw is the command as typed: its physical lines joined with "\n",
	// continuations and the heredoc (with its terminator) included. Empty
	// when the line did not come through an Assembler; use Typed.
	Raw string
}

// Typed is the command as typed: Raw, or Text when there is no Raw.
func (l *Logical) Typed() string {
	if l.Raw != "" {
		return l.Raw
	}
	return l.Text
}

// Assembler joins physical lines into logical ones: a line ending in an
// unescaped `\` continues on the next, and a line ending in `<<WORD`
// takes the following lines, up to one that is exactly WORD, as input.
// It is fed one line at a time, so the interactive shell and the script
// reader share it.
type Assembler struct {
	text    strings.Builder
	started int
	heredoc string // terminator being waited for
	suffix  string // the <<WORD as typed, quotes included
	literal bool   // WORD was quoted: no {{name}} in the input
	input   strings.Builder
	raw     strings.Builder
	line    int
	tooLong bool
}

// Feed adds one physical line (without its newline). It returns the
// completed logical command, or nil while more lines are needed.
func (a *Assembler) Feed(line string) *Logical {
	a.line++
	if !a.tooLong { // past the limit the raw text is not kept either
		if a.raw.Len() > 0 {
			a.raw.WriteByte('\n')
		}
		a.raw.WriteString(line)
	}
	if a.heredoc != "" {
		if strings.TrimRight(line, "\r") == a.heredoc {
			return a.finish(true)
		}
		a.keep(&a.input, line+"\n")
		return nil
	}
	if a.text.Len() == 0 {
		a.started = a.line
	}
	if continued(line) {
		a.keep(&a.text, line[:len(line)-1]+" ")
		return nil
	}
	a.keep(&a.text, line)
	if w, suffix, literal := heredocWord(a.text.String()); w != "" {
		a.heredoc, a.suffix, a.literal = w, suffix, literal
		return nil
	}
	return a.finish(false)
}

// keep appends s to b unless the command would pass MaxInputBytes, in
// which case it is marked too long and s is dropped: memory stays bounded
// whatever the input.
func (a *Assembler) keep(b *strings.Builder, s string) {
	if a.tooLong || a.text.Len()+a.input.Len()+len(s) > MaxInputBytes {
		a.tooLong = true
		return
	}
	b.WriteString(s)
}

// Pending reports whether a command is waiting for more lines, and
// describes what it waits for.
func (a *Assembler) Pending() (bool, string) {
	switch {
	case a.heredoc != "":
		return true, fmt.Sprintf("a line %q to end the input started on line %d", a.heredoc, a.started)
	case a.text.Len() > 0:
		return true, fmt.Sprintf("the line continued by \\ on line %d", a.started)
	}
	return false, ""
}

// Reset drops a half-assembled command.
func (a *Assembler) Reset() {
	a.text.Reset()
	a.input.Reset()
	a.raw.Reset()
	a.heredoc, a.suffix, a.literal = "", "", false
	a.tooLong = false
}

func (a *Assembler) finish(withInput bool) *Logical {
	l := &Logical{Text: a.text.String(), Line: a.started, TooLong: a.tooLong, Raw: a.raw.String()}
	if withInput {
		l.Literal = a.literal
		text := strings.TrimSuffix(strings.TrimRight(l.Text, " \t\r"), a.suffix)
		l.Text = strings.TrimRight(text, " \t")
		in := a.input.String()
		l.Input = &in
	}
	a.Reset()
	return l
}

// continued reports a line ending in an odd number of backslashes.
func continued(line string) bool {
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// heredocWord returns WORD when the line ends in <<WORD, <<'WORD' or
// <<"WORD" (outside quotes), the suffix as typed, and whether WORD was
// quoted: then, as in sh, the input is taken literally (no {{name}}).
func heredocWord(line string) (word, suffix string, literal bool) {
	line = strings.TrimRight(line, " \t\r")
	i := strings.LastIndex(line, "<<")
	if i < 0 {
		return "", "", false
	}
	word = line[i+2:]
	if n := len(word); n > 2 && (word[0] == '\'' || word[0] == '"') && word[n-1] == word[0] {
		word, literal = word[1:n-1], true
	}
	if word == "" || strings.ContainsAny(word, " \t'\"<>") {
		return "", "", false
	}
	words, err := Split(line)
	if err != nil || len(words) == 0 || words[len(words)-1] != "<<"+word {
		return "", "", false // inside quotes, or part of another word
	}
	return word, line[i:], literal
}

// MaxLineBytes bounds one physical line of input.
const MaxLineBytes = 1 << 20

// MaxInputBytes bounds one logical command: its continued lines and its
// heredoc input together. Bigger bodies belong in a file (@FILE).
const MaxInputBytes = 16 << 20

// Lines is the number of physical lines fed so far.
func (a *Assembler) Lines() int { return a.line }
