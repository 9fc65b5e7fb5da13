package commands

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// inMemory refuses, for the command what, a body that was over body-limit
// and lives in a temporary file: parsing it would load it all.
func (x *Executor) inMemory(what string, resp *session.Response) error {
	if !resp.Spilled() {
		return nil
	}
	return Failf("%s: the body of %s is too large to parse in memory (over body-limit %s, kept in a temporary file): `save FILE` keeps it, or raise `set body-limit` and send again",
		what, render.HumanBytes(resp.Size), session.FormatSize(x.Session.Settings.BodyLimit))
}

// bodyContains reports whether the body, in memory or spilled, holds
// needle, reading a spilled one in pieces. start is the beginning of the
// body for a failure message.
func bodyContains(resp *session.Response, needle string) (found bool, start []byte, err error) {
	if !resp.Spilled() {
		return strings.Contains(string(resp.Body), needle), resp.Body, nil
	}
	rc, err := resp.Open()
	if err != nil {
		return false, nil, Failf("%w", err)
	}
	defer rc.Close()
	found, start, err = streamContains(rc, []byte(needle))
	if err != nil {
		return false, nil, Failf("read the body's temporary file: %w", err)
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
