//go:build linux || darwin || freebsd || netbsd || openbsd

package repl

// This is the only file that imports go-prompt and golang.org/x/term.
//
// go-prompt v0.2.6 is used through Prompt.Input, one physical line at a
// time, with our own ConsoleParser (keyReader): go-prompt's parser opens
// /dev/tty, saves the terminal state in a package variable that its SetRaw
// then overwrites with the raw state (so its "restore" leaves the terminal
// raw), panics on a failed window-size ioctl, and its Run loop exits the
// process on SIGINT/SIGTERM. With Input and keyReader, this package owns
// the terminal: raw only while a line is edited, cooked with ISIG while a
// command runs (Ctrl-C is then SIGINT, which cancels the command), and the
// state it found restored on every way out.
//
// go-prompt v0.2.6 polls twice: its reader goroutine sleeps 10 ms after
// every Read, and Input's loop sleeps 10 ms whenever its key channel is
// empty, so a key waited up to 10 ms to be drawn and an idle shell woke
// 100 times a second. keyReader.Read waits in poll(2) for a key, and the
// module is replaced (go.mod) by third_party/go-prompt, v0.2.6 with one
// patch to prompt.go: Input waits on the key channel instead of sleeping,
// and the reader pauses 10 ms only after a Read that returned no key
// (then stopping at once when asked). Its Prompt.Run, which this package
// does not use, is unchanged. A key is now drawn as it arrives and the
// idle shell sleeps in the kernel (bench/keylat: median 0.4 ms, 0 wake-ups
// a second; before, 7.9 ms and 346).

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	prompt "github.com/c-bata/go-prompt"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// tty is the terminal the shell runs on and the state it found it in.
type tty struct {
	fd    int
	saved *term.State   // restored on every exit path
	orig  *unix.Termios // the same state, to derive raw and cooked from
	mu    sync.Mutex
}

// openTTY records the state of the terminal on fd.
func openTTY(fd int) (*tty, error) {
	saved, err := term.GetState(fd)
	if err != nil {
		return nil, fmt.Errorf("terminal: %w", err)
	}
	orig, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
	if err != nil {
		return nil, fmt.Errorf("terminal: %w", err)
	}
	return &tty{fd: fd, saved: saved, orig: orig}, nil
}

// restore puts the terminal back as openTTY found it. It is safe to call
// from any goroutine, any number of times.
func (t *tty) restore() {
	t.mu.Lock()
	defer t.mu.Unlock()
	_ = term.Restore(t.fd, t.saved)
}

// raw is the mode for line editing: the flags go-prompt's SetRaw clears,
// derived from the saved state (output processing stays on).
func (t *tty) raw() error {
	n := *t.orig
	n.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	n.Lflag &^= unix.ECHO | unix.ICANON | unix.IEXTEN | unix.ISIG | unix.ECHONL
	n.Cflag &^= unix.CSIZE | unix.PARENB
	n.Cflag |= unix.CS8
	n.Cc[unix.VMIN], n.Cc[unix.VTIME] = 1, 0
	return t.set(&n)
}

// cooked is the mode while a command runs: the saved state with line
// editing, echo and signals on (Ctrl-C sends SIGINT), and ^C not echoed,
// since the shell prints "^C cancelled" itself.
func (t *tty) cooked() error {
	n := *t.orig
	n.Lflag |= unix.ICANON | unix.ECHO | unix.ISIG
	n.Lflag &^= unix.ECHOCTL
	n.Iflag |= unix.ICRNL
	n.Oflag |= unix.OPOST
	return t.set(&n)
}

func (t *tty) set(n *unix.Termios) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return unix.IoctlSetTermios(t.fd, ioctlSetTermios, n)
}

// size is the window size; a terminal that reports 0x0 (some serial
// consoles and pseudo-terminals) is taken as 80x24.
func (t *tty) size() (cols, rows int) {
	ws, err := unix.IoctlGetWinsize(t.fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return 80, 24
	}
	return int(ws.Col), int(ws.Row)
}

