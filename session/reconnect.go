package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// ErrConnectionClosed is returned when the server closed a kept-alive
// connection as a request went out on it and the request was not sent
// again (its method is not idempotent).
var ErrConnectionClosed = errors.New("the server closed the kept-alive connection as the request went out")

// do sends w on c and returns the response with the tracer of the attempt
// that got it. A request that meets a kept-alive connection the server
// closed as it went out is sent once more on a fresh connection when its
// method is idempotent (RFC 9110 section 9.2.2): net/http does that
// itself for GET, HEAD, OPTIONS and TRACE; do adds PUT and DELETE. Other
// methods (POST, PATCH) are not sent again, and the error says so.
func (s *Session) do(ctx context.Context, c *http.Client, w Wire, proxy *url.URL) (*http.Response, *tracer, error) {
	for attempt := 0; ; attempt++ {
		tr := &tracer{}
		req, err := wireRequest(tr.context(ctx), w)
		if err != nil {
			return nil, nil, err
		}
		resp, err := c.Do(req)
		if err == nil {
			return resp, tr, nil
		}
		if ctx.Err() != nil || !tr.t.Reused || !closedAsSent(err) {
			return nil, nil, s.transportError(err, proxy)
		}
		switch {
		case attempt == 0 && (w.Method == "PUT" || w.Method == "DELETE"):
			continue
		case attempt > 0:
			return nil, nil, fmt.Errorf("%w, twice: %w", ErrConnectionClosed, unwrapURLError(err))
		}
		return nil, nil, fmt.Errorf("%w; %s is not retried automatically: resend it if that is safe (%w)", ErrConnectionClosed, w.Method, unwrapURLError(err))
	}
}

// closedAsSent reports whether err is a reused connection's end seen as
// the request went out: EOF or a reset instead of a response.
func closedAsSent(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE) || strings.Contains(err.Error(), "server closed idle connection")
}

// wireRequest is w as an *http.Request: its lines in order (Host and
// Content-Length set from w), and no User-Agent when w has none.
func wireRequest(ctx context.Context, w Wire) (*http.Request, error) {
	var body io.Reader
	if len(w.Body) > 0 {
		body = bytes.NewReader(w.Body)
	}
	req, err := http.NewRequestWithContext(ctx, w.Method, w.URL.String(), body)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	for _, l := range w.Lines {
		switch strings.ToLower(l.Name) {
		case "host":
			req.Host = l.Value
		case "content-length":
			req.ContentLength = int64(len(w.Body))
		default:
			req.Header.Add(l.Name, l.Value)
		}
	}
	if _, ok := req.Header["User-Agent"]; !ok {
		req.Header["User-Agent"] = []string{""} // net/http would add its own
	}
	return req, nil
}

// localhostDialer dials "localhost" and every name under .localhost on
// the loopback interface, 127.0.0.1 then ::1, without asking DNS (RFC
// 6761 section 6.3, as curl and browsers do); other names go to d.
func localhostDialer(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil || !isLocalhostName(host) {
			return d.DialContext(ctx, network, addr)
		}
		c, err := d.DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
		if err == nil {
			return c, nil
		}
		if c6, err6 := d.DialContext(ctx, network, net.JoinHostPort("::1", port)); err6 == nil {
			return c6, nil
		}
		return nil, err
	}
}

// isLocalhostName reports whether host is localhost or under .localhost.
func isLocalhostName(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}
