package hostile

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// CheckTerminalSafe fails when out holds anything that could drive a
// terminal: C0 controls but tab and newline, DEL, C1 controls, bidi
// controls or invalid UTF-8. With colour, our own SGR sequences are
// allowed and removed first.
func CheckTerminalSafe(t testing.TB, label string, out []byte, colour bool) {
	t.Helper()
	s := string(out)
	if colour {
		s = sgr.ReplaceAllString(s, "")
	}
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 reached the terminal: %q", label, s)
		return
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
			r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s: %U reached the terminal: %q", label, r, s)
			return
		}
	}
}
