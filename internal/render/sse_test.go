package render

import (
	"bytes"
	"strings"
	"testing"
)

// recordWrites keeps each Write separately, to see event boundaries.
type recordWrites struct{ writes []string }

func (r *recordWrites) Write(b []byte) (int, error) {
	r.writes = append(r.writes, string(b))
	return len(b), nil
}

func TestSSEWriter(t *testing.T) {
	for _, tc := range []struct {
		name   string
		chunks []string
		want   []string
	}{
		{"whole events", []string{"event: ping\ndata: 1\n\nevent: ping\ndata: 2\n\n"},
			[]string{"event: ping\ndata: 1\n\n", "event: ping\ndata: 2\n\n"}},
		{"split across writes", []string{"da", "ta: 1\n", "\n", "data: 2\r", "\n\r\n"},
			[]string{"data: 1\n\n", "data: 2\n\n"}},
		{"bare CR line ends", []string{"data: a\rdata: b\r\r"}, []string{"data: a\ndata: b\n\n"}},
		{"comments dropped", []string{": keep-alive\n\n:x\ndata: y\n\n"}, []string{"data: y\n\n"}},
		{"extra blank lines", []string{"\n\n\ndata: z\n\n\n"}, []string{"data: z\n\n"}},
		{"cut mid-event", []string{"data: 1\n\ndata: par"}, []string{"data: 1\n\n", "data: par\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec recordWrites
			s := &SSEWriter{w: &rec}
			for _, c := range tc.chunks {
				if n, err := s.Write([]byte(c)); n != len(c) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := s.flush(); err != nil {
				t.Fatal(err)
			}
			if strings.Join(rec.writes, "|") != strings.Join(tc.want, "|") {
				t.Errorf("writes %q, want %q", rec.writes, tc.want)
			}
		})
	}
}

func TestSSEWriterBounded(t *testing.T) {
	var out bytes.Buffer
	s := &SSEWriter{w: &out}
	big := "data: " + strings.Repeat("x", 3*maxSSEEvent) + "\n\n"
	if _, err := s.Write([]byte(big)); err != nil {
		t.Fatal(err)
	}
	if cap(s.line) > 2*maxSSEEvent || cap(s.event) > 2*maxSSEEvent {
		t.Errorf("held %d+%d bytes", cap(s.line), cap(s.event))
	}
	_ = s.flush()
	if strings.Count(out.String(), "x") != 3*maxSSEEvent {
		t.Errorf("lost bytes")
	}
}

func FuzzSSEWriter(f *testing.F) {
	f.Add([]byte("event: a\r\ndata: 1\r\n\r\n: c\n"), 3)
	f.Fuzz(func(t *testing.T, b []byte, cut int) {
		var out bytes.Buffer
		s := &SSEWriter{w: &out}
		if cut < 0 || cut > len(b) {
			cut = len(b) / 2
		}
		_, _ = s.Write(b[:cut])
		_, _ = s.Write(b[cut:])
		_ = s.flush()
		if bytes.Contains(out.Bytes(), []byte("\r")) {
			t.Fatalf("CR passed through: %q", out.Bytes())
		}
	})
}
