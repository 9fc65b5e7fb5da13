package inspect_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestUndecodedCodingIsNamed: a body in a content coding httpsh does not
// undo is called by its coding ("compress-encoded"), not "binary" (issue
// 11 item 27; br and zstd are decoded by the wire core).
func TestUndecodedCodingIsNamed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Encoding", "compress")
		_, _ = w.Write([]byte{0x1f, 0x9d, 0x90, 'a', 0, 1, 2})
	}))
	t.Cleanup(srv.Close)
	var out bytes.Buffer
	x, _ := executorTo(t, srv.URL, &out)
	out.Reset()
	if err := x.ExecuteLine(context.Background(), "show body"); err != nil {
		t.Fatal(err)
	}
	if want := "[compress-encoded, 7 B, text/plain: save FILE to keep it]\n"; out.String() != want {
		t.Errorf("show body printed %q, want %q", out.String(), want)
	}
}
