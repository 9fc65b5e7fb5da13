package har

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/peertest"
)

func readTestdata(t *testing.T, name string, opt ReadOptions) *Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(name, data, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestReadChrome(t *testing.T) {
	res := readTestdata(t, "chrome.har", ReadOptions{})
	if len(res.Requests) != 1 || len(res.Skipped) != 1 {
		t.Fatalf("requests %d, skipped %q", len(res.Requests), res.Skipped)
	}
	r := res.Requests[0]
	var names []string
	for _, h := range r.Headers {
		names = append(names, h.Name)
	}
	if got := strings.Join(names, " "); got != "accept content-type sec-fetch-mode sec-fetch-site" {
		t.Errorf("headers = %s", got)
	}
	if len(r.Cookies) != 2 || r.Cookies[0] != (collection.Cookie{Name: "sid", Value: "abc"}) {
		t.Errorf("cookies = %v", r.Cookies)
	}
	if r.Body.Text != `{"user":"ada"}` || r.Checks[0] != (collection.Check{Kind: "status", Value: "200"}) || r.Pos.String() != "chrome.har: log.entries[0]" {
		t.Errorf("request = %+v", r)
	}
}

func TestReadFirefoxParamsAndMatch(t *testing.T) {
	res := readTestdata(t, "firefox.har", ReadOptions{Match: "/form"})
	r := res.Requests[0]
	if r.Body.Kind != collection.Form || len(r.Body.Params) != 2 || r.Body.Params[1].Value != "x y" || r.Checks[0].Value != "302" {
		t.Errorf("request = %+v", r)
	}
	if _, ok := r.Header("Host"); ok {
		t.Error("Host kept")
	}
	if _, ok := r.Header("Connection"); ok {
		t.Error("Connection kept")
	}
	if res := readTestdata(t, "firefox.har", ReadOptions{Match: "nothing"}); len(res.Requests) != 0 {
		t.Errorf("match kept %v", res.Requests)
	}
}

func TestReadMultipartParams(t *testing.T) {
	src := `{"log": {"entries": [{"request": {"method": "POST", "url": "http://h/u",
	  "headers": [{"name": "Content-Type", "value": "multipart/form-data; boundary=XyZ"}],
	  "postData": {"mimeType": "multipart/form-data; boundary=XyZ", "params": [{"name": "a", "value": "1"}, {"name": "f", "fileName": "f.txt", "contentType": "text/plain", "value": "hi"}]}}}]}}`
	res, err := Read("x.har", []byte(src), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Requests[0].Body
	if b.Kind != collection.Multipart || b.Boundary != "XyZ" || len(b.Parts) != 2 || b.Parts[1].FileName != "f.txt" || b.Parts[1].Text != "hi" {
		t.Errorf("body = %+v", b)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"{", "x.har: not a HAR file: line 1, column 2"},
		{"[]", "x.har: not a HAR file"},
		{`{"x": 1}`, "x.har: log: missing"},
		{`{"log": {}}`, "x.har: log.entries: missing"},
		{`{"log": {"entries": [{"request": {"method": "GET", "url": "http://a/"}}, {"request": {"method": "GET"}}]}}`, "x.har: log.entries[1].request.url: missing"},
		{`{"log": {"entries": [{"request": {"method": 3}}]}}`, "x.har: log.entries[0].request.method: must be a string, not a number"},
	}
	for _, tt := range tests {
		_, err := Read("x.har", []byte(tt.src), ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%s) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func sampleExchanges() []Exchange {
	start := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
	return []Exchange{{
		Start: start,
		Request: Message{Method: "POST", URL: "http://127.0.0.1:8080/form?q=1", Proto: "HTTP/1.1",
			Headers: []collection.Header{{Name: "Host", Value: "127.0.0.1:8080"}, {Name: "Cookie", Value: "sid=1; t=2"}, {Name: "Content-Type", Value: "application/x-www-form-urlencoded"}},
			Body:    []byte("a=1&b=x+y")},
		Response: &Message{Status: 200, Reason: "OK", Proto: "HTTP/1.1", WireSize: 4,
			Headers: []collection.Header{{Name: "Content-Type", Value: "image/png"}, {Name: "Set-Cookie", Value: "sid=2; Path=/; Domain=example.com; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax"}},
			Body:    []byte{0x89, 'P', 'N', 'G'}},
		Timings: Timings{Blocked: -1, DNS: 2 * time.Millisecond, Connect: 3 * time.Millisecond, SSL: -1, Send: time.Millisecond, Wait: 10 * time.Millisecond, Receive: 4 * time.Millisecond},
	}, {
		Start:   start,
		Request: Message{Method: "PUT", URL: "http://127.0.0.1:8080/bin", Headers: []collection.Header{{Name: "Content-Type", Value: "application/octet-stream"}}, Body: []byte{0xff, 0}},
		Timings: Timings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1},
	}}
}

func TestMarshal(t *testing.T) {
	b, err := Marshal("httpsh", "0.1.0", sampleExchanges())
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Log struct{ Entries []outEntry } `json:"log"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	e := doc.Log.Entries[0]
	if e.Time != 20 {
		t.Errorf("time = %v, want 20 (2+3+1+10+4)", e.Time)
	}
	hosts := 0
	for _, h := range e.Request.Headers {
		if strings.EqualFold(h.Name, "host") {
			hosts++
		}
	}
	if hosts != 1 || len(e.Request.Cookies) != 2 || len(e.Request.PostData.Params) != 2 || e.Request.PostData.Params[1].Value != "x y" {
		t.Errorf("request = %+v", e.Request)
	}
	c := e.Response.Cookies[0]
	if c.Path != "/" || c.Domain != "example.com" || *c.Expires != "2037-10-21T07:28:00.000Z" || !*c.HTTPOnly || !*c.Secure || c.SameSite != "Lax" {
		t.Errorf("cookie = %+v", c)
	}
	if e.Response.Content.Encoding != "base64" || e.Response.Content.Text != "iVBORw==" {
		t.Errorf("content = %+v", e.Response.Content)
	}
	if pd := doc.Log.Entries[1].Request.PostData; pd.Text != "" || !strings.Contains(pd.Comment, "binary body of 2 bytes") {
		t.Errorf("binary postData = %+v", pd)
	}
	if strings.Contains(string(b), `"encoding": "base64",
          "comment"`) {
		t.Error("encoding outside content")
	}
}

// TestMarshalValidUnderSchema runs har-validator on Marshal's output and
// on the corpus.
func TestMarshalValidUnderSchema(t *testing.T) {
	node, modules := peertest.NodeModule(t, "har-validator")
	b, err := Marshal("httpsh", "0.1.0", sampleExchanges())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.har")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{out, "testdata/chrome.har", "testdata/firefox.har"} {
		script := `require('har-validator').har(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))).then(() => process.exit(0), e => { console.error(JSON.stringify(e.errors || e.message)); process.exit(1) })`
		cmd := exec.Command(node, "-e", script, f)
		cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("har-validator %s: %v\n%s", f, err, msg)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, n := range []string{"chrome.har", "firefox.har"} {
		b, _ := os.ReadFile("testdata/" + n)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Read("f.har", data, ReadOptions{Match: "a"})
	})
}

func TestMarshalReadBack(t *testing.T) {
	b, err := Marshal("httpsh", "0.1.0", sampleExchanges())
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read("out.har", b, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Requests[0]
	if r.Method != "POST" || r.URL != "http://127.0.0.1:8080/form?q=1" || r.Body.Text != "a=1&b=x+y" || len(r.Cookies) != 2 || r.Checks[0].Value != "200" {
		t.Errorf("read back %+v", r)
	}
	if v, _ := r.Header("Content-Type"); v != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %q", v)
	}
	if len(res.Requests[1].Checks) != 0 {
		t.Errorf("an entry without response got checks %v", res.Requests[1].Checks)
	}
}
