// Package hostile holds loopback servers that misbehave on purpose: they
// redirect across origins, send escape sequences in every field, flood
// headers, drip bytes, send endless, truncated or compressed-bomb bodies,
// offer traversal file names and self-signed certificates. Only tests
// import it; every server listens on 127.0.0.1 and stops with the test.
package hostile

import (
	"bufio"
	"crypto/tls"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Seen is one request as a server received it.
type Seen struct {
	Host   string
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// Recorder wraps a handler and keeps every request it receives. It is
// safe for concurrent use.
type Recorder struct {
	mu   sync.Mutex
	seen []Seen
	next http.Handler
}

// Record returns a Recorder passing requests on to h.
func Record(h http.Handler) *Recorder { return &Recorder{next: h} }

// ServeHTTP records r, then calls the wrapped handler.
func (rec *Recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	rec.mu.Lock()
	rec.seen = append(rec.seen, Seen{Host: r.Host, Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone(), Body: body})
	rec.mu.Unlock()
	rec.next.ServeHTTP(w, r)
}

// Seen returns the requests received so far, oldest first.
func (rec *Recorder) Seen() []Seen {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]Seen(nil), rec.seen...)
}

// Server starts an HTTP server for h on 127.0.0.1, closed when t ends.
func Server(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

// TLSServer starts an HTTPS server for h on 127.0.0.1 with a self-signed
// certificate that no client trusts by default, closed when t ends.
func TLSServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewUnstartedServer(h)
	s.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
	s.StartTLS()
	t.Cleanup(s.Close)
	return s
}

// Redirect answers every request with code and Location: to.
func Redirect(code int, to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", to)
		w.WriteHeader(code)
	})
}

// OK answers 200 with body as text/plain.
func OK(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, body)
	})
}

// Hosts serves several host names from one listener: requests are
// dispatched by their Host (with the port). Used as an HTTP proxy (the
// client sends absolute URLs, r.Host is the target's host), it lets tests
// reach names such as api.example.com and evil.example.net without DNS.
// Unknown hosts get 502.
type Hosts map[string]http.Handler

func (hs Hosts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h, ok := hs[r.Host]
	if !ok {
		http.Error(w, "no such host "+r.Host, http.StatusBadGateway)
		return
	}
	h.ServeHTTP(w, r)
}

// Raw starts a TCP server on 127.0.0.1 that reads each request's head and
// hands the connection to serve, which writes whatever bytes it likes.
// The connection is closed when serve returns. It returns the base URL
// (http://127.0.0.1:PORT) and stops when t ends.
func Raw(t testing.TB, serve func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() {
		close(done)
		ln.Close()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				go func() { <-done; c.Close() }()
				readHead(c)
				serve(c)
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// readHead reads a request head up to its blank line (bodies are not
// expected by raw servers).
func readHead(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil || line == "\r\n" || line == "\n" {
			break
		}
	}
	_ = c.SetReadDeadline(time.Time{})
}

// Bytes is a raw serve func that writes b and closes.
func Bytes(b string) func(net.Conn) {
	return func(c net.Conn) { io.WriteString(c, b) }
}

// Dual serves h over both HTTPS (self-signed) and plain HTTP on one
// 127.0.0.1 port, telling them apart by the first byte, so a redirect
// from https://127.0.0.1:P to http://127.0.0.1:P changes only the scheme.
// It returns the port's host:port.
func Dual(t testing.TB, h http.Handler) string {
	t.Helper()
	certSrc := httptest.NewTLSServer(h) // for its self-signed certificate
	cfg := certSrc.TLS.Clone()
	certSrc.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = srv.Serve(&sniffListener{Listener: ln, tls: cfg}) }()
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// sniffListener wraps connections whose first byte is a TLS handshake
// record (0x16) in a TLS server.
type sniffListener struct {
	net.Listener
	tls *tls.Config
}

func (l *sniffListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	_ = c.SetReadDeadline(time.Time{})
	pc := &peekedConn{Conn: c, r: br}
	if err == nil && first[0] == 0x16 {
		return tls.Server(pc, l.tls), nil
	}
	return pc, nil
}

type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(b []byte) (int, error) { return c.r.Read(b) }
