package charset

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
)

// FuzzTable: the table decoder gives what x/text's decoder gives, for
// each single-byte charset it serves.
func FuzzTable(f *testing.F) {
	f.Add([]byte("caf\xe9 au lait \x80\x9f\xff plain ascii run of more than eight"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, name := range []string{"windows-1252", "iso-8859-2", "koi8-r", "windows-1251", "iso-8859-15"} {
			enc, _ := htmlindex.Get(name)
			tab := tableFor(enc)
			if tab == nil {
				t.Fatalf("%s: no table", name)
			}
			want, _ := enc.NewDecoder().Bytes(in)
			if got := tab.decode(in); !bytes.Equal(got, want) {
				t.Fatalf("%s: %q, x/text %q", name, got, want)
			}
		}
	})
}
