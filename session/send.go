package session

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// SendOptions say where a body goes. When Sink is set it is called with
// the final response's status and headers; a non-nil writer it returns
// receives the decoded body instead of Response.Body. Time limits are
// the same either way (see Limits).
type SendOptions struct {
	Sink func(*Response) (io.Writer, error)
	// Progress, when set, is called as body bytes arrive at a sink.
	Progress func(n int64)
}

// transportKey tells transports apart. Connections are pooled per
// transport, so a connection opened without certificate verification is
// never reused by a verified request, each header limit has its own, and
// each route (direct, or through one proxy URL) has its own: net/http's
// HTTP/2 pool is keyed by the origin alone, so a shared transport would
// send a direct request down a tunnel, or the reverse.
type transportKey struct {
	insecure    bool
	headerLimit int64
	wire        wireKey
	proxy       string // "" for direct
}

func newTransport(k transportKey) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = proxyFromContext  // chosen per request by Send
	t.DisableCompression = true // we ask for and undo encodings ourselves
	t.MaxResponseHeaderBytes = k.headerLimit
	t.MaxIdleConnsPerHost = 8
	t.DialContext = localhostDialer(&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second})
	t.TLSClientConfig = &tls.Config{InsecureSkipVerify: k.insecure, MinVersion: tls.VersionTLS12}
	t.ForceAttemptHTTP2 = true
	return t
}

// client returns an http.Client for p on the transport its verification,
// header limit, TLS files, HTTP version and route (proxy, nil for direct)
// call for. Loading the TLS files may fail (or ask for a passphrase) the
// first time.
func (s *Session) client(p *Prepared, proxy *url.URL) (*http.Client, error) {
	k := transportKey{insecure: p.Options.Insecure || !s.Settings.Verify, headerLimit: s.Settings.HeaderLimit, wire: s.wireOf(p)}
	if proxy != nil {
		k.proxy = proxy.String()
	}
	if k.headerLimit <= 0 {
		k.headerLimit = DefaultSettings().HeaderLimit
	}
	s.mu.Lock()
	t, ok := s.transports[k]
	s.mu.Unlock()
	if !ok {
		t = newTransport(k)
		if err := s.configure(t, k); err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.transports == nil {
			s.transports = map[transportKey]*http.Transport{}
		}
		if old, raced := s.transports[k]; raced {
			t = old
		} else {
			s.transports[k] = t
		}
		s.mu.Unlock()
	}
	return &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}

// Send puts p on the wire, follows redirects by the session's policy,
// stores cookies in the jar, records the exchange
// and returns it. A response of any status is a result; the error is for
// failures to get one. When a redirect chain fails part-way, the hops so
// far are recorded and returned with the error.
func (s *Session) Send(ctx context.Context, p *Prepared, o SendOptions) (*Exchange, error) {
	e := &Exchange{Prepared: p, Start: s.Now()}
	follow, maxRedirects := s.Settings.Follow, s.Settings.MaxRedirects
	lim := Limits{Headers: s.Settings.HeaderTimeout, Whole: s.Settings.Timeout, WholeFrom: "set timeout"}
	if p.Options.Follow != nil {
		follow = *p.Options.Follow
	}
	if p.Options.MaxRedirects != nil {
		maxRedirects = *p.Options.MaxRedirects
	}
	if p.Options.Timeout != nil {
		lim.Whole, lim.WholeFrom = *p.Options.Timeout, "--timeout"
	}
	if p.Options.HeaderTimeout != nil {
		lim.Headers = *p.Options.HeaderTimeout
	}
	ctx, cancel := context.WithCancel(withCertProbe(ctx))
	defer cancel()
	wd := newWatchdog(lim, cancel)
	defer wd.stop()
	w := firstWire(p)
	if _, err := s.clientFor(p, w.URL); err != nil {
		return e, err // TLS files that cannot be loaded: nothing was sent
	}
	started := time.Now()
	for {
		if err := s.authorize(ctx, p, &w); err != nil {
			return e, err
		}
		hop, err := s.roundTrip(ctx, w, p, o, wd, follow)
		if hop != nil {
			e.Hops = append(e.Hops, hop)
		}
		if err != nil {
			e.Elapsed = time.Since(started)
			err = certHint(ctx, wd.explain(err, w), w.URL.Host)
			if len(e.Hops) > 0 {
				s.record(e)
			} else {
				s.failed(p, err)
			}
			return e, err
		}
		if hop.retry {
			w.authTries++
			continue
		}
		next, warn, err := s.nextHop(p, hop, follow, len(e.Hops), maxRedirects)
		if warn != "" {
			e.Warnings = append(e.Warnings, warn)
		}
		if err != nil {
			e.Elapsed = time.Since(started)
			s.record(e)
			return e, fmt.Errorf("%w: %s", err, chain(e))
		}
		if next == nil {
			break
		}
		w = *next
	}
	e.Elapsed = time.Since(started)
	s.record(e)
	return e, nil
}

