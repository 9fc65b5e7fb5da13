//go:build linux

package fileout_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/httpsh/httpsh/internal/fileout"
)

// TestAppenderCutsBackAFailedWrite: a record that does not fit (here: the
// process's file size limit, as a full disk would) is cut back, so the
// file still ends with the last whole record, and the error says why.
func TestAppenderCutsBackAFailedWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.txt")
	a, err := fileout.CreateAppender(path, []byte("# header\n"), 0o644, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Append([]byte("line 1\n")); err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skip(err)
	}
	limit := old
	limit.Cur = 32 // Go ignores SIGXFSZ: the write returns EFBIG
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Skip(err)
	}
	err = a.Append([]byte(strings.Repeat("x", 40) + "\n"))
	if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil || !strings.Contains(err.Error(), "file too large") {
		t.Fatalf("Append over the limit: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "# header\nline 1\n" {
		t.Errorf("file holds %q, want the header and line 1 only", b)
	}
	if err := a.Append([]byte("line 2\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "# header\nline 1\nline 2\n" {
		t.Errorf("file holds %q", b)
	}
}
