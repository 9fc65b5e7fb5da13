package commands

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/httpsh/httpsh/session"
)

// fileOutput streams a body to path through path.part, renamed into place
// only when the body is complete.
type fileOutput struct {
	path   string
	part   string
	force  bool
	direct bool // path is a device or pipe: written into, not replaced
	f      *os.File
	x      *Executor
	meter  *meter // progress on a terminal's stderr; nil otherwise
}

// fileSink checks that path may be written (it exists: only with force;
// its folder must exist) before anything is sent.
func (x *Executor) fileSink(path string, force bool) (*fileOutput, error) {
	if err := checkWritable(path, force); err != nil {
		return nil, err
	}
	return &fileOutput{path: path, part: path + ".part", force: force, direct: special(path), x: x}, nil
}

// special reports whether path exists and is a device, a named pipe or a
// socket (/dev/null, /dev/stdout, a FIFO). Such a target is written
// straight into: the temporary file and rename used for regular files
// would replace the device node itself with a regular file.
func special(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode()&(os.ModeDevice|os.ModeCharDevice|os.ModeNamedPipe|os.ModeSocket) != 0
}

// openSpecial opens a special target for writing, neither creating nor
// truncating it.
func openSpecial(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, Failf("cannot write %s: %w", path, err)
	}
	return f, nil
}

// checkWritable checks, before anything is sent, that path may be
// written: not a link or a folder, not an existing file unless force, in
// a folder that exists. Devices and pipes may always be written.
func checkWritable(path string, force bool) error {
	if special(path) {
		return nil
	}
	if err := refuseLink(path); err != nil {
		return err
	}
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return Usagef("%s is a folder: give a file name", path)
		}
		if !force {
			return Usagef("%s exists: add --force to overwrite it", path)
		}
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return Usagef("cannot write %s: folder %s does not exist", path, dir)
	}
	return nil
}

func (o *fileOutput) sink(resp *session.Response) (io.Writer, error) {
	open := func() (*os.File, error) { return openPart(o.part, false) }
	if o.direct {
		open = func() (*os.File, error) { return openSpecial(o.path) }
	}
	f, err := open()
	if err != nil {
		return nil, err
	}
	o.f = f
	total := int64(-1)
	if resp.Encoding == "" {
		total = contentLength(resp)
	}
	o.meter = o.x.startMeter(filepath.Base(o.path), 0, total)
	return f, nil
}

// progress counts bytes for the bar.
func (o *fileOutput) progress(n int64) { o.meter.add(n) }

// finish closes the part file and renames it when sendErr is nil; on a
// failure the part file stays, and the error says so.
func (o *fileOutput) finish(sendErr error) error {
	if o.f == nil {
		return nil
	}
	cerr := o.f.Close()
	o.meter.stop(sendErr == nil)
	if o.direct {
		if sendErr == nil && cerr != nil {
			return Failf("write %s: %w", o.path, cerr)
		}
		return nil
	}
	if sendErr != nil {
		return Failf("download incomplete: kept what arrived in %s", o.part)
	}
	if cerr != nil {
		return Failf("write %s: %w", o.part, cerr)
	}
	if !o.force {
		if _, err := os.Lstat(o.path); err == nil {
			return Failf("%s appeared while downloading: kept the body in %s", o.path, o.part)
		}
	}
	if err := os.Rename(o.part, o.path); err != nil {
		return Failf("rename %s to %s: %w", o.part, o.path, err)
	}
	return nil
}

// refuseLink refuses a path that is a symbolic link: writing through it
// could put a body outside the folder asked for.
func refuseLink(path string) error {
	if st, err := os.Lstat(path); err == nil && st.Mode()&os.ModeSymlink != 0 {
		return Usagef("%s is a symbolic link: httpsh does not write through links; remove it or choose another name", path)
	}
	return nil
}

// openPart opens a .part file for writing without following a symbolic
// link. A new part replaces a regular file of that name and is created
// with O_EXCL, which fails on a link planted meanwhile; a part continued
// (appendTo) must be a regular file, and the file opened must be the
// one inspected.
func openPart(path string, appendTo bool) (*os.File, error) {
	st, err := os.Lstat(path)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return nil, Failf("%s is not a regular file (a symbolic link?): remove it and try again", path)
	case err == nil && !appendTo:
		if err := os.Remove(path); err != nil {
			return nil, Failf("cannot replace %s: %w", path, err)
		}
	case err != nil && appendTo:
		return nil, Failf("cannot continue %s: %w", path, err)
	}
	if !appendTo {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, Failf("cannot write %s: %w", path, err)
		}
		return f, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return nil, Failf("cannot write %s: %w", path, err)
	}
	if now, err := f.Stat(); err != nil || !os.SameFile(st, now) {
		f.Close()
		return nil, Failf("%s changed while opening it: remove it and try again", path)
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
	if err := checkWritable(path, force); err != nil {
		return 0, err
	}
	if special(path) {
		f, err := openSpecial(path)
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(f, r)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return n, Failf("write %s: %w", path, err)
		}
		return n, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return 0, Failf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, r)
	if err != nil {
		tmp.Close()
		return 0, Failf("write %s: %w", path, err)
	}
	return n, finishAtomic(tmp, path, perm, force)
}

// finishAtomic gives tmp its mode, closes it and moves it to path: by a
// hard link unless force, so a path that appeared meanwhile is kept.
func finishAtomic(tmp *os.File, path string, perm os.FileMode, force bool) error {
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return Failf("chmod %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return Failf("write %s: %w", path, err)
	}
	if !force {
		// Link fails if path appeared meanwhile; rename would replace it.
		if err := os.Link(tmp.Name(), path); err != nil {
			if errors.Is(err, os.ErrExist) {
				return Usagef("%s exists: add --force to overwrite it", path)
			}
			return Failf("write %s: %w", path, err)
		}
		return nil
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return Failf("write %s: %w", path, err)
	}
	return nil
}
