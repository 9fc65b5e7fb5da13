package httpfile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/peertest"
)

// TestTrickyBodiesByHttpyac writes bodies near the format's edges and
// checks that httpyac sends each exactly (inline or from a side file).
func TestTrickyBodiesByHttpyac(t *testing.T) {
	yac := peertest.Tool(t, "httpyac")
	rec := peertest.NewRecorder(t)
	bodies := []string{"a  \nb", "\tx", "@x = 1", "x\n@y=2", "GET http://x", "é ü", "a\n\nb", "{%x%}", "?a=1", "&b=2",
		"HTTP/1.1 200", "a\r\nb", " lead", "x\n    ", "--x", "}}", "{ {", "\u00a0nbsp", "x\n\n\ny", "# @name z", "/* c */", "a\n/*\nb\n*/", "key: value\nother: 2", "\tindented: x"}
	var reqs []collection.Request
	for _, b := range bodies {
		reqs = append(reqs, collection.Request{Method: "POST", URL: rec.URL + "/t", Headers: []collection.Header{{Name: "Content-Type", Value: "text/plain"}},
			Body: collection.Body{Kind: collection.Text, Text: b}})
	}
	out, err := Write(reqs, WriteOptions{SideFiles: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range out.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "t.http")
	if err := os.WriteFile(file, out.Text, 0o600); err != nil {
		t.Fatal(err)
	}
	runHttpyac(t, yac, dir, file)
	got := rec.Got()
	if len(got) != len(bodies) {
		t.Fatalf("httpyac sent %d requests, want %d\n%s", len(got), len(bodies), out.Text)
	}
	for i, g := range got {
		if string(g.Body) != bodies[i] {
			t.Errorf("%d: httpyac sent %q, want %q", i, g.Body, bodies[i])
		}
	}
}
