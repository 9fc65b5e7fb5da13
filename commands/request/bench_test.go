package request

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// BenchmarkExecuteGet is one script line, `get URL --show status`, from
// the word splitter to the printed status, on a kept-alive connection.
func BenchmarkExecuteGet(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"ok": true}`))
	}))
	defer srv.Close()
	s := session.New("bench")
	defer s.Close()
	x := commands.NewExecutor(s, commands.NewRegistry(Commands()), io.Discard, io.Discard)
	line := &commands.Logical{Text: "get " + srv.URL + "/get --show status"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := x.Execute(ctx, line); err != nil {
			b.Fatal(err)
		}
	}
}