// keyReader is go-prompt's ConsoleParser over our tty. Read waits for a
// key (go-prompt stops its reader goroutine only after Enter or Ctrl-D, and
// then Read answers at once, see hold); it returns
// one key per call (go-prompt treats one read as one key, so a pasted
// "get /x\r" would otherwise be inserted as text), and after Enter or
// Ctrl-D it returns nothing until the next Setup, so typed-ahead keys wait
// for the next line instead of being lost with go-prompt's channel.
type keyReader struct {
	t       *tty
	pending []byte
	hold    bool
	eof     atomic.Bool // the last key was Ctrl-D
	ctrlC   atomic.Bool // a Ctrl-C was read since the shell last looked
	// continuing: the shell is inside a command of several lines (a
	// heredoc, a `\` continuation), where Ctrl-C drops the command.
	continuing atomic.Bool
	editing    atomic.Bool // between Setup and TearDown: a line is edited
	wake       [2]int      // a pipe: a byte in it makes Read redraw (SIGCONT)
}

// ignoreKey is a key go-prompt reads and binds to nothing; feeding it
// makes go-prompt draw the line again.
var ignoreKey = []byte{0x1b, '[', 'E'}

// dropCommand is what Ctrl-C becomes on a continuation line: end of line,
// cut the line, Enter, so that go-prompt returns the empty line and the
// shell drops the command (and rebuilds the line history without it).
var dropCommand = []byte{0x05, 0x15, '\r'}

// newKeyReader is a keyReader on t with its wake pipe.
func newKeyReader(t *tty) (*keyReader, error) {
	r := &keyReader{t: t}
	if err := unix.Pipe2(r.wake[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return nil, fmt.Errorf("terminal: %w", err)
	}
	return r, nil
}

// close releases the wake pipe.
func (r *keyReader) close() {
	_ = unix.Close(r.wake[0])
	_ = unix.Close(r.wake[1])
}

// resumed is called on SIGCONT (after a stop and `fg`): the shell that
// ran meanwhile set the terminal its own way, so the mode of the moment
// is set again, and a line being edited is drawn again.
func (r *keyReader) resumed() {
	if !r.editing.Load() {
		_ = r.t.cooked()
		return
	}
	_ = r.t.raw()
	_, _ = unix.Write(r.wake[1], []byte{1})
}

func (r *keyReader) Setup() error {
	r.hold = false
	r.eof.Store(false)
	r.editing.Store(true)
	return r.t.raw()
}

func (r *keyReader) TearDown() error {
	r.editing.Store(false)
	return r.t.cooked()
}

func (r *keyReader) GetWinSize() *prompt.WinSize {
	c, rows := r.t.size()
	return &prompt.WinSize{Row: uint16(rows), Col: uint16(c)}
}

// errNoKey is returned when no key is waiting; go-prompt ignores errors.
var errNoKey = syscall.EAGAIN

func (r *keyReader) Read() ([]byte, error) {
	if r.hold {
		return nil, errNoKey
	}
	if len(r.pending) == 0 {
		// Wait for a key rather than poll: go-prompt's reader goroutine
		// then sleeps in the kernel instead of waking every 10 ms, and a
		// key is read as soon as it arrives. It can still be stopped:
		// go-prompt stops it only after Enter or Ctrl-D, and then hold
		// answers at once.
		fds := []unix.PollFd{{Fd: int32(r.t.fd), Events: unix.POLLIN}, {Fd: int32(r.wake[0]), Events: unix.POLLIN}}
		if n, err := unix.Poll(fds, -1); err != nil || n == 0 {
			return nil, errNoKey
		}
		if fds[1].Revents&unix.POLLIN != 0 {
			var b [16]byte
			_, _ = unix.Read(r.wake[0], b[:])
			return append([]byte(nil), ignoreKey...), nil
		}
		buf := make([]byte, 1024)
		n, err := unix.Read(r.t.fd, buf)
		if err != nil || n <= 0 {
			return nil, errNoKey
		}
		r.pending = buf[:n]
	}
	if r.pending[0] == 0x03 && r.continuing.Load() {
		r.ctrlC.Store(true)
		r.pending = append(append([]byte(nil), dropCommand...), r.pending[1:]...)
	}
	k := nextKey(r.pending)
	key := append([]byte(nil), r.pending[:k]...)
	r.pending = r.pending[k:]
	switch {
	case len(key) == 1 && (key[0] == '\r' || key[0] == '\n'):
		r.hold = true
	case len(key) == 1 && key[0] == 0x04:
		r.hold = true
		r.eof.Store(true)
	case len(key) == 1 && key[0] == 0x03:
		r.ctrlC.Store(true)
	}
	return key, nil
}

// nextKey returns the length of the first key in b: an escape sequence, a
// control byte, or a run of text up to the next control byte.
func nextKey(b []byte) int {
	switch {
	case b[0] == 0x1b:
		return escapeLen(b)
	case b[0] < 0x20 || b[0] == 0x7f:
		return 1
	}
	n := 1
	for n < len(b) && b[n] >= 0x20 && b[n] != 0x7f {
		n++
	}
	return n
}

// escapeLen is the length of the escape sequence at b[0]: ESC [ params
// final, ESC O x, ESC x (Alt-x), or a lone ESC.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 1
	}
	switch b[1] {
	case '[':
		for i := 2; i < len(b); i++ {
			if b[i] >= 0x40 && b[i] <= 0x7e {
				return i + 1
			}
		}
		return len(b)
	case 'O':
		return min(3, len(b))
	}
	return 2
}

