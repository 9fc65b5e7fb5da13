package commands

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// maxSourceDepth bounds `source` nesting (a file sourcing itself).
const maxSourceDepth = 16

// Script is one source of lines for the script runner: a file, stdin, a
// pipe or one -c argument.
type Script struct {
	// Name is the file name, "stdin", or "-c N" for a -c argument.
	Name string
	// R supplies the text; Text is used instead when R is nil (a -c
	// argument: its lines are kept whole, however long, for Execute to
	// refuse by name).
	R    io.Reader
	Text string
}

// where is the prefix of an error line of l: "FILE:LINE: ", or "-c N: ".
func (s Script) where(l *Logical) string {
	if s.R == nil {
		return s.Name + ": "
	}
	return fmt.Sprintf("%s:%d: ", s.Name, l.Line)
}

// RunOptions say how Run treats a failing line.
type RunOptions struct {
	// KeepGoing runs the remaining lines after a failure.
	KeepGoing bool
}

// Run is the one script runner: files, stdin, pipes and -c lines all go
// through it. It runs the lines of s as they arrive (a pipe can be fed
// interactively), printing each error as one "WHERE: error: ..." line. It
// stops at the first failure unless o.KeepGoing, and always at `exit` or
// an interrupt (stop is then set). status is the first non-zero status.
func (x *Executor) Run(ctx context.Context, s Script, o RunOptions) (status int, stop bool) {
	if !o.KeepGoing {
		if err := x.precheck(ctx, s); err != nil {
			fmt.Fprintf(x.Stderr, "%serror: %s\n", err.where, ErrorText(err.err))
			if x.Hooks.Result != nil && err.line != nil {
				x.Hooks.Result(Result{File: s.Name, Line: err.line.Line, Command: firstWord(err.line.Text), Text: x.Redact(err.line.Typed()), Err: err.err})
			}
			return ExitStatus(err.err), false
		}
	}
	err := x.lines(ctx, s, func(l *Logical) bool {
		st, halt := x.runOne(ctx, l, s.where(l))
		if st != 0 && status == 0 {
			status = st
		}
		if halt || (st != 0 && !o.KeepGoing) {
			status, stop = st, halt
			return false
		}
		return true
	})
	if err != nil {
		fmt.Fprintf(x.Stderr, "%serror: %s\n", err.where, ErrorText(err.err))
		return ExitStatus(err.err), false
	}
	if ctx.Err() != nil && !stop {
		return StatusInterrupted, true
	}
	return status, stop
}

// runOne runs one logical line and reports its error. stop is set when
// the line asked to exit or the run was interrupted.
func (x *Executor) runOne(ctx context.Context, l *Logical, where string) (status int, stop bool) {
	err := x.Execute(ctx, l)
	if bw, ok := x.Stdout.(interface{ Flush() error }); ok {
		_ = bw.Flush()
	}
	ReportError(x.Stderr, where, err)
	var exit *ExitRequest
	if errors.As(err, &exit) {
		return exit.Status, true
	}
	if ctx.Err() != nil {
		return StatusInterrupted, true
	}
	return ExitStatus(err), false
}

// ReportError prints err as one "error:" line, prefixed with where. An
// exit request is not an error.
func ReportError(w io.Writer, where string, err error) {
	var exit *ExitRequest
	if err == nil || errors.As(err, &exit) {
		return
	}
	fmt.Fprintf(w, "%serror: %s\n", where, ErrorText(err))
}

// readError is a script that could not be read to its end.
type readError struct {
	where string
	err   error
	line  *Logical // the line at fault, when one is
}

// lines feeds the logical lines of s to yield until it returns false.
// The text is read as it comes, one physical line at a time, by a
// goroutine, so that an interrupt (ctx) ends the run even while a read
// blocks (a FIFO, a terminal, a pipe nobody writes to). A UTF-8 byte
// order mark at the start is skipped.
func (x *Executor) lines(ctx context.Context, s Script, yield func(*Logical) bool) *readError {
	var a Assembler
	first := true
	feed := func(phys string) bool {
		if first {
			phys, first = strings.TrimPrefix(phys, "\ufeff"), false
		}
		l := a.Feed(phys)
		if l == nil {
			return true
		}
		if s.R != nil {
			l.File = s.Name
		}
		return yield(l)
	}
	if s.R == nil {
		for _, phys := range strings.Split(strings.TrimSuffix(s.Text, "\n"), "\n") {
			if !feed(phys) {
				return nil
			}
		}
	} else if err := readLines(ctx, s, feed, a.Lines); err != nil || ctx.Err() != nil {
		return err
	}
	if open, what := a.Pending(); open {
		return &readError{s.Name + ": ", Usagef("end of input while waiting for %s", what), nil}
	}
	return nil
}

