package session_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// TestKeepBodies: past the budget the oldest bodies move to spill files
// that read back the same, the newest stay in memory, the exchanges all
// stay, and forgetting the session removes the files.
func TestKeepBodies(t *testing.T) {
	const n = 64 << 10
	srv := hostile.Server(t, serveN(n, true))
	s := newSession(t)
	for range 6 {
		if _, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	moved, err := s.KeepBodies(2*n + n/2)
	if err != nil || moved != 4*n {
		t.Fatalf("KeepBodies moved %d bytes, err %v; want %d", moved, err, 4*n)
	}
	es := s.Exchanges()
	if len(es) != 6 {
		t.Fatalf("%d exchanges kept, want 6", len(es))
	}
	want := bytes.Repeat([]byte("b"), n)
	for i, e := range es {
		r := e.Response()
		if r.Spilled() != (i < 4) || r.Size != n {
			t.Fatalf("exchange %d: spilled %v size %d", i, r.Spilled(), r.Size)
		}
		if got := readAll(t, r); !bytes.Equal(got, want) {
			t.Fatalf("exchange %d: read back %d bytes", i, len(got))
		}
	}
	if moved, err := s.KeepBodies(-1); moved != 0 || err != nil {
		t.Fatalf("no budget: moved %d, %v", moved, err)
	}
	spill := es[0].Response().Spill
	s.Close()
	if _, err := os.Stat(spill); !os.IsNotExist(err) {
		t.Fatalf("spill file left after Close: %v", err)
	}
}
