package session_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// bigBody serves n bytes of a pattern (n a multiple of 16).
func bigBody(n int) (http.Handler, []byte) {
	want := bytes.Repeat([]byte("0123456789abcdef"), n/16)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(want)
	}), want
}

func readAll(t *testing.T, r *session.Response) []byte {
	t.Helper()
	rc, err := r.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSpill: a body over body-limit goes whole to a private temporary
// file that Open reads back; one under it stays in memory.
func TestSpill(t *testing.T) {
	h, want := bigBody(64 << 10)
	srv := hostile.Server(t, h)
	s := newSession(t)
	s.Settings.BodyLimit = 16 << 10
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Response()
	if !r.Spilled() || len(r.Body) != 0 || r.Size != int64(len(want)) {
		t.Fatalf("spill %q, body %d bytes, size %d", r.Spill, len(r.Body), r.Size)
	}
	if st, err := os.Stat(r.Spill); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("spill file: %v %v", st, err)
	}
	if got := readAll(t, r); !bytes.Equal(got, want) {
		t.Fatalf("Open read %d bytes, want %d", len(got), len(want))
	}
	s.Settings.BodyLimit = 1 << 20
	e, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil || e.Response().Spilled() || !bytes.Equal(readAll(t, e.Response()), want) {
		t.Fatalf("under body-limit: spilled %v, err %v", e.Response().Spilled(), err)
	}
}

// TestSpillGzip: decoding applies to the spill as to memory.
func TestSpillGzip(t *testing.T) {
	srv := hostile.Server(t, hostile.GzipBomb(4<<20))
	s := newSession(t)
	s.Settings.BodyLimit = 1 << 20
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	r := e.Response()
	if got := readAll(t, r); !r.Spilled() || len(got) != 4<<20 || r.Encoding != "gzip" || r.WireSize >= 1<<20 {
		t.Fatalf("spilled %v, %d bytes decoded, encoding %q, wire %d", r.Spilled(), len(got), r.Encoding, r.WireSize)
	}
}

// TestSpillRemoved: Reset and Close remove the spill files and their
// folder; Open then says the file is gone.
func TestSpillRemoved(t *testing.T) {
	h, _ := bigBody(8 << 10)
	srv := hostile.Server(t, h)
	for _, end := range []string{"reset", "close"} {
		s := newSession(t)
		s.Settings.BodyLimit = 1 << 10
		e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
		if err != nil || !e.Response().Spilled() {
			t.Fatalf("%s: not spilled: %v", end, err)
		}
		path := e.Response().Spill
		if end == "reset" {
			s.Reset()
		} else {
			s.Close()
		}
		for _, p := range []string{path, filepath.Dir(path)} {
			if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s: %s left behind", end, p)
			}
		}
		if _, err := e.Response().Open(); err == nil || !strings.Contains(err.Error(), "gone") {
			t.Errorf("%s: Open after removal: %v", end, err)
		}
	}
}

// TestSpillForgotten: an exchange pushed out of the kept list loses its
// spill file.
func TestSpillForgotten(t *testing.T) {
	h, _ := bigBody(8 << 10)
	srv := hostile.Server(t, h)
	s := newSession(t)
	s.Settings.BodyLimit = 1 << 10
	first, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil || !first.Response().Spilled() {
		t.Fatalf("not spilled: %v", err)
	}
	s.Settings.BodyLimit = 1 << 20
	for range session.MaxExchanges {
		if _, err := send(t, s, &session.Request{Method: "HEAD", URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(first.Response().Spill); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("spill file of a forgotten exchange left behind: %v", err)
	}
}
