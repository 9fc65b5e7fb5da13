package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/httpsh/httpsh/repl"
)

// suiteServer is a loopback server with routes that misbehave on
// purpose: /flaky/KEY?fail=N answers 503 to the first N tries of KEY,
// /limited/KEY answers 429 with Retry-After: 1 to the first try,
// /job/KEY says "pending" twice and then "done", /slow?ms=N waits.
type suiteServer struct {
	URL   string
	total atomic.Int64
	mu    sync.Mutex
	tries map[string]int
}

func startSuiteServer(t *testing.T) *suiteServer {
	t.Helper()
	s := &suiteServer{tries: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/flaky/{key}", func(w http.ResponseWriter, r *http.Request) {
		fail, _ := strconv.Atoi(r.URL.Query().Get("fail"))
		if s.try(r) <= fail {
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, `{"ok": true}`)
	})
	mux.HandleFunc("/limited/{key}", func(w http.ResponseWriter, r *http.Request) {
		if s.try(r) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		fmt.Fprintln(w, `{"ok": true}`)
	})
	mux.HandleFunc("/job/{key}", func(w http.ResponseWriter, r *http.Request) {
		state := "pending"
		if s.try(r) > 2 {
			state = "done"
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"state": %q}`, state)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		s.total.Add(1)
		ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"n": %d, "name": "slow", "tags": ["a"]}`, ms)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// try counts a request to its path and returns its number.
func (s *suiteServer) try(r *http.Request) int {
	s.total.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[r.URL.Path]++
	return s.tries[r.URL.Path]
}

// writeFiles writes name → text under dir, making folders.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readJSONReport reads a --report json file.
func readJSONReport(t *testing.T, path string) jsonDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc jsonDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// jsonDoc is what the tests read of the JSON report.
type jsonDoc struct {
	Summary struct{ Files, Requests, Checks, Failures, Errors int }
	Files   []struct {
		Name     string
		Status   int
		Requests []struct {
			Method, URL string
			Status      int
			Attempt     int
		}
		Checks []struct {
			Text   string
			Passed bool
		}
	}
}

// TestSuiteFreshSessionsOrderAndStatus: each file starts from the same
// state (--base, --var) and leaves nothing to the next; output is kept
// per file in the order given even when the first file ends last; the
// summary names every file; the status is the worst file's.
func TestSuiteFreshSessionsOrderAndStatus(t *testing.T) {
	srv := startSuiteServer(t)
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{
		"t/1-slow.hsh":   "echo first-begins\nget /slow?ms=300 --show status\nexpect status 200\nvar leaked yes\necho first-ends {{who}}\n",
		"t/2-fast.hsh":   "echo second {{who}}\nget /slow?ms=0 --show status\nexpect status 200\n",
		"t/3-fresh.hsh":  "echo {{leaked}}\n",
		"t/4-failed.hsh": "get /slow?ms=0 --show status\nexpect status 201\n",
		"t/notes.txt":    "not a script\n",
	})
	status, stdout, stderr := runHTTPSH(t, "", "--test", "--jobs", "4", "--base", srv.URL, "--var", "who=ci", "t")
	if status != 2 { // 3-fresh: {{leaked}} undefined is a usage error, worse than 4's failure
		t.Fatalf("status %d, want 2\nstdout:\n%s\nstderr:\n%s", status, stdout, stderr)
	}
	order := []string{"first-begins", "first-ends ci", "second ci", "file"}
	last := -1
	for _, w := range order {
		i := strings.Index(stdout, w)
		if i < last {
			t.Fatalf("%q is out of order in:\n%s", w, stdout)
		}
		last = i
	}
	for _, w := range []string{"t/3-fresh.hsh:1: error: undefined variable {{leaked}}", "t/4-failed.hsh:2: error: expect status 201: got 200"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	for _, w := range []string{"t/1-slow.hsh", "t/2-fast.hsh", "t/3-fresh.hsh", "t/4-failed.hsh", "4 files: 2 passed, 2 failed"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("summary lacks %q:\n%s", w, stdout)
		}
	}
	if strings.Contains(stdout, "notes.txt") {
		t.Errorf("a .txt file was run:\n%s", stdout)
	}
}

