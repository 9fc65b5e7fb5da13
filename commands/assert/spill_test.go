package assert

import (
	"strings"
	"testing"
)

// TestStreamContains: a needle across two pieces is found.
func TestStreamContains(t *testing.T) {
	body := strings.Repeat("a", 64<<10-3) + "needle" + strings.Repeat("b", 10)
	for _, tc := range []struct {
		needle string
		want   bool
	}{{"needle", true}, {"aneedleb", true}, {"nope", false}, {"", true}} {
		got, _, err := streamContains(strings.NewReader(body), []byte(tc.needle))
		if err != nil || got != tc.want {
			t.Errorf("%q: %v %v", tc.needle, got, err)
		}
	}
}
