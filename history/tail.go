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

// maxEntryBytes is the longest line of the history file read back: an
// input line of 1 MiB (the reader's cap), escaped. A longer line (a file
// written by something else) is skipped without being held in memory.
const maxEntryBytes = 2 << 20

// tailEntries is readTail on the size bytes of r, block bytes at a time.
// A last line without its newline was cut short (a full disk, a kill) and
// is skipped, as are lines longer than maxLine.
func tailEntries(r io.ReaderAt, size int64, max, block int) (entries []string, lines int, err error) {
	return tailEntriesMax(r, size, max, block, maxEntryBytes)
}

// tailEntriesMax is tailEntries with the longest line as a parameter.
func tailEntriesMax(r io.ReaderAt, size int64, max, block, maxLine int) (entries []string, lines int, err error) {
	end, cut := size, false
	if end > 0 {
		last := make([]byte, 1)
		if _, err := r.ReadAt(last, end-1); err != nil && err != io.EOF {
			return nil, 0, err
		}
		if last[0] == '\n' {
			end-- // the last line's newline ends it; no empty line follows
		} else {
			cut = true
		}
	}
	var rev []string // newest first
	line := func(b []byte, skip bool) bool {
		lines++
		if skip || cut {
			cut = false
		} else if len(rev) < max && len(b) > 0 {
			if e, ok := decodeEntry(string(b)); ok {
				rev = append(rev, e)
			}
		}
		return len(rev) < max || lines <= 2*max
	}
	var head []byte // the start of the earliest line read, not yet whole
	skip := false   // the earliest line read is longer than maxLine
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
			more = line(data[i+1:], skip)
			skip = false
			data = data[:i]
		}
		head = data
		if skip || len(head) > maxLine {
			head, skip = nil, true // not kept: only its end is looked for
		}
	}
	if more && size > 0 {
		line(head, skip)
	}
	entries = make([]string, len(rev))
	for i, e := range rev {
		entries[len(rev)-1-i] = e
	}
	return entries, lines, nil
}
