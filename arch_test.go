package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands/all"
)

const mod = "github.com/httpsh/httpsh"

// families are the command families: commands/<family>, each imported
// only by commands/all.
func families(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("commands")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && e.Name() != "all" && e.Name() != "testdata" {
			out = append(out, "commands/"+e.Name())
		}
	}
	if len(out) < 5 {
		t.Fatalf("found %d command families under commands/: %v", len(out), out)
	}
	return out
}

// TestImportDirection keeps the import graph of ARCHITECTURE.md: main →
// repl → {commands/all → families, completion, history} → commands (the
// language) → {session, internal/*}. A family imports only the language,
// session and internal packages (interchange may use request); completion
// imports no family; session imports only its jar, the jar nothing of
// ours; internal packages import each other and session only (render
// shows session's exchanges). internal/hostile and internal/scripttest
// serve tests alone.
func TestImportDirection(t *testing.T) {
	lower := []string{"session", "session/jar", "internal/"}
	allowed := map[string][]string{
		"session/jar":         {},
		"session":             {"session/jar"},
		"history":             {},
		"internal/render":     {"session", "session/jar", "internal/"},
		"internal/explain":    {"internal/"},
		"internal/playground": {"internal/"},
		"internal/fileout":    {"session", "session/jar", "internal/"},
		"internal/lesson":     {"internal/"},
		"commands":            lower,
		"completion":          append([]string{"commands"}, lower...),
	}
	for _, f := range families(t) {
		ok := append([]string{"commands"}, lower...)
		if f == "commands/interchange" {
			ok = append(ok, "commands/request")
		}
		allowed[f] = ok
	}
	for pkg, ok := range allowed {
		for _, dep := range deps(t, pkg) {
			if !allowedDep(dep, ok) {
				t.Errorf("%s imports %s (allowed: %v)", pkg, dep, ok)
			}
		}
	}
}

// deps lists the packages of ours that pkg depends on, itself excluded.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", "./"+pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps ./%s: %v", pkg, err)
	}
	var ours []string
	for _, dep := range strings.Fields(string(out)) {
		if rel, ok := strings.CutPrefix(dep, mod+"/"); ok && rel != pkg {
			ours = append(ours, rel)
		}
	}
	return ours
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

// TestCommandsAreData: a command's usage and name live in its value. No
// family writes a usage error by hand or looks itself up in the
// registry, and completion names no command: it reads their metadata.
func TestCommandsAreData(t *testing.T) {
	usage := regexp.MustCompile(`Usagef\("usage:|Registry\(\)\.Lookup\(|Registry\.Lookup\(`)
	for _, f := range families(t) {
		for _, file := range goFiles(t, f) {
			for i, line := range lines(t, file) {
				if usage.MatchString(line) {
					t.Errorf("%s:%d: %s: derive usage errors from the Command value (call.UsageError) and get flags from the typed options", file, i+1, strings.TrimSpace(line))
				}
			}
		}
	}
	var names []string
	for _, n := range all.Registry().Names() {
		names = append(names, regexp.QuoteMeta(n))
	}
	named := regexp.MustCompile(`(case|==|!=)\s*"(` + strings.Join(names, "|") + `)"`)
	for _, file := range goFiles(t, "completion") {
		for i, line := range lines(t, file) {
			if named.MatchString(line) {
				t.Errorf("%s:%d: %s: completion names a command; put the hint in the command's metadata", file, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// goFiles lists the non-test Go files of dir.
func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			out = append(out, f)
		}
	}
	return out
}

func lines(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(b), "\n")
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
