package render

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const chromaPath = "github.com/alecthomas/chroma/v2"

// TestOnlyHighlightImportsChroma keeps chroma in the files highlight*.go,
// so that one place decides what of it render uses.
func TestOnlyHighlightImportsChroma(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "highlight") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == chromaPath || strings.HasPrefix(p, chromaPath+"/") {
				t.Errorf("%s imports %s: only highlight*.go may", f, p)
			}
		}
	}
}

// TestNoChromaRegistries keeps chroma/lexers and chroma/styles out of
// render's dependencies: their init parses every definition they embed,
// about 20 ms at each start. Render embeds its own copies (chroma/).
func TestNoChromaRegistries(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == chromaPath+"/lexers" || dep == chromaPath+"/styles" {
			t.Errorf("render depends on %s", dep)
		}
	}
}