// TestSuiteBadInput: each mistake is one error line and exit 2 before
// anything is sent.
func TestSuiteBadInput(t *testing.T) {
	srv := startSuiteServer(t)
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"a/x.hsh": "get /slow\n", "b/x.hsh": "get /slow\n", "empty/readme.md": "none\n"})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--test", "empty"}, "error: --test empty: the folder has no .hsh scripts"},
		{[]string{"--test", "nowhere"}, "error: --test nowhere: no such file or folder"},
		{[]string{"--test", "--shard", "3/2", "a"}, `error: --shard takes I/N with 1 <= I <= N (e.g. 1/4), not "3/2"`},
		{[]string{"--test", "--shard", "0/4", "a"}, `error: --shard takes I/N with 1 <= I <= N (e.g. 1/4), not "0/4"`},
		{[]string{"--test", "a", "a/x.hsh"}, "error: --test: a/x.hsh is given twice: give each script once"},
		{[]string{"--test", "a", "--report", "junit", "missing/r.xml"}, "error: --report missing/r.xml: folder missing does not exist"},
		{[]string{"--test", "a", "--report", "html", "-"}, "error: --report html needs a FILE"},
		{[]string{"--test"}, "error: --test needs FILE or DIR arguments"},
		{[]string{"--jobs", "2", "a/x.hsh"}, "error: --jobs and --shard go with --test"},
	} {
		status, _, stderr := runHTTPSH(t, "", append([]string{"--base", srv.URL}, tc.args...)...)
		if status != 2 || !strings.HasPrefix(stderr, tc.want) || strings.Count(stderr, "error:") != 1 {
			t.Errorf("%v: status %d, stderr:\n%s\nwant 2 and %q", tc.args, status, stderr, tc.want)
		}
	}
	if n := srv.total.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
	// Same base names in different folders stay distinct in reports.
	status, _, stderr := runHTTPSH(t, "", "--test", "--base", srv.URL, "--report", "json", "r.json", "a", "b")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	doc := readJSONReport(t, "r.json")
	if len(doc.Files) != 2 || doc.Files[0].Name != "a/x.hsh" || doc.Files[1].Name != "b/x.hsh" {
		t.Errorf("report names: %+v", doc.Files)
	}
}

// TestSuiteShardsCoverEveryFileOnce runs every shard of 1 to 5 over 7
// files: together they run each file exactly once.
func TestSuiteShardsCoverEveryFileOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string]string{}
	for i := range 7 {
		files[fmt.Sprintf("s/d%d/f%d.hsh", i%3, i)] = "echo hi\n"
	}
	writeFiles(t, ".", files)
	for n := 1; n <= 5; n++ {
		ran := map[string]int{}
		for i := 1; i <= n; i++ {
			report := fmt.Sprintf("r%d-%d.json", i, n)
			status, _, stderr := runHTTPSH(t, "", "--test", "--shard", fmt.Sprintf("%d/%d", i, n), "--report", "json", report, "s")
			if status != 0 {
				t.Fatalf("shard %d/%d: status %d: %s", i, n, status, stderr)
			}
			doc := readJSONReport(t, report)
			if len(doc.Files) < 7/n || len(doc.Files) > 7/n+1 {
				t.Errorf("shard %d/%d ran %d files: not balanced", i, n, len(doc.Files))
			}
			for _, f := range doc.Files {
				ran[f.Name]++
			}
		}
		for name := range files {
			if ran[name] != 1 {
				t.Errorf("%d shards: %s ran %d times", n, name, ran[name])
			}
		}
		if len(ran) != len(files) {
			t.Errorf("%d shards ran %v", n, ran)
		}
	}
}

