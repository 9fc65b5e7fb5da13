package bench

import (
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpsh/httpsh/repl"
	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

// writeSuite writes files script files of reqs checked requests each
// (`get URL/PATH?i=K --show status` + `expect status 200`) under dir.
func writeSuite(b *testing.B, dir, url, path string, files, reqs int) {
	b.Helper()
	for f := range files {
		var s strings.Builder
		for i := range reqs {
			fmt.Fprintf(&s, "get %s%s?i=%d --show status\nexpect status 200\n", url, path, i)
		}
		if reqs == 0 {
			s.WriteString("echo hi\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.hsh", f)), []byte(s.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// runSuite runs `httpsh --test --jobs N dir` in this process.
func runSuite(b *testing.B, dir string, jobs int) {
	st := repl.Streams{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	if code := repl.Main([]string{"--test", "--no-history", "--jobs", strconv.Itoa(jobs), dir}, st); code != 0 {
		b.Fatalf("exit status %d", code)
	}
}

// heapSampler samples the heap in use while a suite runs, to find the
// peak above the heap before it.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	base uint64
	peak uint64
}

func startHeap() *heapSampler {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	h := &heapSampler{stop: make(chan struct{}), base: m.HeapInuse}
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&m)
				h.peak = max(h.peak, m.HeapInuse)
			}
		}
	}()
	return h
}

// end returns the peak heap above the start, in MB.
func (h *heapSampler) end() float64 {
	close(h.stop)
	h.wg.Wait()
	if h.peak < h.base {
		return 0
	}
	return float64(h.peak-h.base) / (1 << 20)
}

// BenchmarkSuite is issue 15's suite: 100 files of 20 requests against a
// loopback go-httpbin, --jobs 1 and 4, in one process; an op is the whole
// suite. "fast" answers at once; "delay2ms" waits 2 ms a response, as a
// real server does. It reports files/s and the peak heap per running
// file (heap-MB/file: the peak heap in use above the start, over jobs).
func BenchmarkSuite(b *testing.B) {
	srv := httptest.NewServer(httpbin.New())
	defer srv.Close()
	for _, kind := range []struct{ name, path string }{{"fast", "/get"}, {"delay2ms", "/delay/0.002"}} {
		dir := b.TempDir()
		writeSuite(b, dir, srv.URL, kind.path, 100, 20)
		for _, jobs := range []int{1, 4} {
			b.Run(fmt.Sprintf("%s/jobs=%d", kind.name, jobs), func(b *testing.B) {
				peak := 0.0
				start := time.Now()
				for b.Loop() {
					h := startHeap()
					runSuite(b, dir, jobs)
					peak = max(peak, h.end())
				}
				b.ReportMetric(float64(100*b.N)/time.Since(start).Seconds(), "files/s")
				b.ReportMetric(peak/float64(jobs), "heap-MB/file")
			})
		}
	}
}

// BenchmarkSuiteStartup is the cost of one file that sends nothing: a
// fresh session, an executor, the check of the script, one line; 100
// files an op, --jobs 1.
func BenchmarkSuiteStartup(b *testing.B) {
	dir := b.TempDir()
	writeSuite(b, dir, "", "", 100, 0)
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		runSuite(b, dir, 1)
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(100*b.N)/1000, "ms/file")
}
