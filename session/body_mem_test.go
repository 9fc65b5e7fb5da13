package session_test

import (
	"bytes"
	"errors"
	"net/http"
	"runtime"
	"strconv"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// serveN serves n bytes of 'b' in 32 KiB writes, with a Content-Length
// when withLength is set and chunked otherwise.
func serveN(n int, withLength bool) http.Handler {
	chunk := bytes.Repeat([]byte("b"), 32<<10)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if withLength {
			w.Header().Set("Content-Length", strconv.Itoa(n))
		}
		for left := n; left > 0; left -= len(chunk) {
			if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
				return
			}
			if !withLength {
				w.(http.Flusher).Flush()
			}
		}
	})
}

// allocated returns the bytes allocated while f runs. It bounds how far
// the heap can grow during f.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBodyMemoryBound: whatever the server sends (known length, chunked,
// a gzip bomb, an endless body), reading the body allocates about the
// smaller of body-limit and spill-limit, not the body or a doubling of
// it (a body of unknown length kept in memory: twice its size, blocks
// then one slice); the bytes kept are exact.
func TestBodyMemoryBound(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name              string
		h                 http.Handler
		bodyLimit, spill  int64
		wantSize          int64
		wantErr, wantFile bool
	}{
		{"known length to file", serveN(32*mib, true), 4 * mib, 64 * mib, 32 * mib, false, true},
		{"chunked to file", serveN(32*mib, false), 4 * mib, 64 * mib, 32 * mib, false, true},
		{"chunked over a smaller spill-limit", serveN(32*mib, false), 64 * mib, 4 * mib, -1, true, false},
		{"gzip bomb", hostile.GzipBomb(256 * mib), 4 * mib, 32 * mib, -1, true, false},
		{"endless", hostile.Endless(), 4 * mib, 16 * mib, -1, true, false},
		{"chunked in memory", serveN(3*mib, false), 4 * mib, 64 * mib, 3 * mib, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := hostile.Server(t, tt.h)
			s := newSession(t)
			s.Settings.BodyLimit, s.Settings.SpillLimit = tt.bodyLimit, tt.spill
			var e *session.Exchange
			var err error
			n := allocated(func() { e, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL}) })
			bound := uint64(min(tt.bodyLimit, tt.spill) + 2*mib)
			if !tt.wantFile && !tt.wantErr {
				// Of unknown length, kept: the blocks, then one slice.
				bound = uint64(2*tt.wantSize + 2*mib)
			}
			if n > bound {
				t.Errorf("allocated %d bytes reading the body, want at most %d", n, bound)
			}
			if tt.wantErr {
				if !errors.Is(err, session.ErrBodyLimit) {
					t.Fatalf("err = %v, want ErrBodyLimit", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			r := e.Response()
			if r.Size != tt.wantSize || r.Spilled() != tt.wantFile {
				t.Fatalf("size %d spilled %v, want %d %v", r.Size, r.Spilled(), tt.wantSize, tt.wantFile)
			}
			got := r.Body
			if tt.wantFile {
				got = readAll(t, r)
			}
			if int64(len(got)) != tt.wantSize || bytes.Count(got, []byte("b")) != len(got) {
				t.Fatalf("read back %d bytes, want %d of 'b'", len(got), tt.wantSize)
			}
		})
	}
}

// TestBodyExactSize: a body of known length is kept in a slice of its
// size, not one grown past it.
func TestBodyExactSize(t *testing.T) {
	srv := hostile.Server(t, serveN(1000, true))
	e, err := send(t, newSession(t), &session.Request{Method: "GET", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if b := e.Response().Body; len(b) != 1000 || cap(b) > 1001 {
		t.Fatalf("body len %d cap %d, want 1000 in a slice of its size", len(b), cap(b))
	}
}
