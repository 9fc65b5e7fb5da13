package request_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/request"
)

// TestRunAndPrepare: other families build requests from words as a line
// gives them, flags included; errors keep their exit status.
func TestRunAndPrepare(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Got", r.Method+" "+r.Header.Get("X-A"))
	}))
	t.Cleanup(srv.Close)
	x, out, _ := scripttest.Executor(t, srv.URL)
	ctx := context.Background()
	input := `{"a": 1}`
	if err := request.Prepare(ctx, x.Env, []string{"--name", "p", "PUT", "/x", "-H", "X-A: 1", "--json", "@-"}, &input); err != nil {
		t.Fatal(err)
	}
	if p := x.Session.Prepared["p"]; p == nil || string(p.Body) != input || !strings.Contains(out.String(), "`send p` sends it") {
		t.Fatalf("prepared %+v\n%s", p, out)
	}
	if err := request.Run(ctx, x.Env, "PURGE", []string{"/y", "X-A:2", "--show", "headers"}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "X-Got: PURGE 2") {
		t.Errorf("run printed:\n%s", out)
	}
	err := request.Prepare(ctx, x.Env, []string{"GET"}, nil)
	if commands.ExitStatus(err) != commands.StatusUsage || !strings.Contains(err.Error(), "usage: prepare") {
		t.Errorf("prepare GET: %v", err)
	}
}
