//go:build ignore

// serve.go is the loopback server of the download benchmark: GET /N
// answers N bytes of a repeating pattern (Range and If-Range work), from
// memory, so the client and the disk are what is measured. It prints its
// base URL and serves until killed.
//
//	go run testdata/bench/serve.go
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// pattern is a synthetic file of size bytes: byte i is 'a'+i%26.
type pattern struct{ off, size int64 }

var block = func() []byte {
	b := make([]byte, 26<<15) // a multiple of 26, so every block starts at 'a'
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	return b
}()

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.size {
		return 0, io.EOF
	}
	n := int64(len(b))
	n = min(n, p.size-p.off)
	start := p.off % 26
	copied := int64(0)
	for copied < n {
		c := copy(b[copied:n], block[start:])
		copied += int64(c)
		start = 0
	}
	p.off += n
	return int(n), nil
}

func (p *pattern) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		p.off = off
	case io.SeekCurrent:
		p.off += off
	case io.SeekEnd:
		p.off = p.size + off
	}
	return p.off, nil
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, "/"), 10, 64)
		if err != nil || n < 0 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", fmt.Sprintf(`"p%d"`, n))
		http.ServeContent(w, r, "", time.Time{}, &pattern{size: n})
	})
	_ = http.Serve(ln, h)
}
