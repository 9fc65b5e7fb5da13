// Package peertest helps tests run the real peer tools (httpyac,
// har-validator, python3 with requests) against a loopback server that
// records what it received. It is imported by tests only.
//
// npm tools are found in $HTTPSH_NPM_CACHE/node_modules/.bin (what .ci/run
// installs into), then /tmp/httpyac-cache/node_modules/.bin, then PATH.
// A missing tool skips the test with a message, except under CI=true,
// where it fails.
package peertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// Version is the pinned npm version of a tool; .ci/run installs exactly these.
func Version(name string) string {
	switch name {
	case "httpyac":
		return "6.16.7"
	case "har-validator":
		return "5.1.5"
	}
	return "latest"
}

// Tool returns the path of the peer tool name, or skips (fails under CI).
func Tool(t testing.TB, name string) string {
	t.Helper()
	var dirs []string
	if c := os.Getenv("HTTPSH_NPM_CACHE"); c != "" {
		dirs = append(dirs, filepath.Join(c, "node_modules", ".bin"))
	}
	dirs = append(dirs, "/tmp/httpyac-cache/node_modules/.bin")
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := name + " not found: install it with npm install --prefix $HTTPSH_NPM_CACHE " + name + "@" + Version(name)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Received is one request as the server saw it.
type Received struct {
	Method, RequestURI string
	Header             http.Header
	Body               []byte
}

// Recorder is a loopback server that answers every request with a small
// JSON body and keeps what it received.
type Recorder struct {
	*httptest.Server
	mu  sync.Mutex
	got []Received
}

// NewRecorder starts a Recorder, closed when the test ends.
func NewRecorder(t testing.TB) *Recorder {
	rec := &Recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.got = append(rec.got, Received{Method: r.Method, RequestURI: r.RequestURI, Header: r.Header.Clone(), Body: b})
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Id", "42")
		_, _ = io.WriteString(w, `{"json":{"token":"abc123"},"ok":true}`)
	}))
	t.Cleanup(rec.Close)
	return rec
}

// Got returns what the server received so far.
func (r *Recorder) Got() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Received(nil), r.got...)
}

// NodeModule returns the node binary and the node_modules folder that
// holds the npm package name (a library without a command, such as
// har-validator), or skips (fails under CI).
func NodeModule(t testing.TB, name string) (node, modules string) {
	t.Helper()
	var dirs []string
	if c := os.Getenv("HTTPSH_NPM_CACHE"); c != "" {
		dirs = append(dirs, filepath.Join(c, "node_modules"))
	}
	dirs = append(dirs, "/tmp/httpyac-cache/node_modules")
	node, err := exec.LookPath("node")
	for _, d := range dirs {
		if _, serr := os.Stat(filepath.Join(d, name, "package.json")); serr == nil && err == nil {
			return node, d
		}
	}
	msg := "node or the npm package " + name + " not found: npm install --prefix $HTTPSH_NPM_CACHE " + name + "@" + Version(name)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return "", ""
}
