package interchange_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestRecordAppends: record grows the file it created by appending each
// command (issue 11, item 19): the file is the same one throughout (a
// reader that opened it, like tail -f, sees every command as it is
// recorded), and it holds the header and whole lines only.
func TestRecordAppends(t *testing.T) {
	x, out, _ := scripttest.Executor(t, "")
	path := filepath.Join(t.TempDir(), "r.hsh")
	ctx := context.Background()
	if err := x.ExecuteLine(ctx, "record "+path+" --with-secrets"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head, _ := io.ReadAll(f)
	if !strings.HasPrefix(string(head), "# recorded by httpsh") {
		t.Fatalf("header %q", head)
	}
	for i, line := range []string{"var a 1", "echo {{a}}", "var b 2"} {
		if err := x.ExecuteLine(ctx, line); err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		got, _ := io.ReadAll(f)
		if string(got) != line+"\n" {
			t.Fatalf("after command %d the open file grew by %q, want %q", i+1, got, line+"\n")
		}
	}
	if err := x.ExecuteLine(ctx, "record stop"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "recorded 3 commands to "+path) {
		t.Errorf("stop said %q", out)
	}
}

// BenchmarkRecord20000 records 20,000 commands (issue 11 measured 64 s
// when each one rewrote the file).
func BenchmarkRecord20000(b *testing.B) {
	for range b.N {
		x, _, _ := scripttest.Executor(b, "")
		path := filepath.Join(b.TempDir(), "r.hsh")
		ctx := context.Background()
		if err := x.ExecuteLine(ctx, "record "+path+" --with-secrets"); err != nil {
			b.Fatal(err)
		}
		for range 20000 {
			if err := x.ExecuteLine(ctx, "var a 1"); err != nil {
				b.Fatal(err)
			}
		}
		if err := x.ExecuteLine(ctx, "record stop"); err != nil {
			b.Fatal(err)
		}
	}
}