// firstWire is the first hop's request: p's lines, Host first (the one
// typed on the line, if any, else the URL's).
func firstWire(p *Prepared) Wire {
	host := hostLine(p.URL)
	var rest []Line
	for _, l := range p.Lines {
		if strings.EqualFold(l.Name, "Host") {
			host = l
			continue
		}
		rest = append(rest, l)
	}
	lines := append([]Line{host}, rest...)
	return Wire{Method: p.Method, URL: p.URL, Proto: "HTTP/1.1", Lines: lines, Body: p.Body}
}

// clientFor is the client for a hop to u: on the route p's proxy
// setting chooses for u.
func (s *Session) clientFor(p *Prepared, u *url.URL) (*http.Client, error) {
	proxy, err := s.proxyFor(p, u)
	if err != nil {
		return nil, err
	}
	return s.client(p, proxy)
}

func (s *Session) roundTrip(ctx context.Context, w Wire, p *Prepared, o SendOptions, wd *watchdog, follow bool) (*Hop, error) {
	proxy, err := s.proxyFor(p, w.URL)
	if err != nil {
		return nil, err
	}
	c, err := s.client(p, proxy)
	if err != nil {
		return nil, err
	}
	ctx = withProxy(ctx, proxy)
	if proxy != nil {
		w.Via = Redact(proxy)
	}
	resp, tr, err := s.do(ctx, c, w, proxy)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	wd.gotHeaders()
	hop := &Hop{Request: w, Response: newResponse(resp)}
	noteRoots(hop.Response, c)
	if resp.ProtoMajor >= 2 {
		hop.Request.Proto = resp.Proto
	}
	// Like requests' Session.send, cookies the server sets go to the jar
	// even for a request prepared without the session.
	s.Jar.SetCookieLines(w.URL, resp.Header.Values("Set-Cookie"))
	hop.retry, err = s.challenged(p, &w, hop.Response)
	final := !hop.retry && (!follow || !redirectStatus(resp.StatusCode) || resp.Header.Get("Location") == "")
	if rerr := s.readBody(resp, hop.Response, w.Method, final, o, wd); err == nil {
		err = rerr
	}
	hop.Timing = tr.done()
	return hop, err
}

func newResponse(resp *http.Response) *Response {
	code := fmt.Sprint(resp.StatusCode)
	reason := strings.TrimPrefix(strings.TrimPrefix(resp.Status, code), " ")
	if resp.Close && resp.ProtoAtLeast(1, 1) && resp.Header.Get("Connection") == "" {
		// net/http removes the "Connection: close" it read (into
		// resp.Close); the view and checks show it as it came.
		resp.Header.Set("Connection", "close")
	}
	return &Response{
		Proto:      resp.Proto,
		StatusCode: resp.StatusCode,
		Reason:     reason,
		Header:     resp.Header,
		Fields:     sortedFields(resp.Header),
		TLS:        resp.TLS,
	}
}

// chain is "GET http://a/ → 302 http://b/ → ..." for redirect errors.
func chain(e *Exchange) string {
	var parts []string
	for _, h := range e.Hops {
		parts = append(parts, fmt.Sprintf("%d %s", h.Response.StatusCode, Redact(h.Request.URL)))
	}
	return strings.Join(parts, " → ")
}

// ErrHeaderLimit is returned when a response's headers are larger than
// the header-limit setting.
var ErrHeaderLimit = errors.New("response headers too large")

// transportError names the two failures net/http reports only as text: a
// header block over the limit, and a proxy that could not be reached or
// refused the tunnel. Other errors are returned as they are.
func (s *Session) transportError(err error, proxy *url.URL) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "server response headers exceeded"):
		return fmt.Errorf("%w: more than header-limit %s (raise it with `set header-limit 4MiB` if you trust the server)", ErrHeaderLimit, FormatSize(s.Settings.HeaderLimit))
	case proxy != nil && (strings.Contains(msg, "proxyconnect") || strings.Contains(msg, "Proxy Authentication Required")):
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("proxy %s failed: %v (check --proxy, `set proxy` or HTTP_PROXY/HTTPS_PROXY): %w", Redact(proxy), redactErr(err, proxy), ErrProxy)
	}
	return err
}

// redactErr is err's text with the proxy's password, if any, hidden.
func redactErr(err error, proxy *url.URL) string {
	msg := err.Error()
	if pw, ok := proxy.User.Password(); ok && pw != "" {
		msg = strings.ReplaceAll(msg, pw, "***")
	}
	return msg
}

// ErrTooManyRedirects is returned when a chain is longer than the limit.
var ErrTooManyRedirects = errors.New("too many redirects")
