// Package history is the persistent line history of the interactive shell:
// the file it lives in, its size cap, and the redaction of credentials
// before anything reaches the disk.
//
// Every line is passed through Redact before it is kept, in memory or on
// disk, so the history never holds a password, token or cookie value that
// Redact recognises. The file is written with mode 0600 in a directory
// created with mode 0700; see encode.go for its format.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// DefaultMax is the number of lines kept when Open is given max <= 0.
const DefaultMax = 1000

// fileMode and dirMode are the permissions of the history file and of the
// directories Open's first write creates.
const (
	fileMode fs.FileMode = 0o600
	dirMode  fs.FileMode = 0o700
)

// DefaultPath returns $XDG_STATE_HOME/httpsh/history, falling back to
// $HOME/.local/state/httpsh/history when XDG_STATE_HOME is unset, empty or
// not an absolute path (as the XDG base directory spec requires). getenv is
// injected; production passes os.Getenv. It fails only when neither
// variable gives an absolute directory.
func DefaultPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "httpsh", "history"), nil
	}
	home := getenv("HOME")
	if !filepath.IsAbs(home) {
		return "", errors.New("history: no history file: set HOME or XDG_STATE_HOME to an absolute directory, or run with --no-history")
	}
	return filepath.Join(home, ".local", "state", "httpsh", "history"), nil
}

// History is the line history of one shell, backed by a file. Its methods
// are safe for concurrent use. Several shells may append to the same file:
// each entry is written with a single append, so entries never interleave.
type History struct {
	mu        sync.Mutex
	path      string   // "" keeps the history in memory only
	max       int      // entries kept
	lines     []string // redacted entries, oldest first; len <= 2*max
	fileLines int      // lines in the file, as far as this History knows
	writeErr  error    // the write that failed; nothing more is written
}

// Open loads the history file at path and returns a History keeping at most
// max entries (DefaultMax if max <= 0); when the file holds more, the newest
// max are kept. A missing file is an empty history; it and its parent
// directories (mode 0700) are created by the first Add. An existing file
// with wider permissions is chmod'ed to 0600. Lines of the file that do not
// decode are skipped, never an error. An empty path gives a history kept in
// memory only (for --no-history and tests).
func Open(path string, max int) (*History, error) {
	if max <= 0 {
		max = DefaultMax
	}
	h := &History{path: path, max: max}
	if path == "" {
		return h, nil
	}
	if err := ensureMode(path); errors.Is(err, fs.ErrNotExist) {
		return h, nil
	} else if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	entries, n, err := readTail(path, max)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	h.lines = entries
	h.fileLines = n
	return h, nil
}

// Lines returns the entries, oldest first, at most max of them, each as it
// was added (after redaction), multi-line entries included. The slice is a
// copy the caller may keep and change.
func (h *History) Lines() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), newest(h.lines, h.max)...)
}

