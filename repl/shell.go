package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/completion"
	"github.com/httpsh/httpsh/history"
	"github.com/httpsh/httpsh/internal/render"
)

// shell is the interactive shell's state, whatever reads its lines: the
// executor, the line assembler, the persistent history, the completer and
// the cancel function of the command in flight. The line editor lives in
// terminal.go; this file knows nothing of go-prompt or termios.
type shell struct {
	ctx    context.Context
	x      *commands.Executor
	hist   *history.History
	comp   *completion.Completer
	stderr io.Writer
	getenv func(string) string
	// height is the terminal's height in rows, for the pager; nil: no paging.
	height func() int

	asm  commands.Assembler
	raw  []string // physical lines of the command being assembled
	mu   sync.Mutex
	stop context.CancelFunc // cancels the command in flight; nil between commands
	// early is a Ctrl-C that came after the line was entered but before its
	// command started: it cancels that command.
	early bool
}

// newShell returns a shell running lines through x, with the history at
// $XDG_STATE_HOME/httpsh/history unless --no-history. A history that
// cannot be opened is reported and replaced by one in memory.
func newShell(ctx context.Context, x *commands.Executor, opts *options, st Streams) *shell {
	sh := &shell{ctx: context.WithoutCancel(ctx), x: x, stderr: st.Stderr, getenv: st.Getenv}
	path := ""
	if !opts.noHistory {
		p, err := history.DefaultPath(st.Getenv)
		if err != nil {
			fmt.Fprintf(st.Stderr, "warning: %v\n", err)
		}
		path = p
	}
	h, err := history.Open(path, 0)
	if err != nil {
		fmt.Fprintf(st.Stderr, "warning: %v (history kept in memory only)\n", err)
		h, _ = history.Open("", 0)
	}
	sh.hist = h
	sh.comp = completion.New(completion.Source{Registry: x.Registry(), Session: x.Session, History: h.Lines})
	return sh
}

// historyLines are the lines Up recalls at start.
func (sh *shell) historyLines() []string { return sh.hist.Lines() }

// complete returns the suggestions for the text before the cursor; none
// on a blank line or inside a heredoc or continued line.
func (sh *shell) complete(before string) []completion.Suggestion {
	if pending, _ := sh.asm.Pending(); pending || strings.TrimSpace(before) == "" {
		return nil
	}
	return sh.comp.Complete(before, len(before))
}

// prefix is the prompt: where requests go and how the last exchange went,
// e.g. "127.0.0.1:41873 (dev) [200] > " with environment dev active, or "... " while a command continues.
func (sh *shell) prefix() string {
	if pending, _ := sh.asm.Pending(); pending {
		return "... "
	}
	where := "httpsh"
	s := sh.x.Session
	if s.Base != nil {
		where = s.Base.Host + strings.TrimSuffix(s.Base.EscapedPath(), "/")
	}
	where = render.Sanitize(where)
	if utf8.RuneCountInString(where) > 32 {
		r := []rune(where)
		where = string(r[:31]) + "…"
	}
	if s.Env != nil { // the active environment (`env use`)
		where += " (" + render.Sanitize(s.Env.Name) + ")"
	}
	if e := s.Last(); e != nil {
		where += fmt.Sprintf(" [%d]", e.Response().StatusCode)
	}
	return where + " > "
}

// clearPending drops a half-typed continued command (after Ctrl-C).
func (sh *shell) clearPending() {
	sh.asm.Reset()
	sh.raw = nil
}

// handle takes one line as the editor returned it (a recalled history
// entry may hold several physical lines) and runs the command it
// completes. done is set when the shell should end, with its status.
func (sh *shell) handle(text string) (status int, done bool) {
	for _, phys := range strings.Split(text, "\n") {
		sh.raw = append(sh.raw, phys)
		l := sh.asm.Feed(phys)
		if l == nil {
			continue
		}
		entry := strings.Join(sh.raw, "\n")
		sh.raw = nil
		if err := sh.hist.Add(entry); err != nil {
			fmt.Fprintf(sh.stderr, "warning: %v\n", err)
		}
		if st, done := sh.run(l); done {
			return st, true
		}
	}
	return 0, false
}

