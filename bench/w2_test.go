// Package bench holds the benchmarks that span packages: BenchmarkW2 is
// one pair of W2 script lines (bench/run.sh) through the executor.
package bench

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/session"
	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

// BenchmarkW2 runs `get URL/get?i=1 --show body` and `post URL/post
// --json '{...}' --show body` against an in-process go-httpbin on one
// kept-alive connection; an op is the pair (server work included).
func BenchmarkW2(b *testing.B) {
	srv := httptest.NewServer(httpbin.New())
	defer srv.Close()
	s := session.New("bench")
	defer s.Close()
	x := commands.NewExecutor(s, all.Registry(), io.Discard, io.Discard)
	get := &commands.Logical{Text: "get " + srv.URL + "/get?i=1 --show body"}
	post := &commands.Logical{Text: "post " + srv.URL + `/post --json '{"i": 2, "name": "ada"}' --show body`}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range []*commands.Logical{get, post} {
			if err := x.Execute(ctx, l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