// Add redacts line (see Redact) and appends it to the history. A line that
// is empty or blank, or identical to the previous entry after redaction, is
// skipped. Otherwise the entry is appended to the file at once (O_APPEND,
// mode 0600, no fsync), so a killed shell loses nothing; once the file holds
// more than 2*max lines it is rewritten atomically (a temporary file in the
// same directory renamed over it) with the newest max entries; shells
// sharing the file take a lock file (path.lock) around both. An entry
// longer than maxEntryBytes escaped stays in memory only. On a write
// error the entry stays in memory and the error is returned, once: later
// entries stay in memory without one.
func (h *History) Add(line string) error {
	line = Redact(line)
	if strings.TrimSpace(line) == "" {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n := len(h.lines); n > 0 && h.lines[n-1] == line {
		return nil
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > 2*h.max {
		h.lines = append([]string(nil), newest(h.lines, h.max)...)
	}
	if h.path == "" || h.writeErr != nil || len(encodeEntry(line)) > maxEntryBytes {
		return nil // kept in memory only
	}
	if err := h.write(line); err != nil {
		// Said once: the next lines stay in memory without a warning each.
		h.writeErr = err
		return fmt.Errorf("%w (history kept in memory only from now on)", err)
	}
	return nil
}

// write appends line to the file and compacts it when it grew past
// 2*max lines, holding the lock file throughout. h.mu is held.
func (h *History) write(line string) error {
	unlock, err := lockFile(h.path)
	if err != nil {
		return err
	}
	defer unlock()
	if err := appendEntry(h.path, line); err != nil {
		return err
	}
	h.fileLines++
	if h.fileLines <= 2*h.max {
		return nil
	}
	return h.compact()
}

// SaveTo writes every entry, oldest first, to path as a script: each entry
// followed by a newline, multi-line entries as typed (not escaped), so the
// file can be read back with `source`. Redacted secrets stay redacted. The
// file is written atomically with mode 0600. Unless force is set, SaveTo
// refuses to replace an existing file and the error wraps fs.ErrExist.
func (h *History) SaveTo(path string, force bool) error {
	var buf bytes.Buffer
	for _, e := range h.Lines() {
		buf.WriteString(e)
		buf.WriteByte('\n')
	}
	if !force {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("history: %s already exists: choose another name or use --force: %w", path, fs.ErrExist)
		}
	}
	return writeAtomic(path, buf.Bytes(), !force)
}

// compact rewrites the file with its newest max entries. It rereads the
// file so that entries appended by other shells since Open are kept.
// h.mu and the lock file are held.
func (h *History) compact() error {
	entries, _, err := readTail(h.path, h.max)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, e := range entries {
		buf.WriteString(encodeEntry(e))
		buf.WriteByte('\n')
	}
	if err := writeAtomic(h.path, buf.Bytes(), false); err != nil {
		return err
	}
	h.fileLines = len(entries)
	return nil
}

// newest returns the last max elements of s (s itself if it is shorter).
func newest(s []string, max int) []string {
	if len(s) > max {
		return s[len(s)-max:]
	}
	return s
}

// ensureMode chmods the file at path to fileMode if its permissions differ.
func ensureMode(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file: remove it or choose another history file", path)
	}
	if fi.Mode().Perm() == fileMode {
		return nil
	}
	if err := os.Chmod(path, fileMode); err != nil {
		return fmt.Errorf("make %s private: %w", path, err)
	}
	return nil
}

// appendEntry appends one encoded entry to the file at path, creating it
// and its parent directories if needed. If the file does not end in a
// newline (a write cut short), that line is marked corrupt (see
// writeEntry) and the entry starts on a line of its own.
func appendEntry(path, entry string) error {
	if err := os.MkdirAll(filepath.Dir(path), dirMode); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	err = writeEntry(f, entry)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("history: %w", cerr)
	}
	return err
}

// writeEntry does appendEntry's work on the open file f.
func writeEntry(f *os.File, entry string) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	if fi.Mode().Perm() != fileMode {
		if err := f.Chmod(fileMode); err != nil {
			return fmt.Errorf("history: make %s private: %w", f.Name(), err)
		}
	}
	buf := make([]byte, 0, len(entry)+2)
	if size := fi.Size(); size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil && err != io.EOF {
			return fmt.Errorf("history: %w", err)
		}
		if last[0] != '\n' {
			// A write cut short: a raw CR, which no entry holds, marks
			// that line as corrupt before the newline ends it.
			buf = append(buf, '\r', '\n')
		}
	}
	buf = append(buf, encodeEntry(entry)...)
	buf = append(buf, '\n')
	if _, err := f.Write(buf); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory, renamed over path once complete, so a reader sees the old
// file or the new one, never a part. The file gets mode 0600; missing
// parent directories are created with mode 0700. With exclusive set, the
// final step fails with fs.ErrExist rather than replace a file that
// appeared meanwhile (where the file system supports hard links). The
// temporary file is removed on every path.
func writeAtomic(path string, data []byte, exclusive bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(fileMode) // CreateTemp uses 0600 already; umask aside
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("history: write %s: %w", path, err)
	}
	if exclusive {
		err := os.Link(name, path)
		if err == nil {
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("history: %s already exists: choose another name or use --force: %w", path, fs.ErrExist)
		}
		// No hard links here: fall back to rename after SaveTo's check.
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return nil
}
