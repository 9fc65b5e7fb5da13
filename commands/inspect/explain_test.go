package inspect_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/explain"
	"github.com/httpsh/httpsh/internal/playground"
)

// TestExplainPlayground asks the playground for every registered status
// code it can answer with (/status/N; 1xx are interim, so net/http never
// returns them as a final response) and checks that `explain` with no
// argument explains that status.
func TestExplainPlayground(t *testing.T) {
	pg, err := playground.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Close() })
	book, err := explain.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, out, _ := scripttest.Executor(t, pg.URL)
	ctx := context.Background()
	x.Session.Settings.Follow = false
	tried := 0
	for _, key := range book.Keys() {
		code, err := strconv.Atoi(key)
		if err != nil || code < 200 {
			continue
		}
		out.Reset()
		if err := x.ExecuteLine(ctx, fmt.Sprintf("get /status/%d --show status", code)); err != nil {
			t.Errorf("get /status/%d: %v", code, err)
			continue
		}
		if got := x.Session.Exchange(0).Response().StatusCode; got != code {
			t.Errorf("/status/%d answered %d", code, got)
			continue
		}
		out.Reset()
		if err := x.ExecuteLine(ctx, "explain"); err != nil {
			t.Errorf("explain after %d: %v", code, err)
			continue
		}
		e, _ := book.Status(code)
		if !strings.Contains(out.String(), e.Format(80)) {
			t.Errorf("explain after %d:\n%s", code, out)
		}
		tried++
	}
	if tried < 50 {
		t.Errorf("only %d codes tried", tried)
	}
}

func TestExplainArgs(t *testing.T) {
	x, out, _ := scripttest.Executor(t, "http://127.0.0.1:1")
	for _, tc := range []struct {
		line, want string
		status     int
	}{
		{"explain 405", "405 Method Not Allowed  (RFC 9110, section 15.5.6)\n", 0},
		{"explain content-type:", "Content-Type - request and response header", 0},
		{"explain 299", "299 is not a registered status code: treat it as 200 OK", 0},
		{"explain 700", "no status 700: status codes run from 100 to 599", commands.StatusUsage},
		{"explain conten-type", "did you mean Content-Type?", commands.StatusUsage},
		{"explain X-Nothing-Like-It", "no explanation of it is built in", commands.StatusUsage},
		{"explain 404 405", "one at a time", commands.StatusUsage},
		{"explain", "no response yet", commands.StatusUsage},
	} {
		out.Reset()
		err := x.ExecuteLine(context.Background(), tc.line)
		got := out.String()
		if err != nil {
			got = err.Error()
		}
		if commands.ExitStatus(err) != tc.status || !strings.Contains(got, tc.want) {
			t.Errorf("%s: status %d, %q; want %d, %q", tc.line, commands.ExitStatus(err), got, tc.status, tc.want)
		}
	}
}
