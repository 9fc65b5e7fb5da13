package charset

import "testing"

// TestName: the charset parameter, also from headers mime rejects, and
// never a panic on bytes that are not UTF-8 (a server's header may hold
// any byte; lower-casing them would move the index found).
func TestName(t *testing.T) {
	for _, tc := range []struct{ ct, want string }{
		{"text/html; charset=ISO-8859-1", "iso-8859-1"},
		{`text/plain; charset="utf-8"`, "utf-8"},
		{"text/html;charset=latin1;", "latin1"},
		{"text/html", ""},
		{"\xffChArset=", ""},
		{"\xff\xfe; CHARSET=windows-1252", "windows-1252"},
	} {
		if got := Name(tc.ct); got != tc.want {
			t.Errorf("Name(%q) = %q, want %q", tc.ct, got, tc.want)
		}
	}
}
