package render

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestBar(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		start, end, total time.Duration
		width             int
		want              string
	}{
		{0, 10 * ms, 10 * ms, 10, "██████████"},
		{0, 5 * ms, 10 * ms, 10, "█████"},
		{5 * ms, 10 * ms, 10 * ms, 10, "     █████"},
		{0, 0, 10 * ms, 10, "█"},               // an instant still shows
		{10 * ms, 10 * ms, 10 * ms, 4, "   █"}, // at the very end: stays inside
		{0, 20 * ms, 10 * ms, 4, "████"},       // past the total: clipped
		{0, 1, 0, 10, ""},                      // no total, no bar
	} {
		got := bar(tc.start, tc.end, tc.total, tc.width)
		if got != tc.want {
			t.Errorf("bar(%v, %v, %v, %d) = %q, want %q", tc.start, tc.end, tc.total, tc.width, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > tc.width {
			t.Errorf("bar is %d cells, wider than %d", n, tc.width)
		}
	}
}

// TestTimingFitsTerminal: every line of the waterfall fits the width the
// terminal reports, from narrow to wide.
func TestTimingFitsTerminal(t *testing.T) {
	for _, cols := range []int{0, 20, 40, 80, 200} {
		if w := barWidth(cols); w < 10 || w > 60 {
			t.Errorf("barWidth(%d) = %d", cols, w)
		}
		if cols >= 40 && barWidth(cols)+timingLabels > cols {
			t.Errorf("at %d columns the bars overflow", cols)
		}
	}
	line := "  " + strings.Repeat("x", 9) + " " + strings.Repeat("y", 9) + "  "
	if len(line) != timingLabels {
		t.Errorf("timingLabels = %d, the labels take %d", timingLabels, len(line))
	}
}
