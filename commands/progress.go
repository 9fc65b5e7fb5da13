package commands

import (
	"fmt"
	"io"
	"time"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/schollz/progressbar/v3"
)

// meter draws a progress bar (bytes, rate, ETA) on stderr while a body
// streams to a file. A nil *meter draws nothing, so callers need not ask
// whether stderr is a terminal.
type meter struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

// startMeter returns a meter for a transfer of total bytes (-1: unknown)
// of which done are already on disk, or nil when stderr is not a
// terminal. label is server text and is sanitised here.
func (x *Executor) startMeter(label string, done, total int64) *meter {
	if !x.ErrTerminal {
		return nil
	}
	if total >= 0 && done > total {
		total = -1
	}
	bar := progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(x.Stderr),
		progressbar.OptionSetDescription(render.Sanitize(shorten(label, 30))),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetWidth(max(10, x.width()-60)),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetSpinnerChangeInterval(0), // no goroutine to stop
		progressbar.OptionUseIECUnits(true),
		progressbar.OptionSetPredictTime(true),
	)
	if done > 0 {
		_ = bar.Set64(done)
	}
	return &meter{bar: bar, w: x.Stderr}
}

// add counts n more bytes.
func (m *meter) add(n int64) {
	if m != nil {
		_ = m.bar.Add64(n)
	}
}

// stop ends the bar: full when ok, as it stands otherwise; the cursor is
// left at the start of a fresh line.
func (m *meter) stop(ok bool) {
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

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
