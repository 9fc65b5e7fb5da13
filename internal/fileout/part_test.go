package fileout

import "testing"

func TestParseContentRange(t *testing.T) {
	for _, tc := range []struct {
		in           string
		first, total int64
		ok           bool
	}{
		{"bytes 0-99/100", 0, 100, true},
		{"bytes 50-99/*", 50, -1, true},
		{"bytes */100", -1, 100, true},
		{"bytes 100-99/200", 0, 0, false},
		{"bytes 0-100/100", 0, 0, false},
		{"bytes */*", 0, 0, false},
		{"items 0-1/2", 0, 0, false},
		{"bytes 0-1", 0, 0, false},
		{"bytes -1-2/3", 0, 0, false},
	} {
		first, total, ok := ParseContentRange(tc.in)
		if ok != tc.ok || ok && (first != tc.first || total != tc.total) {
			t.Errorf("%q: %d %d %v", tc.in, first, total, ok)
		}
	}
}