// run executes one logical line under its own context, which interrupt
// cancels, and reports how it went.
func (sh *shell) run(l *commands.Logical) (status int, done bool) {
	ctx, cancel := context.WithCancel(sh.ctx)
	sh.mu.Lock()
	sh.stop = cancel
	if sh.early {
		cancel()
		sh.early = false
	}
	sh.mu.Unlock()
	held, err := sh.execute(ctx, l)
	interrupted := ctx.Err() != nil
	sh.mu.Lock()
	sh.stop = nil
	sh.mu.Unlock()
	cancel()
	page(sh.x.Stdout, held, sh.rows(), sh.getenv("PAGER"))
	var exit *commands.ExitRequest
	if errors.As(err, &exit) {
		return exit.Status, true
	}
	if interrupted {
		fmt.Fprintln(sh.stderr, "^C cancelled")
		if commands.ExitStatus(err) == commands.StatusInterrupted && err.Error() == "cancelled" {
			return 0, false // nothing more to say; a download says where its part is
		}
	}
	commands.ReportError(sh.stderr, "", err)
	return 0, false
}

// rows is the terminal's height (0: unknown).
func (sh *shell) rows() int {
	if sh.height == nil {
		return 0
	}
	return sh.height()
}

// interrupt cancels the command in flight (Ctrl-C); between commands it
// cancels the next one, until forgetInterrupt.
func (sh *shell) interrupt() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.stop != nil {
		sh.stop()
	} else {
		sh.early = true
	}
}

// forgetInterrupt drops a Ctrl-C that came between commands; the shell
// calls it before reading the next line.
func (sh *shell) forgetInterrupt() {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.early = false
}

// execute runs l. When the output may be paged, it is held and returned
// (to be paged once the command is over, so a Ctrl-C in the pager cancels
// nothing); output that streams (`--stream`, `-o`, downloads) is never held.
func (sh *shell) execute(ctx context.Context, l *commands.Logical) (held string, err error) {
	if sh.height == nil || !sh.x.Session.Settings.Pager || streams(l.Text) {
		return "", sh.x.Execute(ctx, l)
	}
	out := sh.x.Stdout
	var buf strings.Builder
	sh.x.Stdout = &buf
	defer func() { sh.x.Stdout = out }()
	err = sh.x.Execute(ctx, l)
	return buf.String(), err
}

// streams reports a line whose output must not be held back.
func streams(line string) bool {
	words, err := commands.Split(line)
	if err != nil || len(words) == 0 {
		return false
	}
	if words[0] == "download" || words[0] == "sleep" {
		return true
	}
	for _, w := range words[1:] {
		if w == "--stream" || w == "-o" || w == "--output" || strings.HasPrefix(w, "--output=") {
			return true
		}
	}
	return false
}

// runPlain is the shell without a line editor, for terminals go-prompt
// cannot drive: it reads lines, and SIGINT cancels the command in flight.
func runPlain(sh *shell, in io.Reader, out io.Writer) int {
	r := bufio.NewReader(in)
	for {
		sh.forgetInterrupt()
		fmt.Fprint(out, sh.prefix())
		line, err := r.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(out)
			return 0
		}
		if st, done := sh.handle(strings.TrimRight(line, "\r\n")); done {
			return st
		}
	}
}

// runInteractive is the shell on a terminal: go-prompt when it can run
// here, the plain loop otherwise. Ctrl-C cancels the command in flight and
// never ends the shell; the terminal is restored on every way out.
func runInteractive(ctx context.Context, x *commands.Executor, opts *options, st Streams) int {
	runInit(ctx, x, opts, st)
	sh := newShell(ctx, x, opts, st)
	if in, ok := st.Stdin.(*os.File); ok {
		if status, ok := runTerminal(sh, in); ok {
			return status
		}
	}
	stop := notifyInterrupt(sh)
	defer stop()
	return runPlain(sh, st.Stdin, st.Stdout)
}
