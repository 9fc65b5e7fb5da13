package commands

import (
	"context"
	"io"
	"os"
	"strings"
)

// precheck reads a script that is a regular file once before it runs and
// checks every line the way the executor would before running it: the
// words split, the command exists, its flags parse, its subcommand and
// the number of words are right. The first line that fails is returned
// (nothing has been sent), and the file is rewound for the run. Lines
// with a {{name}} are checked only for their command, since a variable
// may be captured by an earlier line. A pipe, a FIFO or stdin is not
// checked: it can be read only once, as it arrives.
func (x *Executor) precheck(ctx context.Context, s Script) *readError {
	f, ok := s.R.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	var bad *readError
	rerr := x.lines(ctx, s, func(l *Logical) bool {
		if err := x.check(l); err != nil {
			bad = &readError{s.where(l), Usagef("%s (nothing was sent: the script is checked before it runs)", err), l}
			return false
		}
		return true
	})
	if _, err := f.Seek(0, io.SeekStart); err != nil && bad == nil && rerr == nil {
		return &readError{s.Name + ": ", Failf("rewind %s: %w", s.Name, err), nil}
	}
	if bad != nil {
		return bad
	}
	return rerr
}

// check is Execute without running: it returns the usage error the line
// would give before its command runs.
func (x *Executor) check(l *Logical) error {
	if l.TooLong {
		return Usagef("command longer than %d bytes with its input: put a big body in a file and send it with @FILE", MaxInputBytes)
	}
	if len(l.Text) > MaxLineBytes {
		return Usagef("line too long (%d bytes, at most %d)", len(l.Text), MaxLineBytes)
	}
	words, err := Split(l.Text)
	if err != nil {
		return err
	}
	if len(words) == 0 || strings.Contains(words[0], "{{") {
		return nil
	}
	cmd, ok := x.registry.Lookup(words[0])
	if !ok {
		return x.registry.Unknown(words[0])
	}
	for _, w := range words[1:] {
		if strings.Contains(w, "{{") {
			return nil
		}
	}
	st := cmd.takeFlags()
	defer cmd.giveFlags(st)
	c := &Call{Name: words[0], Args: words[1:], cmd: cmd, flags: st}
	if st.fs.HasFlags() {
		if c.Args, err = st.parse(cmd.Name, c.Args); err != nil {
			return err
		}
	}
	if err := c.bind(); err != nil {
		return err
	}
	return c.checkArity()
}
