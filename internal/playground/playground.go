// Package playground runs the embedded httpbin (github.com/mccutchen/go-httpbin)
// on a loopback address, with the lessons' own /learn/ routes (learn.go).
// It serves `httpsh --playground` and the tests, so that every example
// works offline.
package playground

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/mccutchen/go-httpbin/v2/httpbin"
)

// Server is a running playground. URL has no trailing slash.
type Server struct {
	URL  string
	srv  *http.Server
	done chan struct{}
}

// Start listens on 127.0.0.1 at a random port and serves httpbin until
// Close. Requests may take at most maxDuration (0 means 60s), which bounds
// /delay and /drip.
func Start(maxDuration time.Duration) (*Server, error) {
	if maxDuration <= 0 {
		maxDuration = 60 * time.Second
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start playground: %w", err)
	}
	h := httpbin.New(
		httpbin.WithMaxDuration(maxDuration),
		httpbin.WithMaxBodySize(64<<20),
	)
	s := &Server{
		URL:  "http://" + ln.Addr().String(),
		srv:  &http.Server{Handler: withSpec(withLearn(h)), ReadHeaderTimeout: 10 * time.Second},
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the listener failed; clients see refused connections
		}
	}()
	return s, nil
}

// Close stops the server, waiting at most a second for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	<-s.done
	return err
}