// readLines scans s.R in a goroutine and feeds each physical line until
// feed returns false, the text ends or ctx is done.
func readLines(ctx context.Context, s Script, feed func(string) bool, read func() int) *readError {
	type scanned struct {
		line string
		err  error
		end  bool
	}
	ch := make(chan scanned)
	done := make(chan struct{})
	defer close(done)
	go func() {
		sc := bufio.NewScanner(s.R)
		// A line of exactly MaxLineBytes fits, with its \r\n. The buffer
		// starts small and grows: --test opens two scanners per file.
		sc.Buffer(make([]byte, 4<<10), MaxLineBytes+2)
		for sc.Scan() {
			select {
			case ch <- scanned{line: sc.Text()}:
			case <-done:
				return
			}
		}
		select {
		case ch <- scanned{err: sc.Err(), end: true}:
		case <-done:
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-ch:
			if m.end {
				return scanError(s, m.err, read())
			}
			if !feed(m.line) {
				return nil
			}
		}
	}
}

// scanError describes a read that failed before the end of s.
func scanError(s Script, err error, read int) *readError {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, bufio.ErrTooLong):
		return &readError{fmt.Sprintf("%s:%d: ", s.Name, read+1), Usagef("line longer than %d bytes: put a big body in a file and send it with @FILE", MaxLineBytes), nil}
	}
	return &readError{s.Name + ": ", Failf("%w", err), nil}
}

// Source runs the script file path in this session, as `source` does: a
// relative path is found next to the script running now; lines of the
// file are not logged; the first failing line stops it, and its error
// says FILE:LINE.
func (e *Env) Source(ctx context.Context, path string) error {
	if e.depth >= maxSourceDepth {
		return Usagef("source %s: nested more than %d deep (does a file source itself?)", path, maxSourceDepth)
	}
	path = e.sourcePath(path)
	f, err := openCtx(ctx, path)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return Usagef("cannot read %s: %s", path, DescribeFileErr(err))
	}
	defer f.Close()
	e.depth++
	defer func() { e.depth-- }()
	var failed error
	if rerr := e.exec.precheck(ctx, Script{Name: path, R: f}); rerr != nil {
		return &Error{Status: ExitStatus(rerr.err), Err: &whereError{where: strings.TrimSuffix(rerr.where, ": "), err: rerr.err}}
	}
	stopRead := context.AfterFunc(ctx, func() { f.Close() }) // unblock a FIFO
	defer stopRead()
	rerr := e.exec.lines(ctx, Script{Name: path, R: f}, func(l *Logical) bool {
		if err := e.exec.Execute(ctx, l); err != nil {
			var exit *ExitRequest
			if errors.As(err, &exit) {
				failed = err
			} else {
				failed = &Error{Status: ExitStatus(err), Err: &whereError{where: l.File + ":" + strconv.Itoa(l.Line), err: err}}
			}
			return false
		}
		return true
	})
	if failed != nil {
		return failed
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if rerr != nil {
		return &Error{Status: ExitStatus(rerr.err), Err: &whereError{where: strings.TrimSuffix(rerr.where, ": "), err: rerr.err}}
	}
	return nil
}

// sourcePath resolves a relative name next to the script running now.
func (e *Env) sourcePath(name string) string {
	cur := e.current
	if filepath.IsAbs(name) || cur == nil || cur.File == "" || cur.File == "stdin" {
		return name
	}
	return filepath.Join(filepath.Dir(cur.File), name)
}

type whereError struct {
	where string
	err   error
}

func (e *whereError) Error() string { return e.where + ": " + e.err.Error() }
func (e *whereError) Unwrap() error { return e.err }

// openCtx opens path for reading, giving up when ctx is done: opening a
// FIFO waits for a writer, which may never come. A file opened after ctx
// ended is closed.
func openCtx(ctx context.Context, path string) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.Open(path)
		ch <- opened{f, err}
	}()
	select {
	case o := <-ch:
		return o.f, o.err
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}
