package assert

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// bodyContains reports whether the body, in memory or spilled, holds
// needle, reading a spilled one in pieces. start is the beginning of the
// body for a failure message.
func bodyContains(resp *session.Response, needle string) (found bool, start []byte, err error) {
	if !resp.Spilled() {
		return strings.Contains(string(resp.Body), needle), resp.Body, nil
	}
	rc, err := resp.Open()
	if err != nil {
		return false, nil, commands.Failf("%w", err)
	}
	defer rc.Close()
	found, start, err = streamContains(rc, []byte(needle))
	if err != nil {
		return false, nil, commands.Failf("read the body's temporary file: %w", err)
	}
	return found, start, nil
}

// streamContains searches r for needle in 64 KiB pieces, keeping the last
// len(needle)-1 bytes of each piece so a match across two is found. start
// is up to the first 240 bytes read.
func streamContains(r io.Reader, needle []byte) (bool, []byte, error) {
	if len(needle) == 0 {
		return true, nil, nil
	}
	buf := make([]byte, 0, 64<<10+len(needle))
	var start []byte
	piece := make([]byte, 64<<10)
	for {
		n, err := r.Read(piece)
		buf = append(buf, piece[:n]...)
		if start == nil && len(buf) > 0 {
			start = append([]byte(nil), buf[:min(len(buf), 240)]...)
		}
		if bytes.Contains(buf, needle) {
			return true, start, nil
		}
		if keep := len(needle) - 1; len(buf) > keep {
			buf = append(buf[:0], buf[len(buf)-keep:]...)
		}
		if errors.Is(err, io.EOF) {
			return false, start, nil
		}
		if err != nil {
			return false, start, err
		}
	}
}
