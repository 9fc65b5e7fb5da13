package session_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// TestHeaderFlood: a header block over header-limit is a clear error
// naming the setting, and raising the setting lets it through.
func TestHeaderFlood(t *testing.T) {
	u := hostile.Raw(t, hostile.HeaderFlood(300<<10))
	s := newSession(t)
	s.Settings.HeaderLimit = 64 << 10
	_, err := send(t, s, &session.Request{Method: "GET", URL: u})
	if !errors.Is(err, session.ErrHeaderLimit) || !strings.Contains(err.Error(), "set header-limit") || !strings.Contains(err.Error(), "64KiB") {
		t.Fatalf("err = %v, want ErrHeaderLimit naming the setting", err)
	}
	s.Settings.HeaderLimit = 1 << 20
	e, err := send(t, s, &session.Request{Method: "GET", URL: u})
	if err != nil || len(e.Response().Fields) < 200 {
		t.Fatalf("with a raised limit: %v", err)
	}
}

// TestGzipBomb: the decompressed size is capped by spill-limit: 64 MiB of
// zeros in 64 KiB of gzip go past body-limit into a spill file, stop at
// spill-limit with an error that says how to raise it or stream to a
// file, and leave no file behind.
func TestGzipBomb(t *testing.T) {
	srv := hostile.Server(t, hostile.GzipBomb(64<<20))
	s := newSession(t)
	s.Settings.BodyLimit = 1 << 20
	s.Settings.SpillLimit = 8 << 20
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrBodyLimit) || !strings.Contains(err.Error(), "-o FILE") || !strings.Contains(err.Error(), "spill-limit 8MiB") {
		t.Fatalf("err = %v, want ErrBodyLimit naming spill-limit", err)
	}
	if e == nil || len(e.Hops) != 1 || len(e.Response().Body) != 0 || e.Response().Spill != "" {
		t.Fatalf("exchange kept a body: %v", e)
	}
}

// TestGzipBombToSink: streamed to a file, a bomb inflates only as far as
// the writer takes it, and the sink sees the decoded bytes.
func TestGzipBombToSink(t *testing.T) {
	srv := hostile.Server(t, hostile.GzipBomb(4<<20))
	s := newSession(t)
	s.Settings.BodyLimit = 1 << 20
	var n countWriter
	p, _ := s.Prepare(&session.Request{Method: "GET", URL: srv.URL})
	_, err := s.Send(t.Context(), p, session.SendOptions{Sink: func(*session.Response) (io.Writer, error) { return &n, nil }})
	if err != nil || n != 4<<20 {
		t.Fatalf("sink got %d bytes, err %v", n, err)
	}
}

type countWriter int64

func (c *countWriter) Write(b []byte) (int, error) { *c += countWriter(len(b)); return len(b), nil }

// TestEndlessBody: a body that never ends stops at spill-limit.
func TestEndlessBody(t *testing.T) {
	srv := hostile.Server(t, hostile.Endless())
	s := newSession(t)
	s.Settings.BodyLimit = 256 << 10
	s.Settings.SpillLimit = 1 << 20
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrBodyLimit) {
		t.Fatalf("err = %v, want ErrBodyLimit", err)
	}
}

// TestTruncatedBody: a body shorter than its Content-Length is an error
// that says how much arrived, never a silently short body.
func TestTruncatedBody(t *testing.T) {
	u := hostile.Raw(t, hostile.Truncated(1000, 10))
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: u})
	if err == nil || !strings.Contains(err.Error(), "cut short after 10 bytes") {
		t.Fatalf("err = %v", err)
	}
}

// TestSlowloris: a server that dribbles its headers a byte at a time is
// cut off by header-timeout with an error naming the setting.
func TestSlowloris(t *testing.T) {
	u := hostile.Raw(t, hostile.Drip(20*time.Millisecond))
	s := newSession(t)
	s.Settings.HeaderTimeout = 300 * time.Millisecond
	_, err := send(t, s, &session.Request{Method: "GET", URL: u})
	if !errors.Is(err, session.ErrTimeout) || !strings.Contains(err.Error(), "set header-timeout") {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}

// TestSlowlorisToSink: with a sink header-timeout bounds the wait for the
// headers too, so a dribbling server cannot hold a download open.
func TestSlowlorisToSink(t *testing.T) {
	u := hostile.Raw(t, hostile.Drip(20*time.Millisecond))
	s := newSession(t)
	s.Settings.HeaderTimeout = 300 * time.Millisecond
	p, _ := s.Prepare(&session.Request{Method: "GET", URL: u})
	var buf bytes.Buffer
	_, err := s.Send(t.Context(), p, session.SendOptions{Sink: func(*session.Response) (io.Writer, error) { return &buf, nil }})
	if !errors.Is(err, session.ErrTimeout) || !strings.Contains(err.Error(), "no response headers from") {
		t.Fatalf("err = %v, want ErrTimeout waiting for headers", err)
	}
}
