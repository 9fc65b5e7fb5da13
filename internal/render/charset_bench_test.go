package render

import (
	"bytes"
	"io"
	"syscall"
	"testing"
)

// BenchmarkDisplay compares plain display of 5 MB of UTF-8 text
// (Renderer.Body of text/plain: sanitised) with the same text sent as
// Latin-1 (decoded and sanitised in one pass): the goal is at most 20 %
// more CPU time.
func BenchmarkDisplay(b *testing.B) {
	utf8Text := bytes.Repeat([]byte("café au lait, crème brûlée — naïve façade\n"), 5<<20/47)
	prose := bytes.Repeat([]byte("The café on the corner serves crème brûlée every day; nobody there complains about it.\n"), 5<<20/88)
	r, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name, ct string
		body     []byte
	}{
		{"plain", "text/plain", utf8Text},
		{"utf-8 declared", "text/plain; charset=utf-8", utf8Text},
		{"latin1 dense", "text/plain; charset=iso-8859-1", toLatin1(utf8Text)},
		{"windows-1252 dense", "text/plain; charset=windows-1252", toLatin1(utf8Text)},
		{"plain prose", "text/plain", prose},
		{"latin1 prose", "text/plain; charset=iso-8859-1", toLatin1(prose)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.body)))
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if err := r.Body(io.Discard, bc.ct, bc.body); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time, since wall time on a shared machine says little.
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// toLatin1 encodes text whose runes are all below U+0100 (others become '?').
func toLatin1(text []byte) []byte {
	var out []byte
	for _, r := range string(text) {
		if r > 0xff {
			r = '?'
		}
		out = append(out, byte(r))
	}
	return out
}
