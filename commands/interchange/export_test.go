package interchange_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/interchange"
	"github.com/httpsh/httpsh/internal/playground"
)

// TestExportCurlRoundTrip sends requests with httpsh, runs `export curl`
// through sh and the real curl, and checks that the playground's echo
// (/anything) saw the same request both times.
func TestExportCurlRoundTrip(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	pg, err := playground.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	for _, line := range []string{
		`get /anything q==1 'q 2==a&b'`,
		"post /anything name=o\\'brien n:=3 X-Weird:\"it's \\$HOME \\`x\\` %s\"",
		`put /anything --data 'line 1
line 2 with é and \\ and %'`,
		`patch /anything --form a=1 b='x y'`,
		`delete /anything`,
		`post /anything`,
		`request PURGE /anything --data @bin.dat`,
		`post /anything --data @at.txt`,
		`get /anything --auth ada:pw --cookie sid=s1`,
	} {
		t.Run(line, func(t *testing.T) {
			dir := t.TempDir()
			x, out, _ := scripttest.Executor(t, pg.URL)
			t.Chdir(dir)
			writeTestFile(t, "bin.dat", []byte("a\x00b\x01c%d\\e\xff"))
			writeTestFile(t, "at.txt", []byte("@literal"))
			if err := x.ExecuteLine(context.Background(), line); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			want := echoOf(t, x.Session.Last().Response().Body)
			cmd := interchange.CurlCommand(x.Session.Last().Prepared, x.Session.Settings)
			got, err := exec.Command("sh", "-c", cmd).Output()
			if err != nil {
				t.Fatalf("%s\n%s: %v", cmd, out, err)
			}
			if g := echoOf(t, got); !reflect.DeepEqual(g, want) {
				t.Errorf("%s\ncurl: %v\nhttpsh: %v", cmd, g, want)
			}
		})
	}
}

// echoOf is what /anything saw: method, url, headers, body.
func echoOf(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	return map[string]any{"method": m["method"], "url": m["url"], "headers": m["headers"], "data": m["data"], "form": m["form"]}
}

func writeTestFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExportHTTPAll: every kept exchange, in order, each after a ###
// separator line, written to a file that is created, not overwritten.
func TestExportHTTPAll(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(srv.Close)
	x, _, _ := scripttest.Executor(t, srv.URL)
	t.Chdir(t.TempDir())
	ctx := context.Background()
	if err := x.ExecuteLine(ctx, "export http all"); commands.ExitStatus(err) != commands.StatusUsage {
		t.Errorf("with no exchanges: %v", err)
	}
	for _, l := range []string{"get /a q==1", "post /b name=ada", "export http all all.http"} {
		if err := x.ExecuteLine(ctx, l); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	b, err := os.ReadFile("all.http")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"### #1 GET " + srv.URL + "/a?q=1\nGET " + srv.URL + "/a?q=1 HTTP/1.1\n", "\n### #2 POST " + srv.URL + "/b\nPOST ", "\n\n{\"name\": \"ada\"}\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("all.http lacks %q:\n%s", want, text)
		}
	}
	if err := x.ExecuteLine(ctx, "export http all all.http"); commands.ExitStatus(err) != commands.StatusUsage {
		t.Errorf("overwrote all.http without --force: %v", err)
	}
}

// TestHARSpilledBody: a body over body-limit is left out of the HAR,
// with a comment saying so.
func TestHARSpilledBody(t *testing.T) {
	big := `{"items": ["` + strings.Repeat("x", 200<<10) + `"]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(big))
	}))
	t.Cleanup(srv.Close)
	x, _, _ := scripttest.Executor(t, srv.URL)
	x.Session.Settings.BodyLimit = 64 << 10
	t.Chdir(t.TempDir())
	for _, l := range []string{"get /a", "export har h.har"} {
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatalf("%s: %v", l, err)
		}
	}
	if b, _ := os.ReadFile("h.har"); !strings.Contains(string(b), "over body-limit and is left out") || strings.Contains(string(b), "xxxx") {
		t.Errorf("har does not mark the spilled body")
	}
}
