package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/peertest"
)

func cases(base string) []collection.Request {
	return []collection.Request{
		{Name: "json", Method: "POST", URL: base + "/a?x=1", Headers: []collection.Header{{Name: "Content-Type", Value: "application/json"}, {Name: "X-Trace", Value: "t'1"}},
			Body: collection.Body{Kind: collection.Text, Text: "{\"a\": \"é\\n\"}\n"}, Auth: &collection.Auth{Kind: "basic", User: "ada", Password: "p:w"},
			Cookies: []collection.Cookie{{Name: "sid", Value: "abc"}}, Checks: []collection.Check{{Kind: "status", Value: "200"}, {Kind: "jsonpath", Name: "$.ok", Value: "true"}},
			Captures: []collection.Capture{{Var: "token", Kind: "jsonpath", Expr: "$.json.token"}}},
		{Name: "binary", Method: "PUT", URL: base + "/b", Headers: []collection.Header{{Name: "Content-Type", Value: "application/octet-stream"}},
			Body: collection.Body{Kind: collection.Bytes, Bytes: []byte{0, 1, '\\', 0xff, '\r', '\n', '"'}}, Auth: &collection.Auth{Kind: "bearer", Token: "tok"},
			Settings: map[string]string{"no-redirect": ""}},
		{Name: "form", Method: "POST", URL: base + "/c", Body: collection.Body{Kind: collection.Form, Params: []collection.Param{{Name: "a", Value: "1"}, {Name: "b", Value: "x y&z"}, {Name: "c:d=", Value: "1"}}},
			Auth: &collection.Auth{Kind: "apikey", Key: "api_key", Value: "k", InQuery: true}},
		{Name: "upload", Method: "POST", URL: base + "/d", Body: collection.Body{Kind: collection.Multipart, Parts: []collection.Part{
			{Name: "note", Text: "hello"}, {Name: "f", FileName: "f.bin", ContentType: "application/octet-stream", Bytes: []byte{0, 0xfe, 'x'}}}}},
	}
}

func TestHurl(t *testing.T) {
	out := Hurl(cases("http://h"), "p")
	got := string(out.Text)
	for _, want := range []string{
		"POST http://h/a?x=1\nContent-Type: application/json\nX-Trace: t'1\n[Options]\nlocation: true\n[BasicAuth]\nada: p:w\n[Cookies]\nsid: abc\nbase64,eyJhIjogIsOpXG4ifQo=;\nHTTP 200\n[Captures]\ntoken: jsonpath \"$.json.token\"\n[Asserts]\njsonpath \"$.ok\" == true\n",
		"PUT http://h/b\nContent-Type: application/octet-stream\nAuthorization: Bearer tok\nbase64,AAFc/w0KIg==;\nHTTP *\n",
		"[QueryStringParams]\napi_key: k\n[FormParams]\na: 1\nb: x y&z\nc\\:d\\u{3d}: 1\n",
		"[MultipartFormData]\nnote: hello\nf: file,p-4-2/f.bin; application/octet-stream\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Hurl output lacks\n%s\n--- got:\n%s", want, got)
		}
	}
	if len(out.Files) != 1 || out.Files[0].Name != "p-4-2/f.bin" {
		t.Errorf("files = %+v", out.Files)
	}
	if v := hurlValue("{{x}} #1"); v != `\u{7b}\u{7b}x}} \#1` {
		t.Errorf("hurlValue = %s", v)
	}
	if k := hurlKey("a b:c"); k != `a\u{20}b\:c` {
		t.Errorf("hurlKey = %s", k)
	}
}

func TestHTTPieText(t *testing.T) {
	out := HTTPie(cases("http://h"), "p")
	lines := strings.Split(strings.TrimSpace(string(out.Text)), "\n")
	want := []string{
		`printf '%b' '{"a": "\0303\0251\\n"}\0012' | http --follow -a ada:p:w POST 'http://h/a?x=1' Content-Type:application/json 'X-Trace:t'\''1' Cookie:sid=abc`,
		`printf '%b' '\0000\0001\\\0377\0015\0012"' | http -A bearer -a tok PUT http://h/b Content-Type:application/octet-stream`,
		`http --ignore-stdin --form --follow POST http://h/c api_key==k a=1 'b=x y&z' 'c\:d\==1'`,
		`http --ignore-stdin --multipart --follow POST http://h/d note=hello 'f@./p-4-2/f.bin;type=application/octet-stream'`,
	}
	for i := range want {
		if i >= len(lines) || lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[min(i, len(lines)-1)], want[i])
		}
	}
	if len(out.Files) != 1 || !bytes.Equal(out.Files[0].Data, []byte{0, 0xfe, 'x'}) {
		t.Errorf("files = %+v", out.Files)
	}
}

