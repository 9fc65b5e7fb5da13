package session

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ErrBodyLimit is returned when a body is larger than the session allows
// in memory.
var ErrBodyLimit = errors.New("response body too large")

// readBody reads the decoded body into r.Body, or into the sink for the
// final response. Bodies of intermediate hops are read up to 64 KiB so the
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
			r.Size, err = io.Copy(dst, dec)
			if err != nil {
				return fmt.Errorf("body cut short after %d bytes: %w", r.Size, err)
			}
			return nil
		}
	}
	limit := s.Settings.BodyLimit
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= limit && enc == "" {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&buf, io.LimitReader(dec, limit+1))
	r.Size = n
	if err != nil {
		return fmt.Errorf("body cut short after %d bytes: %w", n, err)
	}
	if n > limit {
		return fmt.Errorf("%w: more than body-limit %s (use -o FILE to stream it to disk, or `set body-limit 1GiB`)", ErrBodyLimit, FormatSize(limit))
	}
	r.Body = buf.Bytes()
	return nil
}

// decoder undoes a Content-Encoding we asked for. An unknown encoding is
// left as it is.
func decoder(ce string, r io.Reader) (io.Reader, string, error) {
	switch strings.ToLower(strings.TrimSpace(ce)) {
	case "", "identity":
		return r, "", nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, "", fmt.Errorf("bad gzip body: %w", err)
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
