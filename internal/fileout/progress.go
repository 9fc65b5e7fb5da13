package fileout

import (
	"fmt"
	"io"
	"time"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/schollz/progressbar/v3"
)

// Meters starts progress meters on W, a terminal's stderr; the zero
// value (Terminal false) draws nothing.
type Meters struct {
	W        io.Writer
	Terminal bool
	Cols     int // the terminal's width
}

// Meter draws a progress bar (bytes, rate, ETA) on stderr while a body
// streams to a file. A nil *Meter draws nothing, so callers need not ask
// whether stderr is a terminal.
type Meter struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

// The bar counts in the units of render.HumanBytes (kB, MB: powers of
// 1000), so it agrees with the `[saved 1.0 MB to FILE]` summary.

// Start returns a meter for a transfer of total bytes (-1: unknown)
// of which done are already on disk, or nil when stderr is not a
// terminal. label is server text and is sanitised here.
func (ms Meters) Start(label string, done, total int64) *Meter {
	if !ms.Terminal {
		return nil
	}
	if total >= 0 && done > total {
		total = -1
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(ms.W),
		progressbar.OptionSetDescription(render.Sanitize(Shorten(label, 30))),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetWidth(max(10, ms.Cols-60)),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0), // no goroutine to stop
		progressbar.OptionSetPredictTime(true),
	)
	if done > 0 {
		_ = bar.Set64(done)
	}
	return &Meter{bar: bar, w: ms.W}
}

// Add counts n more bytes.
func (m *Meter) Add(n int64) {
	if m != nil {
		_ = m.bar.Add64(n)
	}
}

// Stop ends the bar: full when ok, as it stands otherwise; the cursor is
// left at the start of a fresh line.
func (m *Meter) Stop(ok bool) {
	if m == nil {
		return
	}
	if ok {
		_ = m.bar.Finish()
	} else {
		_ = m.bar.Exit()
	}
	fmt.Fprintln(m.w)
}

// Shorten cuts s to at most n runes, marking the cut with "…".
func Shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
