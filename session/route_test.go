package session_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/httpsh/httpsh/session"
)

// closingServer answers the first request on each connection, keeping it
// alive, and closes the connection as the second one arrives (after
// reading its head), as a server whose keep-alive timer fires just then
// does. It returns the base URL and the request lines it read.
func closingServer(t *testing.T) (string, func() []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var lines []string
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	serve := func(c net.Conn) {
		defer wg.Done()
		defer c.Close()
		br := bufio.NewReader(c)
		for n := 0; ; n++ {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			mu.Lock()
			lines = append(lines, strings.TrimSpace(line))
			mu.Unlock()
			for {
				h, err := br.ReadString('\n')
				if err != nil || strings.TrimSpace(h) == "" {
					break
				}
				if name, v, ok := strings.Cut(h, ":"); ok && strings.EqualFold(name, "Content-Length") {
					_, _ = io.CopyN(io.Discard, br, int64(must(strconv.Atoi(strings.TrimSpace(v)))))
				}
			}
			if n == 1 {
				return // closed as the request went out
			}
			_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go serve(c)
		}
	}()
	return "http://" + ln.Addr().String(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), lines...)
	}
}

func must(n int, _ error) int { return n }

// TestIdempotentRetriedOnClosedConnection: a kept-alive connection the
// server closes as the request goes out is retried once on a fresh one
// for GET, PUT and DELETE (idempotent, RFC 9110); POST and PATCH are
// sent once and the error says what happened. Issue 11, item 6.
func TestIdempotentRetriedOnClosedConnection(t *testing.T) {
	for _, c := range []struct {
		method string
		sent   int
		errHas string
	}{
		{"GET", 2, ""}, {"PUT", 2, ""}, {"DELETE", 2, ""},
		{"POST", 1, "the server closed the kept-alive connection as the request went out; POST is not retried automatically: resend it if that is safe"},
		{"PATCH", 1, "PATCH is not retried automatically"},
	} {
		t.Run(c.method, func(t *testing.T) {
			base, lines := closingServer(t)
			s := newSession(t)
			if _, err := send(t, s, &session.Request{Method: "GET", URL: base + "/first"}); err != nil {
				t.Fatal(err)
			}
			_, err := send(t, s, &session.Request{Method: c.method, URL: base + "/second", Body: []byte("body")})
			switch {
			case c.errHas == "" && err != nil:
				t.Fatalf("%s: %v, want it retried", c.method, err)
			case c.errHas != "" && (err == nil || !strings.Contains(err.Error(), c.errHas) || !errors.Is(err, session.ErrConnectionClosed)):
				t.Fatalf("%s: error %v, want one with %q", c.method, err, c.errHas)
			}
			n := 0
			for _, l := range lines() {
				if strings.HasPrefix(l, c.method+" /second ") {
					n++
				}
			}
			if n != c.sent {
				t.Errorf("server read %s %d times, want %d (%q)", c.method, n, c.sent, lines())
			}
		})
	}
}

// connectProxy is an HTTP proxy on 127.0.0.1 that tunnels CONNECT and
// counts the tunnels.
func connectProxy(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		n.Add(1)
		up, err := net.Dial("tcp", r.Host)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
		c, rw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			up.Close()
			return
		}
		go func() { _, _ = io.Copy(up, rw); up.Close() }()
		_, _ = io.Copy(c, up)
		c.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// h2Origin is an HTTPS origin speaking HTTP/2 that counts the
// connections it accepted.
func h2Origin(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(hostileOK())
	srv.EnableHTTP2 = true
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, &conns
}

func hostileOK() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, r.Proto) })
}

// TestProxyChangeChangesRoute: an HTTPS origin with an HTTP/2 connection
// already open is reached by the route asked for: `--proxy` after a
// direct request goes through the proxy, and a direct request after a
// proxied one does not. Issue 11, item 8.
func TestProxyChangeChangesRoute(t *testing.T) {
	run := func(t *testing.T, routes ...string) (tunnels, conns int32) {
		origin, nconn := h2Origin(t)
		px, ntun := connectProxy(t)
		s := newSession(t)
		for _, via := range routes {
			proxy := "none"
			if via == "proxy" {
				proxy = px.URL
			}
			e, err := send(t, s, &session.Request{Method: "GET", URL: origin.URL + "/", Options: session.Options{Insecure: true, Proxy: proxy}})
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Final().Response.Proto; got != "HTTP/2.0" {
				t.Fatalf("proto %s, want HTTP/2.0", got)
			}
		}
		return ntun.Load(), nconn.Load()
	}
	t.Run("direct then proxy", func(t *testing.T) {
		if tunnels, _ := run(t, "direct", "proxy"); tunnels != 1 {
			t.Errorf("%d CONNECT tunnels, want 1: --proxy reused the direct connection", tunnels)
		}
	})
	t.Run("proxy then direct", func(t *testing.T) {
		if tunnels, conns := run(t, "proxy", "direct"); tunnels != 1 || conns != 2 {
			t.Errorf("%d tunnels, %d origin connections, want 1 and 2: proxy none reused the tunnel", tunnels, conns)
		}
	})
}

// TestLocalhostNamesAreLoopback: app.localhost reaches a server on
// 127.0.0.1 without DNS, as curl does (RFC 6761). Issue 11, item 9.
func TestLocalhostNamesAreLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, r.Host) }))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	s := newSession(t)
	for _, host := range []string{"app.localhost", "a.b.LOCALHOST", "app.localhost."} {
		e, err := send(t, s, &session.Request{Method: "GET", URL: "http://" + host + ":" + port + "/"})
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		if got := string(e.Final().Response.Body); got != host+":"+port {
			t.Errorf("%s: server saw Host %q", host, got)
		}
	}
}
