package httpfile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/envfile"
	"github.com/httpsh/httpsh/internal/peertest"
)

func writeCases(base string) []collection.Request {
	js := collection.Header{Name: "Content-Type", Value: "application/json"}
	mp := collection.Header{Name: "Content-Type", Value: "multipart/form-data; boundary=XyZ"}
	return []collection.Request{
		{Name: "json", Method: "POST", URL: base + "/a?x=1", Headers: []collection.Header{js, {Name: "X-Trace", Value: "t1"}},
			Body: collection.Body{Kind: collection.Text, Text: "{\n  \"a\": 1\n}"}},
		{Name: "binary", Method: "PUT", URL: base + "/b", Headers: []collection.Header{{Name: "Content-Type", Value: "application/octet-stream"}},
			Body: collection.Body{Kind: collection.Bytes, Bytes: []byte{0, 1, 2, 0xff, '\r', '\n'}}},
		{Name: "tricky", Method: "POST", URL: base + "/c", Headers: []collection.Header{{Name: "Content-Type", Value: "text/plain"}},
			Body: collection.Body{Kind: collection.Text, Text: "line\n### not a separator\n{{x}} stays\n"}},
		{Name: "upload", Method: "POST", URL: base + "/d", Headers: []collection.Header{mp},
			Body: collection.Body{Kind: collection.Multipart, Boundary: "XyZ", Parts: []collection.Part{
				{Name: "note", Text: "hello"},
				{Name: "f", FileName: "f.bin", ContentType: "application/octet-stream", Bytes: []byte{0, 0xfe, 'x'}},
			}}},
		{Name: "get", Method: "GET", URL: base + "/e", Headers: []collection.Header{{Name: "Accept", Value: "text/plain"}}},
	}
}

