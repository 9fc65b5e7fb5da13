package interchange_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/peertest"
	"github.com/httpsh/httpsh/internal/scripttest"
	"github.com/rogpeppe/go-internal/txtar"
)

// peer returns the path of a peer program, or skips (fails under CI).
func peer(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (apt-get install %s)", name, name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// corpusCommands are the logical lines (backslash continuations joined)
// of commands.sh that start with curl.
func corpusCommands(text string) []string {
	var out []string
	cur := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, `\`) {
			cur += line + "\n"
			continue
		}
		cur += line
		if strings.HasPrefix(strings.TrimSpace(cur), "curl ") {
			out = append(out, cur)
		}
		cur = ""
	}
	return out
}

// TestImportCurlCorpus runs every line of testdata/curl_corpus.txtar
// through bash and the real curl, then through `import curl` and `send`,
// against one loopback recorder, and compares what the server received:
// method, path and query, the headers (but User-Agent's default and
// Accept-Encoding), and the body bytes (multipart: each part's headers
// and bytes, in order). Issue 11, items 3 and 4.
func TestImportCurlCorpus(t *testing.T) {
	bash := peer(t, "bash")
	peer(t, "curl")
	ar, err := txtar.ParseFile("testdata/curl_corpus.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var script string
	for _, f := range ar.Files {
		if f.Name == "commands.sh" {
			script = string(f.Data)
			continue
		}
		writeFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	writeFile(t, filepath.Join(dir, "pic.png"), []byte("\x89PNG\r\n\x1a\n\x00\xff-binary"))
	writeFile(t, filepath.Join(dir, "pic.bin"), []byte("--not-an-option\x00\r\n\xfe\xff"))
	rec := peertest.NewRecorder(t)
	host := strings.TrimPrefix(rec.URL, "http://")
	t.Chdir(dir)
	for i, line := range corpusCommands(script) {
		_, path, _ := strings.Cut(line, "HOST")
		path, _, _ = strings.Cut(strings.Trim(path, `'"`), "?")
		path = strings.Trim(strings.Fields(path + " ")[0], `'"`)
		line = strings.ReplaceAll(line, "HOST", host)
		t.Run(fmt.Sprintf("%02d%s", i+1, path), func(t *testing.T) {
			n := len(rec.Got())
			cmd := exec.Command(bash, "-c", line+" -o /dev/null")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("curl: %v\n%s", err, out)
			}
			x, out, _ := scripttest.Executor(t, "")
			in := line + "\n"
			ctx := context.Background()
			if err := x.Execute(ctx, &commands.Logical{Text: "import curl", Input: &in, Literal: true}); err != nil {
				t.Fatalf("import curl: %v\n%s", err, out)
			}
			if err := x.ExecuteLine(ctx, "send"); err != nil {
				t.Fatalf("send: %v\n%s", err, out)
			}
			got := rec.Got()[n:]
			if len(got) != 2 {
				t.Fatalf("server got %d requests, want 2", len(got))
			}
			want, have := received(t, got[0]), received(t, got[1])
			if !reflect.DeepEqual(want, have) {
				t.Errorf("curl sent:\n%s\nimport curl sent:\n%s\n(%s)", want, have, out)
			}
		})
	}
}

// received is what matters of a request, as text for comparing.
func received(t *testing.T, r peertest.Received) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", r.Method, r.RequestURI)
	var names []string
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range r.Header[k] {
			switch k {
			case "Accept-Encoding", "Content-Length", "Expect":
				continue
			case "User-Agent":
				if strings.HasPrefix(v, "curl/") || strings.HasPrefix(v, "httpsh") {
					continue
				}
			case "Cookie":
				v = strings.Join(strings.Fields(strings.ReplaceAll(v, ";", "; ")), " ")
			case "Content-Type":
				if mt, _, err := mime.ParseMediaType(v); err == nil && mt == "multipart/form-data" {
					v = mt
				}
			}
			fmt.Fprintf(&b, "%s: %q\n", k, v)
		}
	}
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if boundary := params["boundary"]; boundary != "" {
		mr := multipart.NewReader(bytes.NewReader(r.Body), boundary)
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("multipart: %v", err)
			}
			body, _ := io.ReadAll(p)
			fmt.Fprintf(&b, "part %q %q: %q\n", p.Header.Get("Content-Disposition"), p.Header.Get("Content-Type"), body)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "\n%q\n", r.Body)
	return b.String()
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
