package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands/all"
)

// TestReadmeReference keeps README's command reference equal to what the
// registry (and so `help`) says. -update rewrites it.
func TestReadmeReference(t *testing.T) {
	const start, end = "<!-- reference:start -->\n", "<!-- reference:end -->"
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i, j := strings.Index(text, start), strings.Index(text, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", start, end)
	}
	var ref bytes.Buffer
	all.Registry().WriteReference(&ref)
	want := text[:i+len(start)] + ref.String() + text[j:]
	if want == text {
		return
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's command reference is out of date with the registry: run go test -run TestReadmeReference -update")
}
