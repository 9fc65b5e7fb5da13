package history

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		want     string
		wantFail bool
	}{
		{"xdg", map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/home/u"}, "/s/httpsh/history", false},
		{"home fallback", map[string]string{"HOME": "/home/u"}, "/home/u/.local/state/httpsh/history", false},
		{"relative xdg ignored", map[string]string{"XDG_STATE_HOME": "state", "HOME": "/home/u"}, "/home/u/.local/state/httpsh/history", false},
		{"nothing", map[string]string{}, "", true},
		{"relative home", map[string]string{"HOME": "u"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultPath(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantFail || got != filepath.FromSlash(tt.want) {
				t.Errorf("DefaultPath = %q, %v; want %q, fail %v", got, err, tt.want, tt.wantFail)
			}
		})
	}
}

func open(t *testing.T, path string, max int) *History {
	t.Helper()
	h, err := Open(path, max)
	if err != nil {
		t.Fatalf("Open(%q, %d): %v", path, max, err)
	}
	return h
}

func add(t *testing.T, h *History, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if err := h.Add(l); err != nil {
			t.Fatalf("Add(%q): %v", l, err)
		}
	}
}

func wantLines(t *testing.T, h *History, want ...string) {
	t.Helper()
	if got := h.Lines(); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("Lines() = %q, want %q", got, want)
	}
}

func wantMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
	}
}

// noTemps fails if dir holds anything but the given names.
func noTemps(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !slices.Contains(names, e.Name()) {
			t.Errorf("%s left behind in %s", e.Name(), dir)
		}
	}
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state", "httpsh", "history")
	h := open(t, path, 0)
	wantLines(t, h)
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open created the file: %v", err)
	}
	add(t, h, "get /get", "", "  ", "get /get", "post /post a=1", "get /get")
	wantLines(t, h, "get /get", "post /post a=1", "get /get")
	wantMode(t, path, 0o600)
	wantMode(t, filepath.Dir(path), 0o700)
	wantMode(t, filepath.Join(dir, "state"), 0o700)

	// Each Add reached the file at once: a new Open sees everything.
	h2 := open(t, path, 0)
	wantLines(t, h2, "get /get", "post /post a=1", "get /get")
	add(t, h2, "get /get") // same as the last entry on file
	wantLines(t, h2, "get /get", "post /post a=1", "get /get")
}

func TestAddRedacts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	h := open(t, path, 0)
	add(t, h, "get /x --auth user:hunter2", "get /x --auth user:other")
	// Both lines redact to the same entry: kept once.
	wantLines(t, h, "get /x --auth user:***")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "hunter2") || strings.Contains(string(data), "other") {
		t.Errorf("file holds a secret: %q", data)
	}
}

