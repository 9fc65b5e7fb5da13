package download

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/httpsh/httpsh/commands"
)

// TestDownloadRefusesPipe: download keeps files, so it refuses a named
// pipe (or device) as FILE, where -o and save write into one.
func TestDownloadRefusesPipe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("from the server"))
	}))
	t.Cleanup(srv.Close)
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	x, _, _ := newTestExecutor(t, srv.URL)
	err := x.ExecuteLine(context.Background(), "download /x "+fifo+" --force")
	if commands.ExitStatus(err) != commands.StatusUsage || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("download into a pipe: %v", err)
	}
}
