package history

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readWhole is the reader readTail replaced: the whole file, every line,
// but a last line without its newline (cut short) is not an entry.
func readWhole(data []byte) (entries []string, lines int) {
	for len(data) > 0 {
		var line []byte
		var found bool
		line, data, found = bytes.Cut(data, []byte{'\n'})
		lines++
		if len(line) == 0 || !found {
			continue
		}
		if e, ok := decodeEntry(string(line)); ok {
			entries = append(entries, e)
		}
	}
	return entries, lines
}

// TestTailEntries: reading backwards in blocks keeps exactly the newest
// max entries the whole-file reader kept, multi-line, corrupt and empty
// lines, long lines and a missing final newline included, and counts the
// lines exactly up to 2*max (past that, a count above 2*max).
func TestTailEntries(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"get /a", "", `bad \x escape`, "cr\rline", encodeEntry("post /b <<EOF\n{\"a\":1}\nEOF"),
		encodeEntry(`back\slash`), strings.Repeat("long ", 40), "é ünï", `trailing\`}
	for _, data := range []string{"", "\n", "\n\n", "a", "a\n", "a\nb", "\na\n\nb\n\n"} {
		checkTail(t, []byte(data), 3, 2)
	}
	for range 300 {
		var b bytes.Buffer
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			b.WriteString(fmt.Sprint(rng.IntN(5)))
			b.WriteByte('\n')
		}
		data := b.Bytes()
		if rng.IntN(3) == 0 && len(data) > 0 {
			data = data[:len(data)-1]
		}
		checkTail(t, data, 1+rng.IntN(12), 1+rng.IntN(80))
	}
}

func checkTail(t *testing.T, data []byte, max, block int) {
	t.Helper()
	want, wantLines := readWhole(data)
	want = newest(want, max)
	got, lines, err := tailEntries(bytes.NewReader(data), int64(len(data)), max, block)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("max %d block %d, %q:\n got %q\nwant %q", max, block, data, got, want)
	}
	if lines != wantLines && !(lines > 2*max && wantLines > 2*max) {
		t.Fatalf("max %d block %d, %q: %d lines, want %d", max, block, data, lines, wantLines)
	}
}

// BenchmarkOpen100k opens a 100,000-line history file (some multi-line
// entries) keeping the default 1000 entries.
func BenchmarkOpen100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "history")
	var buf bytes.Buffer
	for i := range 100_000 {
		if i%50 == 0 {
			buf.WriteString(encodeEntry(fmt.Sprintf("post https://api.example.com/items/%d <<EOF\n{\"n\":%d}\nEOF", i, i)))
		} else {
			fmt.Fprintf(&buf, "get https://api.example.com/items/%d --show status -H 'Accept: application/json'", i)
		}
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := Open(path, 0)
		if err != nil || len(h.Lines()) != DefaultMax {
			b.Fatal(err)
		}
	}
}
