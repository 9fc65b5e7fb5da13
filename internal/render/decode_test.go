package render

import (
	"testing"

	"github.com/httpsh/httpsh/internal/charset"
)

// FuzzSingleByte: the one-pass decode and escape of a single-byte
// charset is exactly SanitizeText of the decoded text.
func FuzzSingleByte(f *testing.F) {
	for _, s := range []string{"caf\xe9\r\n", "\x1b[31m\x85\x9b\r", "plain", "\x00\x7f\xff\r\r\n"} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
		f.Add([]byte(s), uint8(2))
	}
	cts := []string{"text/plain; charset=iso-8859-1", "text/plain; charset=windows-1252", "text/plain; charset=koi8-r"}
	f.Fuzz(func(t *testing.T, body []byte, which uint8) {
		ct := cts[int(which)%len(cts)]
		runes, _, ok := charset.Runes(body, ct)
		if !ok {
			t.Fatalf("%s: no table", ct)
		}
		dec, _, err := charset.Decode(body, ct)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sanitizeSingleByte(body, runes), SanitizeText(string(dec)); got != want {
			t.Fatalf("%s %q: %q, want %q", ct, body, got, want)
		}
	})
}