// TestSuiteRetries: --retry of a request (the flag and the binary's
// default) rides out 503s and a 429 with Retry-After; expect --retry
// re-sends until the check holds; every try is in the JSON report.
func TestSuiteRetries(t *testing.T) {
	srv := startSuiteServer(t)
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{
		"flaky.hsh":   "get /flaky/a?fail=2 --retry 3 --retry-delay 10ms --show status\nexpect status 200\n",
		"default.hsh": "get /flaky/b?fail=1 --show status\nexpect status 200\n",
		"limited.hsh": "get /limited/c --show status\nexpect status 200\n",
		"job.hsh":     "get /job/d --show status\nexpect json .state == done --retry 5 --every 20ms\n",
		"gaveup.hsh":  "get /flaky/e?fail=9 --retry 1 --retry-delay 10ms --show status\nexpect status 200\n",
	})
	start := time.Now()
	status, stdout, stderr := runHTTPSH(t, "", "--test", "--jobs", "5", "--retry", "2", "--retry-delay", "10ms", "--base", srv.URL,
		"--report", "json", "r.json", "flaky.hsh", "default.hsh", "limited.hsh", "job.hsh", "gaveup.hsh")
	if status != 1 {
		t.Fatalf("status %d, want 1 (gaveup.hsh)\nstdout:\n%s\nstderr:\n%s", status, stdout, stderr)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("took %s: Retry-After: 1 was not honoured", took)
	}
	for _, w := range []string{"warning: try 1 of 4: 503 Service Unavailable; trying again in 10ms", "warning: try 1 of 3: 429 Too Many Requests; trying again in 1s",
		"warning: expect try 2 of 6: expect json .state == done: got \"pending\"", "gaveup.hsh:2: error: expect status 200: got 503"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	doc := readJSONReport(t, "r.json")
	want := map[string][]int{ // the status of each try
		"flaky.hsh": {503, 503, 200}, "default.hsh": {503, 200}, "limited.hsh": {429, 200}, "job.hsh": {200, 200, 200}, "gaveup.hsh": {503, 503},
	}
	for _, f := range doc.Files {
		var got []int
		for i, r := range f.Requests {
			got = append(got, r.Status)
			if f.Name != "job.hsh" && r.Attempt != i+1 {
				t.Errorf("%s: try %d has attempt %d", f.Name, i+1, r.Attempt)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want[f.Name]) {
			t.Errorf("%s: tries %v, want %v", f.Name, got, want[f.Name])
		}
	}
}

// TestDryRun prints the requests a script would send, with the
// variables it can resolve, sends none, and skips what needs a response.
func TestDryRun(t *testing.T) {
	srv := startSuiteServer(t)
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"d.hsh": "var id 42\npost /items/{{id}} name=x Authorization:'Bearer s3cret'\nexpect status 201\ncapture token json .token\nget /items/{{token}}\n"})
	status, stdout, stderr := runHTTPSH(t, "", "--dry-run", "--base", srv.URL, "d.hsh")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	for _, w := range []string{"POST /items/42 HTTP/1.1", "Authorization: ***", `"name": "x"`, "# dry run: not sent", "GET /items/%7B%7Btoken%7D%7D HTTP/1.1"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout)
		}
	}
	for _, w := range []string{"d.hsh:3: skipped (dry run: needs a response): expect status 201", "d.hsh:4: skipped (dry run: needs a response): capture token json .token"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	if strings.Contains(stdout+stderr, "s3cret") {
		t.Error("the credential was printed")
	}
	if n := srv.total.Load(); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

// TestSuiteSavedSession: --session gives every file the saved session's
// default headers, each in its own copy.
func TestSuiteSavedSession(t *testing.T) {
	base := startPlayground(t)
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "config"), "HOME": dir}
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		st := repl.Streams{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
		return repl.Main(args, st), out.String(), errb.String()
	}
	t.Chdir(dir)
	if status, _, stderr := run("--base", base, "-c", "headers X-Team:blue", "-c", "session save ci"); status != 0 {
		t.Fatalf("session save: %d %s", status, stderr)
	}
	check := "get /headers --show status\nexpect json '.headers[\"X-Team\"][0]' == blue\nheaders X-Team:red\n"
	writeFiles(t, dir, map[string]string{"t/a.hsh": check, "t/b.hsh": check, "t/c.hsh": check})
	status, stdout, stderr := run("--test", "--jobs", "3", "--session", "ci", "--base", base, "t")
	if status != 0 || !strings.Contains(stdout, "3 files: 3 passed") {
		t.Fatalf("status %d\nstdout:\n%s\nstderr:\n%s", status, stdout, stderr)
	}
}
