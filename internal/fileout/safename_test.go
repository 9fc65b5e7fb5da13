package fileout_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

func TestSafeNameRules(t *testing.T) {
	long := strings.Repeat("é", 150) + ".tar.gz"
	tests := []struct{ in, fallback, want string }{
		{"report.pdf", "x", "report.pdf"},
		{"../../etc/passwd", "x", "passwd"},
		{`..\..\Windows\win.ini`, "x", "win.ini"},
		{"/etc/shadow", "x", "shadow"},
		{"..", "fb.bin", "fb.bin"},
		{".", "fb.bin", "fb.bin"},
		{".bashrc", "x", "bashrc"},
		{"...hidden", "x", "hidden"},
		{"trail. . ", "x", "trail"},
		{"a\x1b[2Jb\r\n.txt", "x", "a[2Jb.txt"},
		{"bidi\u202egpj.exe", "x", "bidigpj.exe"},
		{"c1\u009bx\x9b\xff.txt", "x", "c1x.txt"},
		{`con:*?"<>|.txt`, "x", "con_______.txt"},
		{"dir/", "fb", "fb"},
		{"", "", "download"},
		{"", "../..", "download"},
		{"\x00", "ok", "ok"},
		{"-rf", "x", "rf"},
	}
	for _, tt := range tests {
		if got := fileout.SafeName(tt.in, tt.fallback); got != tt.want {
			t.Errorf("SafeName(%q, %q) = %q, want %q", tt.in, tt.fallback, got, tt.want)
		}
	}
	got := fileout.SafeName(long, "x")
	if len(got) > fileout.MaxNameBytes || !strings.HasSuffix(got, ".gz") || !strings.HasPrefix(got, "é") {
		t.Errorf("long name: %d bytes %q", len(got), got)
	}
}

func FuzzServerSafeName(f *testing.F) {
	for _, s := range []string{"../x", "a/b\\c", ".", "é\xff", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := fileout.SafeName(s, "fallback")
		if n == "" || n == "." || n == ".." || strings.ContainsAny(n, "/\\\x00") || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "-") || len(n) > fileout.MaxNameBytes {
			t.Fatalf("SafeName(%q) = %q", s, n)
		}
		hostile.CheckTerminalSafe(t, "SafeName", []byte(n), false)
	})
}

// TestServerFileNameTraversal: names a server offers in Content-
// Disposition (quoted, unquoted, RFC 6266 filename*) or in the URL land
// inside the folder asked for, never outside it.
func TestServerFileNameTraversal(t *testing.T) {
	tests := []struct{ cd, path, want string }{
		{`attachment; filename="../../../../tmp/evil.sh"`, "/dl", "evil.sh"},
		{`attachment; filename=../../.ssh/authorized_keys`, "/dl", "authorized_keys"},
		{`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fcron.d%2Fx`, "/dl", "x"},
		{`attachment; filename=".profile"`, "/dl", "profile"},
		{`attachment; filename="invoice` + "\u202e\u009b" + `fdp.exe"`, "/dl", "invoicefdp.exe"},
		{`attachment`, "/files/..%2f..%2fpasswd", "passwd"},
		{`inline`, "/", "download"},
	}
	for _, tt := range tests {
		srv := hostile.Server(t, hostile.Disposition(tt.cd))
		s := session.New("test")
		p, err := s.Prepare(&session.Request{Method: "GET", URL: srv.URL + tt.path})
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Send(t.Context(), p, session.SendOptions{})
		if err != nil {
			t.Fatal(err)
		}
		name := fileout.ServerFileName(e.Response().Header.Get("Content-Disposition"), e.URL(), "download")
		if name != tt.want {
			t.Errorf("%s %s: name %q, want %q", tt.cd, tt.path, name, tt.want)
		}
		dir := t.TempDir()
		target, err := fileout.SafePath(dir, name, "download")
		if err != nil {
			t.Fatal(err)
		}
		if err := fileout.WriteFileAtomic(target, e.Response().Body, 0o644, false); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || entries[0].Name() != tt.want {
			t.Errorf("%s: folder holds %v", tt.cd, entries)
		}
		s.Close()
	}
}

// TestSafePathRefusesSymlink: a name that is a symbolic link in the folder
// (which could point anywhere) is refused.
func TestSafePathRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	if _, err := fileout.SafePath(dir, "link", ""); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("err = %v", err)
	}
	if _, err := fileout.SafePath(filepath.Join(dir, "nope"), "x", ""); err == nil {
		t.Errorf("missing folder accepted")
	}
}