// checkReceived compares what a peer sent with the cases.
func checkReceived(t *testing.T, tool string, rec *peertest.Recorder, reqs []collection.Request) {
	t.Helper()
	got := rec.Got()
	if len(got) != len(reqs) {
		t.Fatalf("%s sent %d requests, want %d", tool, len(got), len(reqs))
	}
	wantBody := []string{reqs[0].Body.Text, string(reqs[1].Body.Bytes), "a=1&b=x+y%26z&c%3Ad%3D=1", ""}
	wantURI := []string{"/a?x=1", "/b", "/c?api_key=k", "/d"}
	for i, g := range got {
		if g.Method != reqs[i].Method || g.RequestURI != wantURI[i] {
			t.Errorf("%s %d: %s %s", tool, i, g.Method, g.RequestURI)
		}
		if i < 3 && string(g.Body) != wantBody[i] {
			t.Errorf("%s %d: body %q, want %q", tool, i, g.Body, wantBody[i])
		}
		for _, h := range reqs[i].Headers {
			if g.Header.Get(h.Name) != h.Value {
				t.Errorf("%s %d: %s = %q, want %q", tool, i, h.Name, g.Header.Get(h.Name), h.Value)
			}
		}
	}
	if a := got[0].Header.Get("Authorization"); a != "Basic YWRhOnA6dw==" || got[0].Header.Get("Cookie") != "sid=abc" {
		t.Errorf("%s: auth %q cookie %q", tool, a, got[0].Header.Get("Cookie"))
	}
	if a := got[1].Header.Get("Authorization"); a != "Bearer tok" {
		t.Errorf("%s: bearer %q", tool, a)
	}
	mp := string(got[3].Body)
	if !strings.Contains(mp, "name=\"note\"\r\n\r\nhello\r\n") || !strings.Contains(mp, "filename=\"f.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\xfex\r\n") {
		t.Errorf("%s: multipart body %q", tool, mp)
	}
}

func TestPythonReplayedByRequests(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err == nil {
		err = exec.Command(py, "-c", "import requests").Run()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 with requests is needed: apt-get install python3-requests")
		}
		t.Skip("python3 with requests not found: apt-get install python3-requests")
	}
	rec := peertest.NewRecorder(t)
	reqs := cases(rec.URL)
	file := filepath.Join(t.TempDir(), "replay.py")
	if err := os.WriteFile(file, Python(reqs).Text, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(py, file).CombinedOutput(); err != nil {
		t.Fatalf("python3: %v\n%s\n%s", err, out, Python(reqs).Text)
	}
	checkReceived(t, "python", rec, reqs)
}

func TestHTTPieReplayed(t *testing.T) {
	if _, err := exec.LookPath("http"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("HTTPie is needed: apt-get install httpie")
		}
		t.Skip("HTTPie (http) not found: apt-get install httpie")
	}
	rec := peertest.NewRecorder(t)
	reqs := cases(rec.URL)
	out := HTTPie(reqs, "p")
	dir := t.TempDir()
	for _, f := range out.Files {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Name)), 0o700)
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("sh", "-e", "-c", string(out.Text))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HTTPIE_CONFIG_DIR="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("http: %v\n%s", err, b)
	}
	checkReceived(t, "httpie", rec, reqs)
}

// TestHurlReplayed runs hurl --test on the Hurl output. Hurl is not on
// Debian or a package registry that works offline (its npm package
// downloads the binary from GitHub), so a missing hurl always skips.
func TestHurlReplayed(t *testing.T) {
	hurl, err := exec.LookPath("hurl")
	if err == nil {
		err = exec.Command(hurl, "--version").Run()
	}
	if err != nil {
		t.Skip("hurl not found (install it from https://hurl.dev): the Hurl output is checked as text only")
	}
	rec := peertest.NewRecorder(t)
	reqs := cases(rec.URL)
	dir := t.TempDir()
	out := Hurl(reqs, "p")
	for _, f := range out.Files {
		_ = os.MkdirAll(filepath.Dir(filepath.Join(dir, f.Name)), 0o700)
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "replay.hurl")
	if err := os.WriteFile(file, out.Text, 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(hurl, "--test", "--file-root", dir, file).CombinedOutput(); err != nil {
		t.Fatalf("hurl: %v\n%s", err, b)
	}
	checkReceived(t, "hurl", rec, reqs)
}
