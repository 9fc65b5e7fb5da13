package inspect_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestJSONRaw: -r prints string results as text, as jq -r does, with
// control characters from the server still escaped; other values stay
// JSON.
func TestJSONRaw(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"url": "http://x/y?a=1&b=2", "evil": "a\u001b[2Jb", "n": 3}`)
	}))
	t.Cleanup(srv.Close)
	for _, tc := range []struct{ line, want string }{
		{"json .url", "\"http://x/y?a=1&b=2\"\n"},
		{"json -r .url", "http://x/y?a=1&b=2\n"},
		{"json .url --raw", "http://x/y?a=1&b=2\n"},
		{"json -r .evil", "a\\x1b[2Jb\n"},
		{"json -r .n", "3\n"},
	} {
		x, out, _ := scripttest.Executor(t, srv.URL)
		if err := x.ExecuteLine(context.Background(), "get / --show status"); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := x.ExecuteLine(context.Background(), tc.line); err != nil {
			t.Fatalf("%s: %v", tc.line, err)
		}
		if out.String() != tc.want {
			t.Errorf("%s printed %q, want %q", tc.line, out.String(), tc.want)
		}
	}
}
