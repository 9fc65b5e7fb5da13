package session

import (
	"fmt"
	"os"
	"runtime"
)

// Where keep-limit put a body (Response.Moved).
const (
	// MovedSpilled: the body went to a spill file (Response.Spill).
	MovedSpilled = "spilled to temporary file"
	// MovedDropped: the body could not be written and is gone; Size
	// still says how long it was.
	MovedDropped = "dropped: keep-limit"
)

// KeepBodies bounds the response bodies the session holds in memory: it
// walks the kept exchanges from the newest, and once their bodies total
// more than budget bytes it moves each older body to a file in the spill
// folder, as if it had been over body-limit (Response.Spill names the
// file, Body is emptied, Size is unchanged, Moved is MovedSpilled; Open
// still reads it back and the file goes when the exchange is forgotten).
// A body that cannot be written is dropped instead (Moved is
// MovedDropped; Open then fails saying so). The exchanges stay. A budget
// below zero means no bound. It returns the bytes moved and dropped and
// the first error writing a spill file. The session calls it with
// keep-limit after recording each exchange, sparing that newest one;
// call it between requests, not while another goroutine reads the
// bodies.
func (s *Session) KeepBodies(budget int64) (moved, dropped int64, err error) {
	return s.keepBodies(budget, s.Exchanges())
}

// keepBodies is KeepBodies over es, oldest first. It keeps the session's
// count of bodies in memory (memBodies) up to date.
func (s *Session) keepBodies(budget int64, es []*Exchange) (moved, dropped int64, err error) {
	if budget < 0 {
		return 0, 0, nil
	}
	var kept, let int64
	defer func() {
		s.mu.Lock()
		s.memBodies -= let
		s.mu.Unlock()
	}()
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
			let += int64(len(r.Body))
			if merr := s.moveBody(r); merr != nil {
				if err == nil {
					err = merr
				}
				r.Body, r.Moved = nil, MovedDropped
				dropped += r.Size
				continue
			}
			moved += r.Size
		}
	}
	return moved, dropped, err
}

// keepAfter applies keep-limit once e is recorded: e's own bodies stay in
// memory, the budget left over bounds the older ones. Errors are not
// returned: a body that cannot be spilled is dropped and says so.
func (s *Session) keepAfter(e *Exchange) {
	budget := s.Settings.KeepLimit
	if budget < 0 {
		return
	}
	budget -= inMemory(e)
	if !s.overBudget(e, budget) {
		return
	}
	es := s.Exchanges()
	if n := len(es); n > 0 && es[n-1] == e {
		es = es[:n-1]
	}
	moved, dropped, _ := s.keepBodies(max(budget, 0), es)
	// The bodies let go are garbage the collector would otherwise keep
	// until the heap doubled past the kept ones (2x keep-limit of
	// memory); collecting once a sixteenth of keep-limit was let go lets
	// the next bodies reuse it, at one cycle per 16 MiB by default.
	s.letGo += moved + dropped
	if s.letGo > 0 && s.letGo >= s.Settings.KeepLimit/16 {
		s.letGo = 0
		runtime.GC()
	}
}

// overBudget reports whether the in-memory bodies of the exchanges kept
// before e total more than budget, from the running count (this runs
// after every request: it must not walk 500 exchanges).
func (s *Session) overBudget(e *Exchange, budget int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.memBodies-inMemory(e) > budget
}

// inMemory is the bytes of e's bodies held in memory.
func inMemory(e *Exchange) int64 {
	var n int64
	for _, h := range e.Hops {
		if r := h.Response; r != nil && r.Spill == "" {
			n += int64(len(r.Body))
		}
	}
	return n
}

// BodiesKept sums what keep-limit left: bytes of bodies in memory, and
// the number and bytes of bodies spilled and dropped by it.
type BodiesKept struct {
	Memory                int64
	Spilled, Dropped      int
	SpilledSize, DropSize int64
}

// Kept reports the bodies of the kept exchanges by where they are.
func (s *Session) Kept() BodiesKept {
	var k BodiesKept
	for _, e := range s.Exchanges() {
		for _, h := range e.Hops {
			r := h.Response
			switch {
			case r == nil:
			case r.Moved == MovedSpilled:
				k.Spilled++
				k.SpilledSize += r.Size
			case r.Moved == MovedDropped:
				k.Dropped++
				k.DropSize += r.Size
			default:
				k.Memory += int64(len(r.Body))
			}
		}
	}
	return k
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
	r.Spill, r.Body, r.Moved = f.Name(), nil, MovedSpilled
	return nil
}
