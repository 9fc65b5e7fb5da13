package history

import (
	"bytes"
	"io"
	"os"
)

// tailBlock is how much of the history file readTail reads at a time.
const tailBlock = 64 << 10

// readTail returns the newest max decodable entries of the history file
// at path, oldest first, and the number of lines the file holds, corrupt
// and empty ones included. It reads the file backwards in blocks and
// stops once it has max entries and has counted more than 2*max lines
// (all Add needs to know), so a long file costs no more than its tail;
// lines is then a lower bound above 2*max.
func readTail(path string, max int) (entries []string, lines int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	return tailEntries(f, fi.Size(), max, tailBlock)
}

// tailEntries is readTail on the size bytes of r, block bytes at a time.
func tailEntries(r io.ReaderAt, size int64, max, block int) (entries []string, lines int, err error) {
	end := size
	if end > 0 {
		last := make([]byte, 1)
		if _, err := r.ReadAt(last, end-1); err != nil && err != io.EOF {
			return nil, 0, err
		}
		if last[0] == '\n' {
			end-- // the last line's newline ends it; no empty line follows
		}
	}
	var rev []string // newest first
	line := func(b []byte) bool {
		lines++
		if len(rev) < max && len(b) > 0 {
			if e, ok := decodeEntry(string(b)); ok {
				rev = append(rev, e)
			}
		}
		return len(rev) < max || lines <= 2*max
	}
	var head []byte // the start of the earliest line read, not yet whole
	pos, more := end, true
	buf := make([]byte, block)
	for pos > 0 && more {
		n := int(min(int64(block), pos))
		pos -= int64(n)
		if _, err := r.ReadAt(buf[:n], pos); err != nil && err != io.EOF {
			return nil, 0, err
		}
		data := make([]byte, 0, n+len(head))
		data = append(append(data, buf[:n]...), head...)
		for more {
			i := bytes.LastIndexByte(data, '\n')
			if i < 0 {
				break
			}
			more = line(data[i+1:])
			data = data[:i]
		}
		head = data
	}
	if more && size > 0 {
		line(head)
	}
	entries = make([]string, len(rev))
	for i, e := range rev {
		entries[len(rev)-1-i] = e
	}
	return entries, lines, nil
}
