package request

import (
	"bufio"
	"context"
	"io"
	"net"
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

// BenchmarkExecuteGetClient is BenchmarkExecuteGet against a bare
// HTTP/1.1 server on 127.0.0.1 that reads each request's head and writes
// one fixed response, allocating nothing per request, so B/op is the
// client's own: the figure of the goal "one script line under 10 KB".
func BenchmarkExecuteGetClient(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go serveFixed(ln)
	s := session.New("bench")
	defer s.Close()
	x := commands.NewExecutor(s, commands.NewRegistry(Commands()), io.Discard, io.Discard)
	line := &commands.Logical{Text: "get http://" + ln.Addr().String() + "/get --show status"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := x.Execute(ctx, line); err != nil {
			b.Fatal(err)
		}
	}
}

// serveFixed answers every request on every connection of ln with the
// same small JSON response, until ln is closed.
func serveFixed(ln net.Listener) {
	const resp = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"ok\": true}"
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			r := bufio.NewReader(c)
			for {
				line, err := r.ReadSlice('\n')
				if err != nil {
					return
				}
				if len(line) <= 2 { // the blank line ending the head
					if _, err := io.WriteString(c, resp); err != nil {
						return
					}
				}
			}
		}()
	}
}
