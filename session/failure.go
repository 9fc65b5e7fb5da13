package session

// Failure is a request that got no response at all (refused, timed out,
// cut off before the status line): it is not an exchange, but what checks
// the last response must know it happened, or they would check the one
// before it.
type Failure struct {
	Method, URL string // the request, URL with its password hidden
	Err         error
}

// failed remembers that p got no response; the next recorded exchange
// forgets it.
func (s *Session) failed(p *Prepared, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failure = &Failure{Method: p.Method, URL: Redact(p.URL), Err: err}
}

// LastFailure is the last request when it got no response, or nil when
// the last request made an exchange (or none was sent).
func (s *Session) LastFailure() *Failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failure
}
