package fileout

import (
	"os"
)

// Appender is a file that grows by whole lines: it is created atomically
// with its first content (see WriteFileAtomic), then each Append adds one
// record with a single write(2) on an O_APPEND descriptor. A reader, or
// the file left behind when the process is killed, never holds part of a
// record: a write the kernel finished is whole, and one that fails
// part-way (a full disk) is cut back before Append returns its error.
// Records are not flushed to the disk one by one (fsync): that costs
// about 0.8 ms each, 16 s for 20,000 recorded commands, where a killed
// process loses nothing the kernel has.
type Appender struct {
	f    *os.File
	path string
	size int64
	// special is a device or pipe: nothing to cut back.
	special bool
}

// CreateAppender writes first to path atomically (an existing path is an
// error unless force) and opens it for appending; perm is its mode. The
// file opened must be the one just written (not a link put in its place).
// A device or pipe (/dev/stdout, a FIFO) is written straight into.
func CreateAppender(path string, first []byte, perm os.FileMode, force bool) (*Appender, error) {
	if Special(path) {
		f, err := OpenSpecial(path)
		if err != nil {
			return nil, err
		}
		a := &Appender{f: f, path: path, special: true}
		if err := a.Append(first); err != nil {
			f.Close()
			return nil, err
		}
		return a, nil
	}
	if err := WriteFileAtomic(path, first, perm, force); err != nil {
		return nil, err
	}
	f, err := OpenPart(path, true) // the file just written, not a link planted since
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, failf("cannot write %s: %w", path, err)
	}
	return &Appender{f: f, path: path, size: st.Size()}, nil
}

// Append adds rec to the end of the file in one write. On a short or
// failed write the file is truncated back to its previous end, so it
// still ends with a whole record, and the error says so.
func (a *Appender) Append(rec []byte) error {
	n, err := a.f.Write(rec)
	if err != nil {
		if n > 0 && !a.special {
			if terr := a.f.Truncate(a.size); terr != nil {
				return failf("write %s: %w (and %d bytes of a half record are left: %v)", a.path, err, n, terr)
			}
		}
		return failf("write %s: %w", a.path, err)
	}
	a.size += int64(n)
	return nil
}

// Close closes the file.
func (a *Appender) Close() error { return a.f.Close() }
