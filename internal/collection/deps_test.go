package collection

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCollectionPackagesImportOnlyInternal keeps the collection packages
// where ARCHITECTURE.md puts internal/: they import the standard library
// and other internal packages only (no session, commands or modules).
func TestCollectionPackagesImportOnlyInternal(t *testing.T) {
	const mod = "github.com/httpsh/httpsh/"
	pkgs := []string{"collection", "httpfile", "envfile", "har", "postman", "export"}
	for _, p := range pkgs {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "../"+p).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", p, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, mod+"internal/") || dep == mod+"internal/peertest" {
				t.Errorf("internal/%s imports %s: only the standard library and internal/ are allowed (peertest in tests only)", p, dep)
			}
		}
	}
}
