package download_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/scripttest"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// content is the file the test servers serve: 256 KiB of a pattern.
var content = func() []byte {
	b := make([]byte, 256<<10)
	for i := range b {
		b[i] = byte('a' + i*7%26)
	}
	return b
}()

// fileServer serves content with ServeContent (Range, If-Range) under the
// ETag in etag. While cut is set, a request without Range gets half the
// body and then the connection is dropped.
type fileServer struct {
	etag atomic.Value // string
	cut  atomic.Bool
	// hold, when non-nil, makes a cut request wait for the client to go
	// away instead of dropping the connection.
	hold chan struct{}
}

func (f *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", f.etag.Load().(string))
	w.Header().Set("Content-Type", "application/octet-stream")
	if f.cut.Load() && r.Header.Get("Range") == "" {
		w.Header().Set("Content-Length", "262144")
		_, _ = w.Write(content[:len(content)/2])
		w.(http.Flusher).Flush()
		if f.hold != nil {
			<-r.Context().Done()
		}
		panic(http.ErrAbortHandler)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(content))
}

func startFileServer(t *testing.T, etag string) (*fileServer, *httptest.Server) {
	fs := &fileServer{}
	fs.etag.Store(etag)
	srv := httptest.NewServer(fs)
	t.Cleanup(srv.Close)
	return fs, srv
}

func checkFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %d bytes, not the %d the server has", path, len(got), len(want))
	}
	for _, extra := range []string{path + ".part", path + ".part.meta"} {
		if _, err := os.Stat(extra); err == nil {
			t.Errorf("%s left behind", extra)
		}
	}
}

// TestDownloadCutAndResume: a connection dropped half-way keeps the part;
// --resume asks for the rest with Range and If-Range, gets 206 and ends
// with the server's bytes exactly.
func TestDownloadCutAndResume(t *testing.T) {
	fs, srv := startFileServer(t, `"v1"`)
	x, out, errOut := scripttest.Executor(t, srv.URL)
	path := filepath.Join(t.TempDir(), "f.bin")
	ctx := context.Background()

	fs.cut.Store(true)
	err := x.ExecuteLine(ctx, "download /f "+path)
	if commands.ExitStatus(err) != commands.StatusFailure || !strings.Contains(err.Error(), "--resume` continues it") {
		t.Fatalf("cut download: %v (status %d)", err, commands.ExitStatus(err))
	}
	st, err := os.Stat(path + ".part")
	if err != nil || st.Size() == 0 || st.Size() > int64(len(content)/2) {
		t.Fatalf("part after the cut: %v %v", st, err)
	}

	fs.cut.Store(false)
	out.Reset()
	if err := x.ExecuteLine(ctx, "download /f "+path+" --resume"); err != nil {
		t.Fatalf("resume: %v\n%s", err, errOut)
	}
	checkFile(t, path, content)
	req := x.Session.Exchange(0).Hops[0].Request
	if v := lineValue(req.Lines, "If-Range"); v != `"v1"` {
		t.Errorf("If-Range = %q, want the recorded ETag", v)
	}
	if !strings.Contains(out.String(), "206 Partial Content") || !strings.Contains(out.String(), "resumed at") {
		t.Errorf("output:\n%s", out)
	}
}

// TestDownloadResumeChanged: when the ETag changed, If-Range makes the
// server send the whole file with 200, and the download starts over.
func TestDownloadResumeChanged(t *testing.T) {
	fs, srv := startFileServer(t, `"v1"`)
	x, _, errOut := scripttest.Executor(t, srv.URL)
	path := filepath.Join(t.TempDir(), "f.bin")
	ctx := context.Background()
	fs.cut.Store(true)
	_ = x.ExecuteLine(ctx, "download /f "+path)
	fs.cut.Store(false)
	fs.etag.Store(`"v2"`)
	if err := x.ExecuteLine(ctx, "download /f "+path+" --resume"); err != nil {
		t.Fatalf("resume: %v", err)
	}
	checkFile(t, path, content)
	if !strings.Contains(errOut.String(), "the server sent the whole file (200 OK)") {
		t.Errorf("stderr: %s", errOut)
	}
}

