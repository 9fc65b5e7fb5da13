package render

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// sgr matches well-formed SGR sequences, the only escapes render may emit.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkSafe fails t if out could drive a terminal: after removing SGR
// sequences (when colour is on) it must hold no control byte but \t and
// \n, no DEL, no C1 or bidi control and no invalid UTF-8.
func checkSafe(t testing.TB, out []byte, colour bool) {
	t.Helper()
	if colour {
		out = sgr.ReplaceAll(out, nil)
	}
	for i := 0; i < len(out); {
		c := out[i]
		if c < 0x80 {
			if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
				t.Fatalf("unsafe byte %#x at %d in %q", c, i, out)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(out[i:])
		if size == 1 {
			t.Fatalf("invalid UTF-8 at %d in %q", i, out)
		}
		if unsafeRune(r) {
			t.Fatalf("unsafe rune %U at %d in %q", r, i, out)
		}
		i += size
	}
}
