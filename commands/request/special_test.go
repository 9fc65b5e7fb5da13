package request_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/scripttest"

	"github.com/httpsh/httpsh/commands"
)

// TestOutputToPipe: -o writes into a device or named pipe
// (/dev/null, /dev/stdout, a FIFO) instead of replacing it with a regular
// file through the usual temporary file and rename; download refuses
// one. A FIFO stands in for /dev/null, which a test must not risk.
// (save into a pipe is tested with save, in commands/inspect.)
func TestOutputToPipe(t *testing.T) {
	const body = "from the server"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	for _, line := range []string{"get /x -o %s", "get /x -o %s --force"} {
		t.Run(line, func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "pipe")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no named pipes here:", err)
			}
			got := make(chan string, 1)
			go func() {
				f, err := os.Open(fifo) // blocks until the writer opens it
				if err != nil {
					got <- err.Error()
					return
				}
				defer f.Close()
				b, _ := io.ReadAll(f)
				got <- string(b)
			}()
			x, _, _ := scripttest.Executor(t, srv.URL)
			for _, l := range strings.Split(line, "|") {
				if strings.Contains(l, "%s") {
					l = strings.ReplaceAll(l, "%s", fifo)
				}
				if err := x.ExecuteLine(context.Background(), l); err != nil {
					t.Fatalf("%s: %v", l, err)
				}
			}
			select {
			case g := <-got:
				if g != body {
					t.Errorf("the pipe got %q, want %q", g, body)
				}
			case <-time.After(10 * time.Second):
				// Nothing opened the pipe for writing: release the reader.
				if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					w.Close()
				}
				t.Fatal("nothing was written into the pipe (was it replaced by a file?)")
			}
			st, err := os.Lstat(fifo)
			if err != nil || st.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("%s is no longer a named pipe: %v %v", fifo, st.Mode(), err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("left files behind: %v", entries)
			}
		})
	}
	t.Run("download refuses", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip("no named pipes here:", err)
		}
		x, _, _ := scripttest.Executor(t, srv.URL)
		err := x.ExecuteLine(context.Background(), "download /x "+fifo+" --force")
		if commands.ExitStatus(err) != commands.StatusUsage || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("download into a pipe: %v", err)
		}
	})
}