func TestWriteSideFilesAndWarnings(t *testing.T) {
	reqs := append(writeCases("http://h"), collection.Request{Method: "PURGE", URL: "http://h/p"})
	out, err := Write(reqs, WriteOptions{SideFiles: true, Prefix: "x"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range out.Files {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "x-2.bin x-3.txt x-4-2.bin" {
		t.Errorf("side files = %s\n%s", got, out.Text)
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0], "PURGE") {
		t.Errorf("warnings = %q", out.Warnings)
	}
	back, err := Parse("x.http", out.Text)
	if err != nil {
		t.Fatalf("own output does not parse: %v\n%s", err, out.Text)
	}
	if len(back.Requests) != len(reqs) || back.Requests[0].Body.Text != reqs[0].Body.Text || back.Requests[3].Body.Parts[1].File != "./x-4-2.bin" {
		t.Errorf("round trip = %+v", back.Requests)
	}
	if _, err := Write(reqs[1:2], WriteOptions{}); err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("binary without side files: %v", err)
	}
	if _, err := Write([]collection.Request{{Method: "GET", URL: "http://h/{{x}}"}}, WriteOptions{}); err == nil {
		t.Error("{{ in a URL was written")
	}
}

// TestWriteReplayedByHttpyac runs the real httpyac on Write's output and
// on the corpus, and compares what the loopback server received.
func TestWriteReplayedByHttpyac(t *testing.T) {
	yac := peertest.Tool(t, "httpyac")
	rec := peertest.NewRecorder(t)
	reqs := writeCases(rec.URL)
	out, err := Write(reqs, WriteOptions{SideFiles: true, Prefix: "exp"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range out.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "exp.http")
	if err := os.WriteFile(file, out.Text, 0o600); err != nil {
		t.Fatal(err)
	}
	runHttpyac(t, yac, dir, file)
	got := rec.Got()
	if len(got) != len(reqs) {
		t.Fatalf("server got %d requests, want %d\n%s", len(got), len(reqs), out.Text)
	}
	want := [][]byte{[]byte(reqs[0].Body.Text), reqs[1].Body.Bytes, []byte(reqs[2].Body.Text),
		[]byte("--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\xfex\r\n--XyZ--"), {}}
	for i, g := range got {
		if g.Method != reqs[i].Method || "http://"+rec.Listener.Addr().String()+g.RequestURI != reqs[i].URL {
			t.Errorf("%d: got %s %s", i, g.Method, g.RequestURI)
		}
		if !bytes.Equal(g.Body, want[i]) {
			t.Errorf("%d (%s): body %q, want %q", i, reqs[i].Name, g.Body, want[i])
		}
		for _, h := range reqs[i].Headers {
			if g.Header.Get(h.Name) != h.Value {
				t.Errorf("%d: %s = %q, want %q", i, h.Name, g.Header.Get(h.Name), h.Value)
			}
		}
	}
}

func runHttpyac(t *testing.T, yac, dir, file string, vars ...string) {
	t.Helper()
	args := append([]string{"send", file, "--all", "-o", "none", "--no-color"}, vars...)
	cmd := exec.Command(yac, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("httpyac: %v\n%s", err, b)
	}
}

// TestCorpusSameAsHttpyac sends the corpus with httpyac and compares each
// request the server received with what Resolve builds.
func TestCorpusSameAsHttpyac(t *testing.T) {
	yac := peertest.Tool(t, "httpyac")
	dir, _ := filepath.Abs("testdata")
	envs, err := envfile.Load(dir, nil, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := envs.Vars("dev")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"restclient.http", "jetbrains.http", "httpyac.http", "environments.http", "httpyac-chain.http"} {
		t.Run(name, func(t *testing.T) {
			rec := peertest.NewRecorder(t)
			addr := rec.Listener.Addr().String()
			args := []string{"--var", "addr=" + addr}
			if name == "environments.http" {
				args = append(args, "-e", "dev")
			}
			runHttpyac(t, yac, dir, filepath.Join(dir, name), args...)
			got := rec.Got()
			f := parseFile(t, name)
			if len(got) != len(f.Requests) {
				t.Fatalf("httpyac sent %d, we read %d", len(got), len(f.Requests))
			}
			resp := fixedResponses{}
			for i := range f.Requests {
				sc := &Scope{Vars: []map[string]string{f.VarMap(), envfile.Map(dev), {"addr": addr}}, Responses: resp,
					System: &System{Rand: bytes.NewReader(make([]byte, 64)), Now: time.Now}}
				r, err := Resolve(&f.Requests[i], dir, sc, os.ReadFile)
				if err != nil {
					t.Fatal(err)
				}
				resp[r.Name] = &Response{Headers: []collection.Header{{Name: "Content-Type", Value: "application/json"}}, Body: []byte(`{"json":{"token":"abc123"},"ok":true}`)}
				g := got[i]
				if g.Method != r.Method || "http://"+addr+g.RequestURI != r.URL {
					t.Errorf("%d: httpyac %s %s, we %s %s", i, g.Method, g.RequestURI, r.Method, r.URL)
				}
				if !strings.Contains(string(f.Requests[i].Body.Text), "{{$") && !bytes.Equal(g.Body, r.Body) {
					t.Errorf("%d: httpyac body %q, we %q", i, g.Body, r.Body)
				}
				for _, h := range r.Headers {
					if g.Header.Get(h.Name) != h.Value && h.Name != "X-When" {
						t.Errorf("%d: httpyac %s: %q, we %q", i, h.Name, g.Header.Get(h.Name), h.Value)
					}
				}
			}
		})
	}
}

// FuzzWriteRoundTrip: whatever the body, Write's text read back by Parse
// and Resolve (with its side files) gives the same bytes.
func FuzzWriteRoundTrip(f *testing.F) {
	f.Add([]byte("{\"a\": 1}"), "text/plain")
	f.Add([]byte("x\n### y\n{{z}}"), "application/json")
	f.Add([]byte{0, 0xff}, "")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		if strings.ContainsAny(ct, "\r\n{") {
			return
		}
		r := collection.Request{Method: "POST", URL: "http://h/x", Body: collection.Body{Kind: collection.Bytes, Bytes: body}}
		if ct = strings.TrimSpace(ct); ct != "" {
			r.Headers = []collection.Header{{Name: "Content-Type", Value: ct}}
		}
		out, err := Write([]collection.Request{r}, WriteOptions{SideFiles: true})
		if err != nil {
			if strings.Contains(err.Error(), "multipart") {
				return // a multipart Content-Type without parts is refused
			}
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, sf := range out.Files {
			files[filepath.Join("d", sf.Name)] = sf.Data
		}
		back, err := Parse("x.http", out.Text)
		if err != nil {
			t.Fatalf("%v\n%s", err, out.Text)
		}
		if len(back.Requests) != 1 {
			t.Fatalf("%d requests\n%s", len(back.Requests), out.Text)
		}
		read := func(p string) ([]byte, error) { return files[p], nil }
		got, err := Resolve(&back.Requests[0], "d", &Scope{}, read)
		if err != nil {
			t.Fatalf("%v\n%s", err, out.Text)
		}
		if !bytes.Equal(got.Body, body) && len(body) > 0 {
			t.Fatalf("body %q, want %q\n%s", got.Body, body, out.Text)
		}
	})
}

func TestWriteFormAuthCookies(t *testing.T) {
	r := collection.Request{Method: "POST", URL: "http://h/f?a=1", Auth: &collection.Auth{Kind: "apikey", Key: "k", Value: "v w", InQuery: true},
		Cookies: []collection.Cookie{{Name: "sid", Value: "1"}},
		Body:    collection.Body{Kind: collection.Form, Params: []collection.Param{{Name: "x", Value: "1 2"}, {Name: "y", Value: "&"}}}}
	b := collection.Request{Method: "GET", URL: "http://h/", Auth: &collection.Auth{Kind: "basic", User: "ada", Password: "pw"}}
	out, err := Write([]collection.Request{r, b}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "###\nPOST http://h/f?a=1&k=v+w HTTP/1.1\nCookie: sid=1\nContent-Type: application/x-www-form-urlencoded\n\nx=1+2&y=%26\n\n###\nGET http://h/ HTTP/1.1\nAuthorization: Basic YWRhOnB3\n"
	if string(out.Text) != want {
		t.Errorf("got\n%s\nwant\n%s", out.Text, want)
	}
}

func TestWriteTemplatesForEdit(t *testing.T) {
	r := collection.Request{Name: "me", Method: "GET", URL: "{{base}}/me", Headers: []collection.Header{{Name: "Authorization", Value: "Bearer {{token}}"}},
		Body: collection.Body{Kind: collection.Text, Text: `{"id": "{{id}}"}`}}
	out, err := Write([]collection.Request{r}, WriteOptions{Templates: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("edit.http", out.Text)
	if err != nil || len(f.Requests) != 1 {
		t.Fatalf("%v\n%s", err, out.Text)
	}
	got := f.Requests[0]
	if got.URL != r.URL || got.Headers[0] != r.Headers[0] || got.Body.Text != r.Body.Text || got.Name != "me" {
		t.Errorf("read back %+v", got)
	}
}

// TestWireMultipartExactByHttpyac: a multipart body given as bytes goes
// to one side file, and httpyac sends exactly those bytes.
func TestWireMultipartExactByHttpyac(t *testing.T) {
	yac := peertest.Tool(t, "httpyac")
	rec := peertest.NewRecorder(t)
	body := []byte("--b1\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n\x00\x01\r\n--b1--\r\n")
	r := collection.Request{Method: "POST", URL: rec.URL + "/m", Headers: []collection.Header{{Name: "Content-Type", Value: "multipart/form-data; boundary=b1"}},
		Body: collection.Body{Kind: collection.Bytes, Bytes: body}}
	out, err := Write([]collection.Request{r}, WriteOptions{SideFiles: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range out.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "m.http")
	if err := os.WriteFile(file, out.Text, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("m.http", out.Text); err != nil {
		t.Fatal(err)
	}
	runHttpyac(t, yac, dir, file)
	if got := rec.Got(); len(got) != 1 || !bytes.Equal(got[0].Body, body) {
		t.Errorf("httpyac sent %q, want %q", got, body)
	}
}
