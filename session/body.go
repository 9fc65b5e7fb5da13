package session

import (
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// ErrBodyLimit is returned when a body is larger than spill-limit.
var ErrBodyLimit = errors.New("response body too large")

// readBody reads the decoded body of the final response into r.Body (or
// a spill file past body-limit, see keepBody), or into the sink. Bodies of intermediate hops are read up to 64 KiB so the
// connection can be reused.
func (s *Session) readBody(resp *http.Response, r *Response, method string, final bool, o SendOptions, wd *watchdog) error {
	if method == "HEAD" {
		return nil
	}
	counted := &countReader{r: resp.Body, wd: wd}
	dec, enc, err := decoder(resp.Header.Get("Content-Encoding"), counted)
	if err != nil {
		return err
	}
	r.Encoding = enc
	defer func() { r.WireSize = counted.n }()
	if !final {
		_, _ = io.Copy(io.Discard, io.LimitReader(dec, 64<<10))
		return nil
	}
	if o.Sink != nil {
		dst, err := o.Sink(r)
		if err != nil {
			return err
		}
		if dst != nil {
			r.Streamed = true
			counted.progress = o.Progress
			r.Size, err = io.Copy(&sinkWriter{w: dst}, dec)
			var we *WriteError
			switch {
			case errors.As(err, &we):
				we.N = r.Size
				return we
			case err != nil:
				return fmt.Errorf("body cut short after %d bytes: %w", r.Size, err)
			}
			return nil
		}
	}
	return s.keepBody(resp, r, dec)
}

// WriteError is a body that could not be written where it was going (a
// full disk, a file size limit): a local failure, not the server's.
type WriteError struct {
	N   int64 // bytes written before it failed
	Err error
}

func (e *WriteError) Error() string {
	return fmt.Sprintf("could not write the body after %d bytes (a local error, not the server's): %v", e.N, e.Err)
}

func (e *WriteError) Unwrap() error { return e.Err }

// sinkWriter marks the errors of a sink's writer as WriteError, so that
// io.Copy's error says which side failed.
type sinkWriter struct{ w io.Writer }

func (s *sinkWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil {
		err = &WriteError{Err: err}
	}
	return n, err
}

// keepBody reads the decoded body into r.Body up to body-limit; a longer
// body goes on into a spill file (r.Spill) up to spill-limit. It reads in
// one pass: a body announced longer than memory may keep goes straight to
// the file, any other is read into blocks of at most memLimit+1 bytes in
// all, which on overflow are written to the file before the rest is
// copied after them, so memory stays near min(body-limit, spill-limit)
// whatever the server sends. On any error no spill file is left behind.
func (s *Session) keepBody(resp *http.Response, r *Response, dec io.Reader) error {
	limit, spillLimit := s.Settings.BodyLimit, s.Settings.SpillLimit
	memLimit := min(limit, spillLimit)
	known := int64(-1)
	if r.Encoding == "" && resp.ContentLength >= 0 {
		known = resp.ContentLength
	}
	var blocks [][]byte
	if known <= memLimit {
		var n int64
		var err error
		blocks, n, err = readBlocks(dec, memLimit+1, known)
		r.Size = n
		if err != nil {
			return fmt.Errorf("body cut short after %d bytes: %w", n, err)
		}
		if n <= memLimit {
			r.Body = joinBlocks(blocks, n)
			return nil
		}
	}
	return s.spillBody(r, blocks, dec, spillLimit)
}

// spillBody writes blocks (r.Size bytes already read) and the rest of dec
// to a new spill file, up to spill-limit.
func (s *Session) spillBody(r *Response, blocks [][]byte, dec io.Reader, spillLimit int64) error {
	f, err := s.spillFile()
	if err != nil {
		return err
	}
	for i, b := range blocks {
		if err == nil {
			if _, werr := f.Write(b); werr != nil {
				err = fmt.Errorf("write the body to a temporary file: %w", werr)
			}
		}
		blocks[i] = nil // let the collector have it
	}
	if err == nil {
		var more int64
		more, err = io.Copy(&sinkWriter{w: f}, io.LimitReader(dec, max(spillLimit+1-r.Size, 0)))
		r.Size += more
		var we *WriteError
		switch {
		case errors.As(err, &we):
			err = fmt.Errorf("write the body to a temporary file: %w", we.Err)
		case err != nil:
			err = fmt.Errorf("body cut short after %d bytes: %w", r.Size, err)
		}
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write the body to a temporary file: %w", cerr)
	}
	if err == nil && r.Size > spillLimit {
		err = fmt.Errorf("%w: more than spill-limit %s (use -o FILE to stream it to disk, or `set spill-limit 16GiB`)", ErrBodyLimit, FormatSize(spillLimit))
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	r.Spill = f.Name()
	return nil
}

const (
	firstBlock = 2 << 10
	maxBlock   = 1 << 20
)

// readBlocks reads r until EOF or limit bytes, into blocks that double from
// 2 KiB to 1 MiB, or into one block of exactly known bytes (plus one to
// see the end) when the length is known (known >= 0). It returns the
// blocks, filled, and the byte count.
func readBlocks(r io.Reader, limit, known int64) ([][]byte, int64, error) {
	var blocks [][]byte
	var n int64
	size := int64(firstBlock)
	if known >= 0 {
		size = known + 1
	}
	for n < limit {
		b := make([]byte, min(size, limit-n))
		m, err := fill(r, b)
		n += int64(m)
		if m > 0 {
			blocks = append(blocks, b[:m])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return blocks, n, err
		}
		size = min(2*size, maxBlock)
	}
	return blocks, n, nil
}

// fill reads into b until it is full or r fails; unlike io.ReadFull it
// returns r's own error, so a body cut short stays an error and an end
// is io.EOF.
func fill(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// joinBlocks returns the n bytes of blocks as one slice, never nil; one
// block at least half used is returned as it is.
func joinBlocks(blocks [][]byte, n int64) []byte {
	if len(blocks) == 1 && 2*int64(len(blocks[0])) >= int64(cap(blocks[0])) {
		return blocks[0]
	}
	out := make([]byte, 0, n)
	for _, b := range blocks {
		out = append(out, b...)
	}
	return out
}

// decoder undoes a Content-Encoding we asked for (see AcceptEncoding). An unknown encoding is
// left as it is.
func decoder(ce string, r io.Reader) (io.Reader, string, error) {
	switch strings.ToLower(strings.TrimSpace(ce)) {
	case "", "identity":
		return r, "", nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, "", fmt.Errorf("%w: bad gzip body: %w", ErrEncoding, err)
		}
		return zr, "gzip", nil
	case "deflate":
		// Servers send zlib-wrapped or raw deflate; peek to tell.
		br := &peekReader{r: r}
		if br.zlibHeader() {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, "", fmt.Errorf("bad deflate body: %w", err)
			}
			return zr, "deflate", nil
		}
		return flate.NewReader(br), "deflate", nil
	}
	if dec, ok, err := streamDecoder(strings.ToLower(strings.TrimSpace(ce)), r); ok {
		return dec, strings.ToLower(strings.TrimSpace(ce)), err
	}
	return r, "", nil
}

type peekReader struct {
	r   io.Reader
	buf []byte
}

func (p *peekReader) zlibHeader() bool {
	b := make([]byte, 2)
	n, _ := io.ReadFull(p.r, b)
	p.buf = b[:n]
	return n == 2 && b[0]&0x0f == 8 && (uint16(b[0])<<8|uint16(b[1]))%31 == 0
}

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.buf) > 0 {
		n := copy(b, p.buf)
		p.buf = p.buf[n:]
		return n, nil
	}
	return p.r.Read(b)
}

// countReader counts wire bytes, feeds the watchdog and reports progress.
type countReader struct {
	r        io.Reader
	n        int64
	wd       *watchdog
	progress func(int64)
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if n > 0 {
		c.wd.progress(int64(n))
		if c.progress != nil {
			c.progress(int64(n))
		}
	}
	return n, err
}
