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
			r.Size, err = io.Copy(dst, dec)
			if err != nil {
				return fmt.Errorf("body cut short after %d bytes: %w", r.Size, err)
			}
			return nil
		}
	}
	return s.keepBody(resp, r, dec)
}

// keepBody reads the decoded body into r.Body up to body-limit; a longer
// body goes on into a spill file (r.Spill) up to spill-limit. On any
// error no spill file is left behind.
func (s *Session) keepBody(resp *http.Response, r *Response, dec io.Reader) error {
	limit, spillLimit := s.Settings.BodyLimit, s.Settings.SpillLimit
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= limit && r.Encoding == "" {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := io.Copy(&buf, io.LimitReader(dec, limit+1))
	r.Size = n
	if err != nil {
		return fmt.Errorf("body cut short after %d bytes: %w", n, err)
	}
	if n <= limit && n <= spillLimit {
		r.Body = buf.Bytes()
		return nil
	}
	f, err := s.spillFile()
	if err != nil {
		return err
	}
	_, err = f.Write(buf.Bytes())
	if err == nil {
		var more int64
		more, err = io.Copy(f, io.LimitReader(dec, max(spillLimit+1-n, 0)))
		r.Size += more
		if err != nil {
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
