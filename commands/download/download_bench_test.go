package download_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// BenchmarkDownload streams 64 MiB per op from a loopback server (the
// body from memory) to a file. B/op shows the memory stays constant:
// the bytes go to disk, not to the heap. The 1 GiB comparison with curl,
// with peak RSS, is testdata/bench/download.sh.
func BenchmarkDownload(b *testing.B) {
	const size = 64 << 20
	chunk := make([]byte, 1<<20)
	for i := range chunk {
		chunk[i] = byte('a' + i%26)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(size))
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	x, _, _ := scripttest.Executor(b, srv.URL)
	path := filepath.Join(b.TempDir(), "big")
	b.SetBytes(size)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		_ = os.Remove(path)
		if err := x.ExecuteLine(context.Background(), "download /big "+path); err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapSys)
	}
	b.ReportMetric(float64(peak)/(1<<20), "heap-MiB")
}
