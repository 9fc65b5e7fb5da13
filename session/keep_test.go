package session_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
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
	moved, dropped, err := s.KeepBodies(2*n + n/2)
	if err != nil || moved != 4*n || dropped != 0 {
		t.Fatalf("KeepBodies moved %d bytes, dropped %d, err %v; want %d", moved, dropped, err, 4*n)
	}
	es := s.Exchanges()
	if len(es) != 6 {
		t.Fatalf("%d exchanges kept, want 6", len(es))
	}
	want := bytes.Repeat([]byte("b"), n)
	for i, e := range es {
		r := e.Response()
		if r.Spilled() != (i < 4) || r.Size != n || (r.Moved == session.MovedSpilled) != (i < 4) {
			t.Fatalf("exchange %d: spilled %v moved %q size %d", i, r.Spilled(), r.Moved, r.Size)
		}
		if got := readAll(t, r); !bytes.Equal(got, want) {
			t.Fatalf("exchange %d: read back %d bytes", i, len(got))
		}
	}
	if moved, _, err := s.KeepBodies(-1); moved != 0 || err != nil {
		t.Fatalf("no budget: moved %d, %v", moved, err)
	}
	spill := es[0].Response().Spill
	s.Close()
	if _, err := os.Stat(spill); !os.IsNotExist(err) {
		t.Fatalf("spill file left after Close: %v", err)
	}
}

// TestKeepLimitAfterEachExchange: keep-limit applies as each exchange is
// recorded, spares the newest even when it alone is over the budget, and
// drops (saying so) what cannot go to a temporary file.
func TestKeepLimitAfterEachExchange(t *testing.T) {
	const n = 64 << 10
	srv := hostile.Server(t, serveN(n, true))
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing")) // no spill folder can be made
	s := newSession(t)
	s.Settings.KeepLimit = n / 2
	for range 3 {
		if _, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	es := s.Exchanges()
	for i, e := range es {
		r := e.Response()
		want := ""
		if i < 2 {
			want = session.MovedDropped
		}
		if r.Moved != want || r.Size != n {
			t.Fatalf("exchange %d: moved %q size %d, want %q", i, r.Moved, r.Size, want)
		}
	}
	if _, err := es[0].Response().Open(); err == nil {
		t.Fatal("Open of a dropped body succeeded")
	}
	k := s.Kept()
	if k.Memory != n || k.Dropped != 2 || k.DropSize != 2*n || k.Spilled != 0 {
		t.Fatalf("Kept %+v", k)
	}
}

// TestKeepLimitBoundsHeap: 500 exchanges of 1 MiB bodies under the
// default keep-limit (256 MiB) leave the heap under 300 MiB; without the
// bound they would hold 500 MiB. It measures bytes, not time.
func TestKeepLimitBoundsHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("500 MiB over loopback")
	}
	const n = 1 << 20
	srv := hostile.Server(t, serveN(n, true))
	s := newSession(t)
	for range 500 {
		if _, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	k := s.Kept()
	t.Logf("heap in use %d MiB; bodies in memory %d MiB, %d spilled", m.HeapInuse>>20, k.Memory>>20, k.Spilled)
	if m.HeapInuse > 300<<20 {
		t.Fatalf("heap in use %d MiB after 500 exchanges of 1 MiB, want under 300 MiB", m.HeapInuse>>20)
	}
	if k.Memory > 256<<20 || k.Spilled != 500-256 {
		t.Fatalf("Kept %+v", k)
	}
}

// TestKeepLimitPastMaxExchanges: the running count of bodies in memory
// stays right as exchanges are forgotten (past MaxExchanges) and moved.
func TestKeepLimitPastMaxExchanges(t *testing.T) {
	const n = 1 << 10
	srv := hostile.Server(t, serveN(n, true))
	s := newSession(t)
	s.Settings.KeepLimit = 100 * n
	for range session.MaxExchanges + 20 {
		if _, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL}); err != nil {
			t.Fatal(err)
		}
	}
	k := s.Kept()
	if k.Memory != 100*n || k.Spilled != session.MaxExchanges-100 {
		t.Fatalf("Kept %+v, want %d bytes in memory and %d spilled", k, 100*n, session.MaxExchanges-100)
	}
}
