package interchange_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/peertest"
	"github.com/httpsh/httpsh/internal/scripttest"
)

// corpus is the .http corpus of internal/httpfile, in the styles of
// REST Client, JetBrains and httpyac.
var corpus = []string{"restclient.http", "jetbrains.http", "httpyac.http", "environments.http"}

// TestCorpusHttpshSameAsHttpyac runs each corpus file in httpsh (`import
// http --run`) and in httpyac against recording servers and compares
// what the servers received: method, target, the file's headers and the
// body (bodies with random system variables excepted).
func TestCorpusHttpshSameAsHttpyac(t *testing.T) {
	yac := peertest.Tool(t, "httpyac")
	dir, _ := filepath.Abs("../../internal/httpfile/testdata")
	for _, name := range corpus {
		t.Run(name, func(t *testing.T) {
			ours, theirs := peertest.NewRecorder(t), peertest.NewRecorder(t)
			x, _, errb := scripttest.Executor(t, "")
			lines := []string{"var addr " + ours.Listener.Addr().String()}
			yargs := []string{"send", filepath.Join(dir, name), "--all", "-o", "none", "--no-color", "--var", "addr=" + theirs.Listener.Addr().String()}
			if name == "environments.http" {
				lines = append(lines, "env use dev --dir "+dir)
				yargs = append(yargs, "-e", "dev")
			}
			for _, l := range append(lines, "import http --run "+filepath.Join(dir, name)) {
				if err := x.ExecuteLine(context.Background(), l); err != nil {
					t.Fatalf("%s: %v\n%s", l, err, errb)
				}
			}
			cmd := exec.Command(yac, yargs...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("httpyac: %v\n%s", err, b)
			}
			a, b := ours.Got(), theirs.Got()
			if len(a) != len(b) {
				t.Fatalf("httpsh sent %d requests, httpyac %d", len(a), len(b))
			}
			src, _ := os.ReadFile(filepath.Join(dir, name))
			for i := range a {
				if a[i].Method != b[i].Method || a[i].RequestURI != b[i].RequestURI {
					t.Errorf("%d: httpsh %s %s, httpyac %s %s", i, a[i].Method, a[i].RequestURI, b[i].Method, b[i].RequestURI)
				}
				if !bytes.Equal(a[i].Body, b[i].Body) && !strings.Contains(string(src), "{{$") {
					t.Errorf("%d: httpsh body %q, httpyac %q", i, a[i].Body, b[i].Body)
				}
				for _, h := range []string{"Content-Type", "Authorization", "X-Api-Key"} {
					if a[i].Header.Get(h) != b[i].Header.Get(h) {
						t.Errorf("%d: %s: httpsh %q, httpyac %q", i, h, a[i].Header.Get(h), b[i].Header.Get(h))
					}
				}
			}
		})
	}
}

// TestExportsReplayedByPeers sends requests with httpsh, exports them
// for python3 requests, HTTPie and httpyac (.http), runs each peer
// against a second recording server and compares the bodies and
// targets each server received with what httpsh sent.
func TestExportsReplayedByPeers(t *testing.T) {
	ours := peertest.NewRecorder(t)
	x, _, errb := scripttest.Executor(t, ours.URL)
	t.Chdir(t.TempDir())
	if err := os.WriteFile("raw.txt", []byte("line\n### not a separator {{x}}\n\x00\xff"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"post /a name=ada n:=1", "post /f --form a=1 b='x y'", "put /raw --data @raw.txt", "request PURGE /cache"} {
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatalf("%s: %v\n%s", l, err, errb)
		}
	}
	sent := ours.Got()
	peers := []struct {
		name, export string
		run          func(t *testing.T, file string) []string
	}{
		{"python", "export python all out.py", func(t *testing.T, f string) []string {
			if exec.Command("/usr/bin/python3", "-c", "import requests").Run() != nil && os.Getenv("CI") != "true" {
				t.Skip("/usr/bin/python3 without requests (apt-get install python3-requests)")
			}
			return []string{"/usr/bin/python3", f}
		}},
		{"httpie", "export httpie all out.sh", func(t *testing.T, f string) []string {
			peertest.Tool(t, "http")
			return []string{"sh", f}
		}},
	}
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			theirs := peertest.NewRecorder(t)
			p.run(t, "") // skips when the peer is missing
			file := strings.Fields(p.export)[3]
			if err := x.ExecuteLine(context.Background(), p.export+" --force"); err != nil {
				t.Fatalf("%s: %v\n%s", p.export, err, errb)
			}
			b, _ := os.ReadFile(file)
			_ = os.WriteFile(file, bytes.ReplaceAll(b, []byte(ours.URL), []byte(theirs.URL)), 0o600)
			argv := p.run(t, file)
			if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", p.name, err, out)
			}
			got := theirs.Got()
			if len(got) != len(sent) {
				t.Fatalf("%s sent %d requests, httpsh %d", p.name, len(got), len(sent))
			}
			for i := range got {
				if got[i].Method != sent[i].Method || got[i].RequestURI != sent[i].RequestURI || !bytes.Equal(got[i].Body, sent[i].Body) {
					t.Errorf("%d: %s %s %s %q, httpsh %s %s %q", i, p.name, got[i].Method, got[i].RequestURI, got[i].Body, sent[i].Method, sent[i].RequestURI, sent[i].Body)
				}
				if got[i].Header.Get("Content-Type") != sent[i].Header.Get("Content-Type") {
					t.Errorf("%d: %s Content-Type %q, httpsh %q", i, p.name, got[i].Header.Get("Content-Type"), sent[i].Header.Get("Content-Type"))
				}
			}
		})
	}
}

// TestExportHARValid exports a session with a form, cookies and a
// redirect as HAR and runs har-validator on it.
func TestExportHARValid(t *testing.T) {
	node, modules := peertest.NodeModule(t, "har-validator")
	rec := peertest.NewRecorder(t)
	x, _, errb := scripttest.Executor(t, rec.URL)
	t.Chdir(t.TempDir())
	for _, l := range []string{"post /f --form a=1 b=2", "get /c Cookie:'s=1; t=2'", "export har out.har"} {
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatalf("%s: %v\n%s", l, err, errb)
		}
	}
	script := `require('har-validator').har(JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))).then(() => process.exit(0), e => { console.error(JSON.stringify(e.errors || e.message)); process.exit(1) })`
	cmd := exec.Command(node, "-e", script, "out.har")
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("har-validator: %v\n%s", err, out)
	}
	b, _ := os.ReadFile("out.har")
	if strings.Count(string(b), `"name": "Host"`) != 2 || !strings.Contains(string(b), `"params"`) {
		t.Errorf("want one Host per entry and postData.params:\n%s", b)
	}
}
