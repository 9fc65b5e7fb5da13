package request_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestOutputRefusesLinks: neither FILE nor FILE.part being a symbolic
// link to a file outside the folder lets -o, download or download
// --resume write there; each refusal says what to do.
func TestOutputRefusesLinks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("from the server"))
	}))
	t.Cleanup(srv.Close)
	outside := filepath.Join(t.TempDir(), "victim")
	for _, tc := range []struct {
		line, link string
		msg        string
	}{
		{"get /x -o %s", "f", "is a symbolic link"},
		{"get /x -o %s --force", "f", "is a symbolic link"},
		{"get /x -o %s", "f.part", "not a regular file"},
		{"download /x %s", "f", "is a symbolic link"},
		{"download /x %s --force", "f", "is a symbolic link"},
		{"download /x %s", "f.part", "not a regular file"},
		{"download /x %s --resume", "f.part", "not a regular file"},
	} {
		if err := os.WriteFile(outside, []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.Symlink(outside, filepath.Join(dir, tc.link)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		line := strings.Replace(tc.line, "%s", filepath.Join(dir, "f"), 1)
		x, _, _ := scripttest.Executor(t, srv.URL)
		err := x.ExecuteLine(context.Background(), line)
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s with %s a link: %v, want %q", line, tc.link, err, tc.msg)
		}
		if b, _ := os.ReadFile(outside); string(b) != "precious" {
			t.Errorf("%s with %s a link: wrote %q outside the folder", line, tc.link, b)
		}
	}
}
