package session_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
	"github.com/klauspost/compress/zstd"
)

// compress encodes size bytes of text (or zeros) in coding.
func compress(t testing.TB, coding string, size int, text bool) []byte {
	t.Helper()
	var b bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "br":
		w = brotli.NewWriterLevel(&b, 1)
	case "zstd":
		zw, err := zstd.NewWriter(&b, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithWindowSize(1<<20))
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	chunk := make([]byte, 1<<20)
	if text {
		copy(chunk, bytes.Repeat([]byte("café au lait\n"), len(chunk)/13+1))
	}
	for left := size; left > 0; left -= len(chunk) {
		_, _ = w.Write(chunk[:min(left, len(chunk))])
	}
	_ = w.Close()
	return b.Bytes()
}

func encoded(coding string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", coding)
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(body)
	})
}

// TestBrotliZstd: both codings are advertised and undone; Size counts
// decoded bytes and WireSize the bytes received.
func TestBrotliZstd(t *testing.T) {
	for _, coding := range []string{"br", "zstd"} {
		t.Run(coding, func(t *testing.T) {
			body := compress(t, coding, 100_000, true)
			srv := hostile.Server(t, encoded(coding, body))
			s := newSession(t)
			e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			r := e.Response()
			if r.Encoding != coding || r.Size != 100_000 || r.WireSize != int64(len(body)) || !bytes.HasPrefix(r.Body, []byte("café")) {
				t.Fatalf("encoding %q size %d wire %d", r.Encoding, r.Size, r.WireSize)
			}
			if ae, _ := e.Prepared.Header("Accept-Encoding"); !strings.Contains(ae, coding) {
				t.Fatalf("Accept-Encoding %q does not advertise %s", ae, coding)
			}
		})
	}
}

// TestBrotliZstdBombs: 64 MiB of zeros in a few KiB stop at spill-limit.
func TestBrotliZstdBombs(t *testing.T) {
	for _, coding := range []string{"br", "zstd"} {
		t.Run(coding, func(t *testing.T) {
			srv := hostile.Server(t, encoded(coding, compress(t, coding, 64<<20, false)))
			s := newSession(t)
			s.Settings.BodyLimit = 1 << 20
			s.Settings.SpillLimit = 8 << 20
			e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
			if !errors.Is(err, session.ErrBodyLimit) || !strings.Contains(err.Error(), "spill-limit 8MiB") {
				t.Fatalf("err = %v, want ErrBodyLimit", err)
			}
			if e.Response().Spill != "" || len(e.Response().Body) != 0 {
				t.Fatal("a body was kept")
			}
		})
	}
}

// TestLyingEncoding: a body that is not what Content-Encoding says is one
// clear error naming the coding, and the session goes on.
func TestLyingEncoding(t *testing.T) {
	for _, coding := range []string{"br", "zstd", "gzip"} {
		t.Run(coding, func(t *testing.T) {
			srv := hostile.Server(t, encoded(coding, []byte(strings.Repeat("plain text, not compressed\n", 100))))
			s := newSession(t)
			_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
			if !errors.Is(err, session.ErrEncoding) || !strings.Contains(err.Error(), coding) {
				t.Fatalf("err = %v, want ErrEncoding naming %s", err, coding)
			}
			ok := hostile.Server(t, hostile.OK("fine"))
			if _, err := send(t, s, &session.Request{Method: "GET", URL: ok.URL}); err != nil {
				t.Fatalf("session broken after a lying body: %v", err)
			}
		})
	}
}

// TestBrotliZstdStreamConstantMemory: 256 MiB decoded into a sink
// allocate a small, fixed amount, not the body's size.
func TestBrotliZstdStreamConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 256 MiB")
	}
	for _, coding := range []string{"br", "zstd"} {
		t.Run(coding, func(t *testing.T) {
			srv := hostile.Server(t, encoded(coding, compress(t, coding, 256<<20, false)))
			s := newSession(t)
			var n countWriter
			p, _ := s.Prepare(&session.Request{Method: "GET", URL: srv.URL})
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := s.Send(t.Context(), p, session.SendOptions{Sink: func(*session.Response) (io.Writer, error) { return &n, nil }})
			runtime.ReadMemStats(&after)
			if err != nil || n != 256<<20 {
				t.Fatalf("sink got %d bytes, err %v", n, err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 48<<20 {
				t.Fatalf("allocated %d MiB to stream 256 MiB", alloc>>20)
			}
			t.Logf("%s: 256 MiB streamed with %d KiB allocated", coding, (after.TotalAlloc-before.TotalAlloc)>>10)
		})
	}
}
