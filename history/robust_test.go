package history

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestCutLineNotReadBack: an entry cut short by a full disk (no newline)
// is not read back as a valid, truncated entry, neither at the end of
// the file nor once another entry was appended after it (issue 11 item
// 12).
func TestCutLineNotReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("get /a\nget /anything?q=lo"), 0o600); err != nil {
		t.Fatal(err)
	}
	h := open(t, path, 0)
	wantLines(t, h, "get /a")
	add(t, h, "get /b")
	wantLines(t, open(t, path, 0), "get /a", "get /b")
}

// TestConcurrentCompaction: shells (History values on one file) adding
// and compacting at once lose no entry: after each Add, the shell's
// entry is still in the file unless max entries came after it (a
// compaction keeps the newest max) (issue 11 item 12).
func TestConcurrentCompaction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	const max, n = 20, 400
	var added atomic.Int64 // entries added by all shells so far
	var wg sync.WaitGroup
	for _, who := range []string{"a", "b", "c", "d"} {
		h := open(t, path, max)
		wg.Go(func() {
			for i := range n {
				e := fmt.Sprintf("get /%s/%d", who, i)
				at := added.Load()
				if err := h.Add(e); err != nil {
					t.Error(err)
					return
				}
				added.Add(1)
				entries, _, err := readTail(path, 1<<20)
				if err != nil {
					t.Error(err)
					return
				}
				// Fewer than max/2 entries came after e: a compaction keeps it.
				if !slices.Contains(entries, e) && added.Load()-at < max/2 {
					t.Errorf("%s was lost by a compaction: the file holds %q", e, entries)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestLongLineSkipped: a 20 MB line in the file (input lines are capped
// at 1 MiB) is skipped while reading the tail, without holding it: Open
// allocates a few blocks, not several copies of the line (issue 11 item
// 12).
func TestLongLineSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var b bytes.Buffer
	b.WriteString("get /a\n")
	b.WriteString("get /" + strings.Repeat("x", 20<<20) + "\n")
	b.WriteString("get /b\n")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	h := open(t, path, 0)
	runtime.ReadMemStats(&after)
	wantLines(t, h, "get /a", "get /b")
	// Reaching the cap costs a few copies of at most maxEntryBytes; past
	// it, one block at a time.
	const budget = 64 << 20
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > budget {
		t.Errorf("Open allocated %d bytes for a 20 MB line, want at most %d", alloc, budget)
	}
}

// TestReadOnlyWarnsOnce: a history file that cannot be written gives one
// error, on the first entry; the next ones stay in memory silently
// (issue 11 item 12).
func TestReadOnlyWarnsOnce(t *testing.T) {
	h := open(t, "/proc/self/httpsh-history-test", 0) // nothing may be created there, even by root
	if err := h.Add("get /a"); err == nil || !strings.Contains(err.Error(), "kept in memory only") {
		t.Fatalf("first Add: %v, want the error once", err)
	}
	for _, l := range []string{"get /b", "get /c"} {
		if err := h.Add(l); err != nil {
			t.Errorf("Add(%q) = %v, want no second warning", l, err)
		}
	}
	wantLines(t, h, "get /a", "get /b", "get /c")
}
