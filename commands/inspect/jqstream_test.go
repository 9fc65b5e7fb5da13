package inspect_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/session"
)

// lineCounter counts the lines written and calls stop once it saw n.
type lineCounter struct {
	lines, n int
	stop     func()
}

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte("\n"))
	if c.lines >= c.n && c.stop != nil {
		c.stop()
		c.stop = nil
	}
	return len(p), nil
}

// jsonServer answers every request with body as JSON.
func jsonServer(t *testing.T, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// executorTo runs the language with its stdout going to w, after a get
// of url.
func executorTo(t *testing.T, url string, w io.Writer) (*commands.Executor, *bytes.Buffer) {
	s := session.New("httpsh-test")
	t.Cleanup(s.Close)
	var errOut bytes.Buffer
	x := commands.NewExecutor(s, all.Registry(), w, &errOut)
	x.Getenv = func(string) string { return "" }
	if err := x.ExecuteLine(context.Background(), "get "+url+" --show status"); err != nil {
		t.Fatal(err)
	}
	return x, &errOut
}

// TestJSONStreamsResults: `json 'range(1e12)'` prints results as the
// filter produces them and stops when its context is cancelled (Ctrl-C),
// with the interrupted status (issue 11 item 20).
func TestJSONStreamsResults(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lineCounter{n: 1 << 30}
	x, _ := executorTo(t, jsonServer(t, `{}`), out)
	out.lines, out.n, out.stop = 0, 1000, cancel
	err := x.ExecuteLine(ctx, "json 'range(1e12)'")
	if got := commands.ExitStatus(err); got != commands.StatusInterrupted {
		t.Fatalf("status %d (%v), want %d", got, err, commands.StatusInterrupted)
	}
	if out.lines < 1000 {
		t.Errorf("printed %d lines before the cancel, want results as they come", out.lines)
	}
}

// TestJQMemoryBound: a filter that recurses without end is stopped by
// the memory budget with a failure that says so, instead of taking all
// memory; expect and capture stop at the first result of an endless
// filter (issue 11 item 20).
func TestJQMemoryBound(t *testing.T) {
	var out bytes.Buffer
	x, _ := executorTo(t, jsonServer(t, `{}`), &out)
	err := x.ExecuteLine(context.Background(), "json 'def f: [f]; f'")
	if commands.ExitStatus(err) != 1 || !strings.Contains(err.Error(), "held more than 256 MiB of memory") {
		t.Fatalf("err %v (status %d), want the memory budget's failure", err, commands.ExitStatus(err))
	}
	for _, line := range []string{"expect json 'range(1e12)' == 0", "capture n json 'range(1e12)'"} {
		if err := x.ExecuteLine(context.Background(), line); err != nil {
			t.Errorf("%s: %v", line, err)
		}
	}
}

// TestJSONKeepsKeyOrder: `json .` prints the object keys in the server's
// order, as jq does (issue 11 item 28).
func TestJSONKeepsKeyOrder(t *testing.T) {
	var out bytes.Buffer
	x, _ := executorTo(t, jsonServer(t, `{"zeta": 1, "alpha": {"y": 2, "b": 3.50}}`), &out)
	out.Reset()
	if err := x.ExecuteLine(context.Background(), "json ."); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"zeta\": 1,\n  \"alpha\": {\n    \"y\": 2,\n    \"b\": 3.50\n  }\n}\n"
	if out.String() != want {
		t.Errorf("json . printed\n%s\nwant\n%s", out.String(), want)
	}
}
