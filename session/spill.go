package session

import (
	"fmt"
	"os"
)

// spillFile creates a new spill file, mode 0600, in the session's
// temporary folder (mode 0700, made on first use).
func (s *Session) spillFile() (*os.File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.spillDir == "" {
		dir, err := os.MkdirTemp("", "httpsh-bodies-*")
		if err != nil {
			return nil, fmt.Errorf("make a temporary folder for a body over body-limit: %w", err)
		}
		s.spillDir = dir
	}
	f, err := os.CreateTemp(s.spillDir, "body-*")
	if err != nil {
		return nil, fmt.Errorf("make a temporary file for a body over body-limit: %w", err)
	}
	return f, nil
}

// dropSpills removes the spill files of exchanges being forgotten.
func dropSpills(es []*Exchange) {
	for _, e := range es {
		for _, h := range e.Hops {
			if h.Response != nil && h.Response.Spill != "" {
				_ = os.Remove(h.Response.Spill)
			}
		}
	}
}

// removeSpillDir removes the temporary folder and every spill file in
// it. The caller holds s.mu.
func (s *Session) removeSpillDir() {
	if s.spillDir != "" {
		_ = os.RemoveAll(s.spillDir)
		s.spillDir = ""
	}
}
