package session

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

// Wire is a request as it went on the wire.
type Wire struct {
	Method string
	URL    *url.URL
	Proto  string
	Lines  []Line // in the order written, Host first
	Body   []byte
	// Dropped lists what a redirect did not carry over, and why.
	Dropped []string
	// Via is the proxy the request went through (password hidden), or "".
	Via string

	authTries int // 401 challenges answered by sending this request again
}

// Response is one response as received. Header order is by name: net/http
// does not keep the order the server sent.
type Response struct {
	Proto      string
	StatusCode int
	Reason     string
	Header     http.Header
	Fields     []Header
	Body       []byte // decoded (gzip/deflate undone); empty when streamed to a sink or spilled
	// Spill is the temporary file holding the whole decoded body when it
	// was larger than body-limit (Body is then empty); "" otherwise. The
	// session removes it when the exchange is forgotten (see Open).
	Spill    string
	Size     int64  // decoded body bytes read (also when streamed or spilled)
	WireSize int64  // bytes as they came over the wire
	Encoding string // Content-Encoding that was undone, if any
	Streamed bool   // the body went to a sink, not to Body
	// Moved says where keep-limit put the body after the exchange: "" (it
	// is where it was received), MovedSpilled or MovedDropped.
	Moved string
	// TLS is the connection's state (nil for plain HTTP); see TLSInfo.
	TLS *tls.ConnectionState

	unverified *x509.CertPool // roots to judge a chain not verified (--insecure) by; nil: the system's
}

// Open returns the whole decoded body, from memory or from the spill
// file; the caller closes it.
func (r *Response) Open() (io.ReadCloser, error) {
	if r.Moved == MovedDropped {
		return nil, fmt.Errorf("the body of %d bytes was %s (it could not go to a temporary file): send the request again", r.Size, MovedDropped)
	}
	if r.Spill == "" {
		return io.NopCloser(bytes.NewReader(r.Body)), nil
	}
	f, err := os.Open(r.Spill)
	if err != nil {
		return nil, fmt.Errorf("the body's temporary file is gone (the exchange was forgotten?): %w", err)
	}
	return f, nil
}

// Spilled reports whether the body is in a temporary file, not memory.
func (r *Response) Spilled() bool { return r.Spill != "" }

// ContentType is the Content-Type header.
func (r *Response) ContentType() string { return r.Header.Get("Content-Type") }

// OK reports a status below 400.
func (r *Response) OK() bool { return r.StatusCode < 400 }

// Hop is one request and the response to it; a redirect chain has several.
type Hop struct {
	Request  Wire
	Response *Response
	Timing   Timing

	retry bool // a 401 challenge to answer: the request goes again
}

// Exchange is one sent request: every hop of its redirect chain, the last
// being the final answer.
type Exchange struct {
	ID       int
	Prepared *Prepared
	Hops     []*Hop
	Start    time.Time
	Elapsed  time.Duration
	// Warnings are things the user should know (a body re-sent to another
	// origin, an encoding left undone).
	Warnings []string
}

// Final is the last hop.
func (e *Exchange) Final() *Hop { return e.Hops[len(e.Hops)-1] }

// Response is the final response.
func (e *Exchange) Response() *Response { return e.Final().Response }

// URL is the final URL, after redirects.
func (e *Exchange) URL() *url.URL { return e.Final().Request.URL }

// Redirected reports whether more than one hop was made.
func (e *Exchange) Redirected() bool { return len(e.Hops) > 1 }

// Summary is "GET http://x/y", the request as first sent.
func (e *Exchange) Summary() string {
	return e.Hops[0].Request.Method + " " + Redact(e.Hops[0].Request.URL)
}

// wireTarget is the request-target of u as written on the request line.
func wireTarget(u *url.URL) string {
	t := u.EscapedPath()
	if t == "" {
		t = "/"
	}
	if u.RawQuery != "" {
		t += "?" + u.RawQuery
	}
	return t
}

// RequestLine is "GET /path?q HTTP/1.1".
func (w *Wire) RequestLine() string {
	return w.Method + " " + wireTarget(w.URL) + " " + w.Proto
}

// hostLine is the Host header for u.
func hostLine(u *url.URL) Line {
	h := u.Host
	if (u.Scheme == "http" && strings.HasSuffix(h, ":80")) || (u.Scheme == "https" && strings.HasSuffix(h, ":443")) {
		h = h[:strings.LastIndexByte(h, ':')]
	}
	return Line{Name: "Host", Value: h, Origin: "URL"}
}
