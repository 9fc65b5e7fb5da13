package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportDirection keeps the import direction of ARCHITECTURE.md:
// main → repl → {commands, completion, history}, commands → {session,
// internal/render}, completion → {commands, session}; session and
// history import nothing of ours, the internal packages only other
// internal ones.
func TestImportDirection(t *testing.T) {
	const mod = "github.com/httpsh/httpsh"
	allowed := map[string][]string{
		"session":             {},
		"history":             {},
		"internal/render":     {"session", "internal/"},
		"internal/explain":    {"internal/"},
		"internal/playground": {"internal/"},
		"commands":            {"session", "internal/"},
		"completion":          {"commands", "session", "internal/"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps ./%s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			rel, ours := strings.CutPrefix(dep, mod+"/")
			if !ours || rel == pkg {
				continue
			}
			if !allowedDep(rel, ok) {
				t.Errorf("%s imports %s (allowed: %v)", pkg, rel, ok)
			}
		}
	}
}

// allowedDep reports whether rel is one of ok, or under an ok prefix
// ending in "/".
func allowedDep(rel string, ok []string) bool {
	for _, a := range ok {
		if rel == a || strings.HasSuffix(a, "/") && strings.HasPrefix(rel, a) {
			return true
		}
	}
	return false
}

// TestOnlyTerminalImportsPrompt keeps go-prompt and x/term in the files of
// repl that own the terminal.
func TestOnlyTerminalImportsPrompt(t *testing.T) {
	out, err := exec.Command("git", "grep", "-l", "-e", `"github.com/c-bata/go-prompt"`, "-e", `"golang.org/x/term"`, "--", "*.go", ":!*_test.go").Output()
	if err != nil {
		t.Skipf("git grep: %v", err)
	}
	for _, f := range strings.Fields(string(out)) {
		if f != "repl/terminal.go" && f != "repl/terminal_other.go" && f != "repl/terminal_common.go" {
			t.Errorf("%s imports go-prompt or x/term: only repl/terminal.go may", f)
		}
	}
}
