//go:build linux || darwin || freebsd || netbsd || openbsd

package repl

import (
	"reflect"
	"testing"
)

func TestNextKey(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"get /x\r", []string{"get /x", "\r"}},
		{"a\x03b", []string{"a", "\x03", "b"}},
		{"\x1b[A\x1b[B", []string{"\x1b[A", "\x1b[B"}},
		{"\x1b[1;5C", []string{"\x1b[1;5C"}},
		{"\x1bOPx", []string{"\x1bOP", "x"}},
		{"\x1bb", []string{"\x1bb"}},
		{"\x1b", []string{"\x1b"}},
		{"\x1b[", []string{"\x1b["}},
		{"héllo\x7f", []string{"héllo", "\x7f"}},
		{"\t\t", []string{"\t", "\t"}},
		{"line one\nline two\n", []string{"line one", "\n", "line two", "\n"}},
	}
	for _, tt := range tests {
		var got []string
		for b := []byte(tt.in); len(b) > 0; {
			n := nextKey(b)
			got = append(got, string(b[:n]))
			b = b[n:]
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("keys of %q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNextKey(f *testing.F) {
	f.Add([]byte("\x1b[1;5Cabc\r"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for len(b) > 0 {
			n := nextKey(b)
			if n < 1 || n > len(b) {
				t.Fatalf("nextKey(%q) = %d", b, n)
			}
			b = b[n:]
		}
	})
}
