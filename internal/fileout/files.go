// Package fileout is every byte httpsh writes to a file: atomic writes
// (a temporary file in the same folder, then a link or rename), the
// `-o` sink through FILE.part, .part files opened without following
// links, refusal of links and folders, devices and pipes written into,
// names from servers reduced to safe ones, and the progress meter.
//
// Errors carry an exit status (ExitStatus: 2 when nothing was written
// because the target was refused, 1 when writing failed).
package fileout

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/session"
)

// Output streams a body to Path through Path.part, renamed into place
// only when the body is complete (a device or pipe is written into).
// With Resume, an existing Path.part is continued from its end.
type Output struct {
	Path   string
	URL    string // the request's URL (password hidden), recorded in Path.part.meta
	part   string
	force  bool
	direct bool // Path is a device or pipe: written into, not replaced
	f      *os.File
	meters Meters
	meter  *Meter // progress on a terminal's stderr; nil otherwise

	offset   int64 // bytes of Path.part being continued (Resume)
	meta     PartMeta
	hasMeta  bool
	resumed  bool  // the server answered 206 from offset
	whole    bool  // a 416 said Path.part already holds the whole file
	inMemory bool  // not 2xx to a resume: the body is kept in memory
	refused  error // why the response could not continue the part
}

// NewOutput checks that path may be written (it exists: only with force;
// its folder must exist) before anything is sent. meters draws progress.
func NewOutput(path string, force bool, meters Meters) (*Output, error) {
	if err := CheckWritable(path, force); err != nil {
		return nil, err
	}
	return &Output{Path: path, part: path + ".part", force: force, direct: Special(path), meters: meters}, nil
}

// Part is the file the body goes to until it is complete.
func (o *Output) Part() string { return o.part }

// KeptError is a body cut short (interrupted, a write that failed, the
// connection lost): N bytes are kept in Part, which a resume continues.
type KeptError struct {
	Part string
	N    int64
	Err  error
}

func (e *KeptError) Error() string {
	return fmt.Sprintf("kept %d bytes in %s: %v", e.N, e.Part, e.Err)
}

func (e *KeptError) Unwrap() error { return e.Err }

// Special reports whether path exists and is a device, a named pipe or a
// socket (/dev/null, /dev/stdout, a FIFO). Such a target is written
// straight into: the temporary file and rename used for regular files
// would replace the device node itself with a regular file.
func Special(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&(os.ModeDevice|os.ModeCharDevice|os.ModeNamedPipe|os.ModeSocket) != 0
}

// OpenSpecial opens a special target for writing, neither creating nor
// truncating it.
func OpenSpecial(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, failf("cannot write %s: %w", path, err)
	}
	return f, nil
}

// CheckWritable checks, before anything is sent, that path may be
// written: not a link or a folder, not an existing file unless force, in
// a folder that exists. Devices and pipes may always be written.
func CheckWritable(path string, force bool) error {
	if Special(path) {
		return nil
	}
	if err := RefuseLink(path); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return usagef("%s is a folder: give a file name", path)
		}
		if !force {
			return usagef("%s exists: add --force to overwrite it", path)
		}
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usagef("cannot write %s: folder %s does not exist", path, dir)
	}
	return nil
}

// Sink opens the part (or the device) when the response arrives: a new
// part, or with Resume the part continued after a 206 from its end.
func (o *Output) Sink(resp *session.Response) (io.Writer, error) {
	appendTo, err := o.accept(resp)
	if err != nil || o.whole || o.inMemory {
		return nil, err
	}
	open := func() (*os.File, error) { return OpenPart(o.part, appendTo) }
	if o.direct {
		open = func() (*os.File, error) { return OpenSpecial(o.Path) }
	}
	f, err := open()
	if err != nil {
		return nil, err
	}
	o.f = f
	total := int64(-1)
	if resp.Encoding == "" {
		total = ContentLength(resp)
	}
	if !appendTo {
		o.offset = 0
		if !o.direct {
			_ = SavePartMeta(o.Path, NewPartMeta(o.URL, resp.Header, total)) // best effort: a resume sends Range alone
		}
	}
	if o.resumed {
		total = o.meta.Total
	}
	o.meter = o.meters.Start(filepath.Base(o.Path), o.offset, total)
	return f, nil
}

// Progress counts bytes for the bar.
func (o *Output) Progress(n int64) { o.meter.Add(n) }

