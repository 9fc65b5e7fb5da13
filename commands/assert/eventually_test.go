package assert

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestSplitRetry: --retry and --every are read only as the last words.
func TestSplitRetry(t *testing.T) {
	for _, tc := range []struct {
		line, rest string
		tries      int
		every      time.Duration
		err        string
	}{
		{"status 200", "status 200", 0, time.Second, ""},
		{"status 200 --retry 5", "status 200", 5, time.Second, ""},
		{"json .state == done --retry 10 --every 500ms", "json .state == done", 10, 500 * time.Millisecond, ""},
		{"json .state == done --every 2s --retry 3", "json .state == done", 3, 2 * time.Second, ""},
		{"json .n == -1", "json .n == -1", 0, time.Second, ""},
		{"json .flag == --retry", "json .flag == --retry", 0, time.Second, ""},
		{"json .flag == --retry --retry 2", "json .flag == --retry", 2, time.Second, ""},
		{"status 200 --retry x", "", 0, 0, "--retry takes a count"},
		{"status 200 --retry 0", "", 0, 0, "--retry takes a count"},
		{"status 200 --every 1s", "", 0, 0, "--every needs --retry"},
		{"status 200 --retry 2 --every soon", "", 0, 0, "--every takes a duration"},
	} {
		rest, rt, err := splitRetry(strings.Fields(tc.line))
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(rest, " ") != tc.rest || rt.tries != tc.tries || rt.every != tc.every {
			t.Errorf("%q: %q %+v %v, want %q %d %s", tc.line, rest, rt, err, tc.rest, tc.tries, tc.every)
		}
	}
}

// FuzzSplitRetry: any words split without a panic, and what is left is
// a prefix of them.
func FuzzSplitRetry(f *testing.F) {
	f.Add("json .a == 1 --retry 3 --every 1s")
	f.Add("--every --retry --retry 2")
	f.Fuzz(func(t *testing.T, line string) {
		words := strings.Fields(line)
		rest, _, err := splitRetry(words)
		if err == nil && fmt.Sprint(rest) != fmt.Sprint(words[:len(rest)]) {
			t.Fatalf("%q left %q", words, rest)
		}
	})
}
