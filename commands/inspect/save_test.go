package inspect_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestSaveToPipe: save writes into a named pipe (as into /dev/null or
// /dev/stdout) instead of replacing it with a regular file through a
// temporary file and rename.
func TestSaveToPipe(t *testing.T) {
	const body = "from the server"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo) // blocks until the writer opens it
		if err != nil {
			got <- []byte(err.Error())
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	x, _, _ := scripttest.Executor(t, srv.URL)
	for _, l := range []string{"get /x --show status", "save " + fifo} {
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	select {
	case b := <-got:
		if string(b) != body {
			t.Errorf("the pipe got %q, want %q", b, body)
		}
	case <-time.After(10 * time.Second):
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close() // release the reader
		}
		t.Fatal("nothing was written into the pipe (was it replaced by a file?)")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("%s is no longer a named pipe: %v", fifo, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left files behind: %v", entries)
	}
}