// Finish closes the part file and renames it when sendErr is nil; on a
// failure the part file stays and the error is a *KeptError saying how
// much it holds.
func (o *Output) Finish(sendErr error) error {
	if o.whole && sendErr == nil {
		return o.rename()
	}
	if o.refused != nil {
		return o.refused
	}
	if o.f == nil {
		return nil
	}
	cerr := o.f.Close()
	o.meter.Stop(sendErr == nil)
	if o.direct {
		if sendErr == nil && cerr != nil {
			return failf("write %s: %w", o.Path, cerr)
		}
		return nil
	}
	if sendErr == nil && cerr != nil {
		sendErr = failf("write %s: %w", o.part, cerr)
	}
	if sendErr != nil {
		var n int64
		if st, err := os.Stat(o.part); err == nil {
			n = st.Size()
		}
		return &KeptError{Part: o.part, N: n, Err: sendErr}
	}
	return o.rename()
}

// rename moves the complete part into place and forgets its meta.
func (o *Output) rename() error {
	if !o.force {
		if _, err := os.Lstat(o.Path); err == nil {
			return failf("%s appeared while downloading: kept the body in %s", o.Path, o.part)
		}
	}
	if err := os.Rename(o.part, o.Path); err != nil {
		return failf("rename %s to %s: %w", o.part, o.Path, err)
	}
	_ = os.Remove(MetaPath(o.Path))
	return nil
}

// RefuseLink refuses a path that is a symbolic link: writing through it
// could put a body outside the folder asked for.
func RefuseLink(path string) error {
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return usagef("%s is a symbolic link: httpsh does not write through links; remove it or choose another name", path)
	}
	return nil
}

// OpenPart opens a .part file for writing without following a symbolic
// link. A new part replaces a regular file of that name and is created
// with O_EXCL, which fails on a link planted meanwhile; a part continued
// (appendTo) must be a regular file, and the file opened must be the
// one inspected.
func OpenPart(path string, appendTo bool) (*os.File, error) {
	st, err := os.Lstat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return nil, failf("%s is not a regular file (a symbolic link?): remove it and try again", path)
	case err == nil && !appendTo:
		if err := os.Remove(path); err != nil {
			return nil, failf("cannot replace %s: %w", path, err)
		}
	case err != nil && appendTo:
		return nil, failf("cannot continue %s: %w", path, err)
	}
	if !appendTo {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, failf("cannot write %s: %w", path, err)
		}
		return f, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, failf("cannot write %s: %w", path, err)
	}
	if now, err := f.Stat(); err != nil || !os.SameFile(st, now) {
		f.Close()
		return nil, failf("%s changed while opening it: remove it and try again", path)
	}
	return f, nil
}

// WriteFileAtomic writes data to path through a temporary file in the
// same folder and a rename, so a reader never sees half a file. Unless
// force, an existing path is an error. perm is the final mode.
func WriteFileAtomic(path string, data []byte, perm os.FileMode, force bool) error {
	_, err := WriteFileAtomicFrom(path, bytes.NewReader(data), perm, force)
	return err
}

// WriteFileAtomicFrom is WriteFileAtomic streaming from r: what r yields
// goes to a temporary file in path's folder, renamed into place only when
// r is read to the end. It returns the bytes written.
func WriteFileAtomicFrom(path string, r io.Reader, perm os.FileMode, force bool) (int64, error) {
	if err := CheckWritable(path, force); err != nil {
		return 0, err
	}
	if Special(path) {
		f, err := OpenSpecial(path)
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(f, r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, failf("write %s: %w", path, err)
		}
		return n, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, failf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, r)
	if err != nil {
		tmp.Close()
		return 0, failf("write %s: %w", path, err)
	}
	return n, finishAtomic(tmp, path, perm, force)
}

// finishAtomic gives tmp its mode, closes it and moves it to path: by a
// hard link unless force, so a path that appeared meanwhile is kept.
func finishAtomic(tmp *os.File, path string, perm os.FileMode, force bool) error {
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return failf("chmod %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return failf("write %s: %w", path, err)
	}
	if !force {
		// Link fails if path appeared meanwhile; rename would replace it.
		if err := os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, os.ErrExist) {
				return usagef("%s exists: add --force to overwrite it", path)
			}
			return failf("write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return failf("write %s: %w", path, err)
	}
	return nil
}

// ContentLength is the response's Content-Length, or -1 when it has none
// or an invalid one.
func ContentLength(resp *session.Response) int64 {
	v := resp.Header.Get("Content-Length")
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if v == "" || err != nil || n < 0 {
		return -1
	}
	return n
}
