package session

import (
	"fmt"
	"os"
)

// KeepBodies bounds the response bodies the session holds in memory: it
// walks the kept exchanges from the newest, and once their bodies total
// more than budget bytes it moves each older body to a file in the spill
// folder, as if it had been over body-limit (Response.Spill names the
// file, Body is emptied, Size is unchanged; Open still reads it back and
// the file goes when the exchange is forgotten). The exchanges stay. A
// budget below zero means no bound. It returns the bytes moved; a body
// that cannot be written stays in memory and the first such error is
// returned. It is the mechanism a keep-limit setting drives after each
// request; call it between requests, not while another goroutine reads
// the bodies.
func (s *Session) KeepBodies(budget int64) (moved int64, err error) {
	if budget < 0 {
		return 0, nil
	}
	es := s.Exchanges()
	var kept int64
	for i := len(es) - 1; i >= 0; i-- {
		for j := len(es[i].Hops) - 1; j >= 0; j-- {
			r := es[i].Hops[j].Response
			if r == nil || r.Spill != "" || len(r.Body) == 0 {
				continue
			}
			if kept+int64(len(r.Body)) <= budget {
				kept += int64(len(r.Body))
				continue
			}
			if merr := s.moveBody(r); merr != nil {
				if err == nil {
					err = merr
				}
				continue
			}
			moved += r.Size
		}
	}
	return moved, err
}

// moveBody writes r.Body to a new spill file and points r at it.
func (s *Session) moveBody(r *Response) error {
	f, err := s.spillFile()
	if err != nil {
		return err
	}
	_, err = f.Write(r.Body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return fmt.Errorf("move a body to a temporary file: %w", err)
	}
	r.Spill, r.Body = f.Name(), nil
	return nil
}
