package learn_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestCloseStopsPlayground: the playground `learn` starts for a session
// without a base stops when the session ends, without `learn quit`.
func TestCloseStopsPlayground(t *testing.T) {
	x, _, errOut := scripttest.Executor(t, "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	if err := x.ExecuteLine(context.Background(), "learn requests"); err != nil {
		t.Fatalf("learn requests: %v (%s)", err, errOut)
	}
	base := x.Session.Base
	if base == nil {
		t.Fatal("learn set no base")
	}
	resp, err := http.Get(base.String() + "get")
	if err != nil {
		t.Fatalf("playground not running: %v", err)
	}
	resp.Body.Close()
	x.Close()
	if resp, err := http.Get(base.String() + "get"); err == nil {
		resp.Body.Close()
		t.Fatal("the playground still answers after Close")
	}
}
