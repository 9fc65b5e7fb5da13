package session

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSend measures one GET through Prepare and Send on a kept-alive
// connection to a loopback server: the request path of a script.
func BenchmarkSend(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok": true}`))
	}))
	defer srv.Close()
	s := New("bench")
	defer s.Close()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		p, err := s.Prepare(&Request{Method: "GET", URL: srv.URL + "/get"})
		if err != nil {
			b.Fatal(err)
		}
		e, err := s.Send(ctx, p, SendOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if !e.Final().Timing.Reused && b.N > 1 && e.ID > 1 {
			b.Fatal("connection not reused")
		}
	}
}
