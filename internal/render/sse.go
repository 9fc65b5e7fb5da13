package render

import "io"

// maxSSEEvent bounds what SSEWriter holds back: a longer event is passed
// on in pieces rather than kept in memory.
const maxSSEEvent = 1 << 20

// SSEWriter passes a text/event-stream (server-sent events) on one whole
// event at a time, each followed by a blank line, so that a reader sees
// an event only when it is complete. Line ends (\n, \r\n, \r) become \n;
// comment lines (": keep-alive") are dropped. It holds at most about
// maxSSEEvent bytes.
type SSEWriter struct {
	w     io.Writer
	line  []byte // the line being read
	event []byte // complete lines of the current event
	cr    bool   // the last byte was \r (a \n right after it is the same line end)
}

func (s *SSEWriter) Write(b []byte) (int, error) {
	for _, c := range b {
		if s.cr && c == '\n' {
			s.cr = false
			continue
		}
		s.cr = c == '\r'
		if c != '\r' && c != '\n' {
			s.line = append(s.line, c)
			if len(s.line) < maxSSEEvent {
				continue
			}
		}
		if err := s.endLine(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// endLine files the current line: a blank line ends the event.
func (s *SSEWriter) endLine() error {
	switch {
	case len(s.line) == 0:
		if len(s.event) == 0 {
			return nil
		}
		s.event = append(s.event, '\n')
		return s.writeEvent()
	case s.line[0] == ':':
		s.line = s.line[:0]
		return nil
	}
	s.event = append(append(s.event, s.line...), '\n')
	s.line = s.line[:0]
	if len(s.event) >= maxSSEEvent {
		return s.writeEvent()
	}
	return nil
}

func (s *SSEWriter) writeEvent() error {
	_, err := s.w.Write(s.event)
	s.event = s.event[:0]
	return err
}

// flush writes an event the stream ended in the middle of, as it is.
func (s *SSEWriter) flush() error {
	if len(s.line) > 0 {
		s.event = append(append(s.event, s.line...), '\n')
		s.line = s.line[:0]
	}
	if len(s.event) == 0 {
		return nil
	}
	return s.writeEvent()
}