// TestDownloadInterrupted: cancelling the context (Ctrl-C) keeps the part
// and exits 130; a resume completes it.
func TestDownloadInterrupted(t *testing.T) {
	fs, srv := startFileServer(t, `"v1"`)
	fs.hold = make(chan struct{})
	x, _, _ := scripttest.Executor(t, srv.URL)
	path := filepath.Join(t.TempDir(), "f.bin")
	fs.cut.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- x.ExecuteLine(ctx, "download /f "+path) }()
	waitFor(t, func() bool {
		st, err := os.Stat(path + ".part")
		return err == nil && st.Size() == int64(len(content)/2)
	})
	cancel()
	err := <-done
	if commands.ExitStatus(err) != commands.StatusInterrupted || !strings.HasPrefix(err.Error(), "interrupted: kept 131.1 kB in ") {
		t.Fatalf("interrupted: %v (status %d)", err, commands.ExitStatus(err))
	}
	fs.cut.Store(false)
	if err := x.ExecuteLine(context.Background(), "download /f "+path+" --resume"); err != nil {
		t.Fatalf("resume: %v", err)
	}
	checkFile(t, path, content)
}

// waitFor polls cond until it holds, failing after a generous deadline.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition never held")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func lineValue(lines []session.Line, name string) string {
	for _, l := range lines {
		if strings.EqualFold(l.Name, name) {
			return l.Value
		}
	}
	return ""
}

// TestDownloadNames: names from Content-Disposition and the URL are
// reduced to safe base names in the current folder.
func TestDownloadNames(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cd := r.URL.Query().Get("cd"); cd != "" {
			w.Header().Set("Content-Disposition", cd)
		}
		_, _ = w.Write([]byte("body"))
	}))
	t.Cleanup(srv.Close)
	for _, tc := range []struct{ url, want string }{
		{"/files/report.pdf", "report.pdf"},
		{"/files/", "download"},
		{"/x?cd=" + urlQuery(`attachment; filename="../../etc/passwd"`), "passwd"},
		{"/x?cd=" + urlQuery(`attachment; filename=".bashrc"`), "bashrc"},
		{"/x?cd=" + urlQuery(`attachment; filename*=UTF-8''na%C3%AFve%0A.txt`), "naïve.txt"},
		{"/%2E%2E%2Fup", "up"},
		{"/a%1B%5B31mred", "a[31mred"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			x, _, _ := scripttest.Executor(t, srv.URL)
			if err := x.ExecuteLine(context.Background(), "download '"+tc.url+"'"); err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 || entries[0].Name() != tc.want {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Fatalf("files %q, want [%q]", names, tc.want)
			}
		})
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer("%", "%25", " ", "%20", ";", "%3B", "=", "%3D", "\"", "%22", "'", "%27", "/", "%2F")
	return r.Replace(s)
}

// TestDownloadErrors: each refusal is one error with the right status,
// and nothing is written.
func TestDownloadErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/short":
			w.Header().Set("Content-Length", "100")
			_, _ = w.Write([]byte("only this"))
		default:
			_, _ = w.Write([]byte("ok"))
		}
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	existing := filepath.Join(dir, "there")
	if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line   string
		status int
		msg    string
	}{
		{"download", commands.StatusUsage, "usage: download URL"},
		{"download /ok " + existing, commands.StatusUsage, "exists: add --force"},
		{"download /ok " + filepath.Join(dir, "no/such/f"), commands.StatusUsage, "does not exist"},
		{"download /missing " + filepath.Join(dir, "m"), commands.StatusFailure, "404 Client Error: Not Found for url: " + srv.URL + "/missing: nothing saved"},
		{"download /short " + filepath.Join(dir, "s"), commands.StatusFailure, "download incomplete: kept"},
		{"download /ok " + filepath.Join(dir, "f") + " --bogus", commands.StatusUsage, "unknown flag: --bogus"},
		{"download /ok " + filepath.Join(dir, "f") + " --timeout x", commands.StatusUsage, "--timeout"},
	} {
		x, _, _ := scripttest.Executor(t, srv.URL)
		err := x.ExecuteLine(context.Background(), tc.line)
		if commands.ExitStatus(err) != tc.status || err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v (status %d), want status %d and %q", tc.line, err, commands.ExitStatus(err), tc.status, tc.msg)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Errorf("existing file changed: %q", b)
	}
	for _, name := range []string{"m", "m.part", "f"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s written", name)
		}
	}
}