func TestModeTightened(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	if err := os.WriteFile(path, []byte("get /a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	h := open(t, path, 0)
	wantMode(t, path, 0o600)
	wantLines(t, h, "get /a")

	// Widened again while the shell runs: the next write tightens it.
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	add(t, h, "get /b")
	wantMode(t, path, 0o600)
}

func TestCap(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history")
	const max = 5
	h := open(t, path, max)
	var all []string
	for i := range 2 * max {
		l := "get /" + strings.Repeat("x", i+1)
		all = append(all, l)
		add(t, h, l)
	}
	wantLines(t, h, all[max:]...)
	if n := countLines(t, path); n != 2*max {
		t.Fatalf("file has %d lines before the cap is passed, want %d", n, 2*max)
	}
	add(t, h, "get /last")
	all = append(all, "get /last")
	wantLines(t, h, all[len(all)-max:]...)
	if n := countLines(t, path); n != max {
		t.Errorf("file has %d lines after the rewrite, want %d", n, max)
	}
	wantMode(t, path, 0o600)
	noTemps(t, dir, "history", "history.lock") // the lock file stays: removing it would race
	wantLines(t, open(t, path, max), all[len(all)-max:]...)

	// A smaller max on a later Open keeps the newest.
	wantLines(t, open(t, path, 2), all[len(all)-2:]...)
}

// The rewrite rereads the file, so entries another shell appended survive.
func TestCapKeepsOtherShells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	a := open(t, path, 2)
	b := open(t, path, 2)
	add(t, a, "a1", "a2", "a3")
	add(t, b, "b1")
	add(t, a, "a4") // 5 lines > 2*2: rewrite
	wantLines(t, open(t, path, 2), "b1", "a4")
}

func TestDefaultMax(t *testing.T) {
	h := open(t, "", -1)
	for i := range DefaultMax + 10 {
		add(t, h, strings.Repeat("y", i+1))
	}
	if got := h.Lines(); len(got) != DefaultMax || got[0] != strings.Repeat("y", 11) {
		t.Errorf("Lines() has %d entries starting %.20q", len(got), got[0])
	}
}

func TestMultiLineRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	entries := []string{
		"post /post --json @- <<END\n{\"name\": \"luke\",\n \"side\": \"light\"}\nEND",
		"get /x \\\n  a==1",
		`echo back\slash \n not a newline \\n`,
		"crlf\r\nline",
		"trailing backslash \\",
	}
	h := open(t, path, 0)
	add(t, h, entries...)
	wantLines(t, open(t, path, 0), entries...)
	if n := countLines(t, path); n != len(entries) {
		t.Errorf("file has %d lines, want one per entry (%d)", n, len(entries))
	}
}

func TestEncodeDecode(t *testing.T) {
	for _, s := range []string{"", "a", `\`, `\\n`, "\n", "a\nb\rc\\d", `\n`} {
		enc := encodeEntry(s)
		if strings.ContainsAny(enc, "\n\r") {
			t.Errorf("encodeEntry(%q) = %q holds a line break", s, enc)
		}
		if dec, ok := decodeEntry(enc); !ok || dec != s {
			t.Errorf("decodeEntry(encodeEntry(%q)) = %q, %v", s, dec, ok)
		}
	}
	for _, bad := range []string{`\`, `a\x`, `\t`, "a\rb"} {
		if _, ok := decodeEntry(bad); ok {
			t.Errorf("decodeEntry(%q) succeeded", bad)
		}
	}
}

func TestCorruptLinesSkipped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	data := "get /a\n\\q bad escape\n\nget /b\\nc\nlone \\\nget /c"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	h := open(t, path, 0)
	// The file ended mid-line: "get /c" was cut short (a full disk, a
	// kill) and is not read back as an entry (issue 11 item 12).
	wantLines(t, h, "get /a", "get /b\nc")
	// The next entry starts on a line of its own, and the cut line stays
	// one that does not decode.
	add(t, h, "get /d")
	wantLines(t, open(t, path, 0), "get /a", "get /b\nc", "get /d")
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, 0); err == nil {
		t.Error("Open of a directory succeeded")
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(file, "history"), 0); err == nil {
		t.Error("Open under a file succeeded")
	}
}

func TestSaveTo(t *testing.T) {
	dir := t.TempDir()
	h := open(t, "", 0)
	add(t, h, "get /a", "post /p --json @- <<END\n{}\nEND", "get /x --bearer t")
	path := filepath.Join(dir, "out.httpsh")
	if err := h.SaveTo(path, false); err != nil {
		t.Fatal(err)
	}
	want := "get /a\npost /p --json @- <<END\n{}\nEND\nget /x --bearer ***\n"
	if data, _ := os.ReadFile(path); string(data) != want {
		t.Errorf("saved %q, want %q", data, want)
	}
	wantMode(t, path, 0o600)

	add(t, h, "get /b")
	if err := h.SaveTo(path, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("SaveTo over an existing file: %v, want fs.ErrExist", err)
	}
	if data, _ := os.ReadFile(path); string(data) != want {
		t.Errorf("refused SaveTo changed the file: %q", data)
	}
	if err := h.SaveTo(path, true); err != nil {
		t.Fatalf("SaveTo with force: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != want+"get /b\n" {
		t.Errorf("forced SaveTo wrote %q", data)
	}
	noTemps(t, dir, "out.httpsh")
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}
