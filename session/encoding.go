package session

import (
	"errors"
	"fmt"
	"io"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// AcceptEncoding is what every request advertises by default: each of
// these is undone by Send, and size limits apply to the decoded bytes.
const AcceptEncoding = "gzip, deflate, br, zstd"

// ErrEncoding is wrapped when a body does not decode as its
// Content-Encoding says (a lying or corrupt header).
var ErrEncoding = errors.New("body does not match its Content-Encoding")

// zstdMaxWindow is the largest zstd window accepted: RFC 9659 limits
// zstd as an HTTP content coding to 8 MB, which also bounds the memory a
// hostile frame header can ask for.
const zstdMaxWindow = 8 << 20

// streamDecoder returns a decoder for br and zstd, or ok false for a
// coding it does not know. Both stream in constant memory (brotli's
// window is at most 16 MiB, zstd's at most zstdMaxWindow). Errors of the
// decompressor wrap ErrEncoding; errors of r pass through unchanged.
func streamDecoder(ce string, r io.Reader) (io.Reader, bool, error) {
	src := &srcReader{r: r}
	switch ce {
	case "br":
		return &decodeErr{r: brotli.NewReader(src), src: src, coding: "br"}, true, nil
	case "zstd":
		zr, err := zstd.NewReader(src, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(zstdMaxWindow))
		if err != nil {
			return nil, true, fmt.Errorf("zstd decoder: %w", err)
		}
		return &decodeErr{r: zr, src: src, coding: "zstd", close: zr.Close}, true, nil
	}
	return nil, false, nil
}

// srcReader remembers the last error of the wire.
type srcReader struct {
	r   io.Reader
	err error
}

func (s *srcReader) Read(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// decodeErr names the coding in a decompressor's error, and releases the
// decoder at the first error or end of stream.
type decodeErr struct {
	r      io.Reader
	src    *srcReader
	coding string
	close  func()
	failed error
}

func (d *decodeErr) Read(b []byte) (int, error) {
	if d.failed != nil {
		return 0, d.failed
	}
	n, err := d.r.Read(b)
	if err == nil {
		return n, nil
	}
	if d.close != nil {
		d.close()
		d.close = nil
	}
	switch {
	case err == io.EOF:
	case d.src.err != nil:
		err = d.src.err // the connection failed, not the coding
	default:
		err = fmt.Errorf("%w: not valid %s (%v)", ErrEncoding, d.coding, err)
	}
	d.failed = err
	return n, err
}