// runTerminal is the interactive shell on a terminal with go-prompt. It
// returns ok=false, having changed nothing, when go-prompt cannot start
// here (then the caller uses the plain loop).
func runTerminal(sh *shell, in *os.File) (status int, ok bool) {
	t, err := openTTY(int(in.Fd()))
	if err != nil {
		return 0, false
	}
	defer t.restore()
	keys, err := newKeyReader(t)
	if err != nil {
		return 0, false
	}
	defer keys.close()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGCONT)
	defer signal.Stop(sigs)
	go func() {
		for s := range sigs {
			switch s {
			case os.Interrupt:
				sh.interrupt()
				continue
			case syscall.SIGCONT:
				keys.resumed()
				continue
			}
			t.restore() // the process ends in the next line: no defer will run
			fmt.Fprintln(sh.stderr)
			os.Exit(128 + int(s.(syscall.Signal)))
		}
	}()
	sh.height = func() int { _, rows := t.size(); return rows }
	p, err := newPrompt(sh, keys)
	if err != nil {
		return 0, false
	}
	return editLoop(sh, keys, p), true
}

// editLoop reads lines with p and runs them until the shell ends. A
// SIGINT while a line is edited came from outside (Ctrl-C is a key
// there): it is forgotten, so it cancels no later command. go-prompt
// keeps every physical line in its own history; after a command of
// several lines (a heredoc, completed or dropped) the line editor is
// rebuilt from the shell's history, so Up recalls the command whole and
// never the lines of a dropped one.
func editLoop(sh *shell, keys *keyReader, p *prompt.Prompt) int {
	partial := false // go-prompt's history holds lines of a multi-line command
	for {
		sh.forgetInterrupt()
		line := p.Input()
		sh.forgetInterrupt()
		if keys.eof.Load() && line == "" {
			return 0
		}
		if keys.ctrlC.Swap(false) {
			sh.clearPending()
		}
		if st, done := sh.handle(line); done {
			return st
		}
		pending, _ := sh.asm.Pending()
		keys.continuing.Store(pending)
		if pending {
			partial = true
			continue
		}
		if partial {
			if q, err := newPrompt(sh, keys); err == nil {
				p = q
			}
			partial = false
		}
	}
}

// newPrompt builds the go-prompt line editor; prompt.New panics when
// there is no /dev/tty, which is turned into an error.
func newPrompt(sh *shell, keys *keyReader) (p *prompt.Prompt, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("line editor: %v", r)
		}
	}()
	complete := func(d prompt.Document) []prompt.Suggest {
		var out []prompt.Suggest
		for _, s := range sh.complete(d.TextBeforeCursor()) {
			out = append(out, prompt.Suggest{Text: s.Text, Description: s.Description})
		}
		return out
	}
	prefix := func() (string, bool) {
		if keys.ctrlC.Swap(false) {
			sh.clearPending() // Ctrl-C on a continuation line drops the command
		}
		return sh.prefix(), true
	}
	return prompt.New(func(string) {}, complete,
		prompt.OptionParser(keys),
		prompt.OptionLivePrefix(prefix),
		prompt.OptionPrefixTextColor(prompt.Cyan),
		prompt.OptionHistory(sh.historyLines()),
		prompt.OptionMaxSuggestion(10),
		prompt.OptionTitle("httpsh"),
	), nil
}
