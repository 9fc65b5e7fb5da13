package fileout

import (
	"bytes"
	"strings"
	"testing"
)

// TestMeterUnits: the bar counts in kB/MB like the `[saved 2.0 MB to
// FILE]` summary (render.HumanBytes), not in MiB (issue 11 item 27).
func TestMeterUnits(t *testing.T) {
	var buf bytes.Buffer
	m := Meters{W: &buf, Terminal: true, Cols: 100}.Start("f.bin", 0, 2_000_000)
	m.Add(2_000_000)
	m.Stop(true)
	got := buf.String()
	if !strings.Contains(got, "2.0 MB") || strings.Contains(got, "MiB") {
		t.Errorf("bar %q: want 2.0 MB and no MiB", got)
	}
}
