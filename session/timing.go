package session

import (
	"context"
	"crypto/tls"
	"net/http/httptrace"
	"sync"
	"time"
)

// Timing is where one hop's time went. Offsets are from Start; a zero
// offset means the phase did not happen (no DNS for an IP address, no TLS
// for http, nothing at all for a reused connection).
type Timing struct {
	Start        time.Time
	DNSStart     time.Duration
	DNSDone      time.Duration
	ConnectStart time.Duration
	ConnectDone  time.Duration
	TLSStart     time.Duration
	TLSDone      time.Duration
	GotConn      time.Duration
	WroteRequest time.Duration
	FirstByte    time.Duration
	BodyDone     time.Duration
	Reused       bool   // the connection had carried an earlier request
	WasIdle      bool   // it came from the idle pool
	RemoteAddr   string // ip:port
	LocalAddr    string
	TLSVersion   string
}

// Phase is one named span of a Timing.
type Phase struct {
	Name       string
	Start, End time.Duration
}

// Phases lists the spans that happened, in order: dns, connect, tls,
// send (connection ready to request written), wait (to the first
// byte), transfer (the body). They never overlap, so they add up to at
// most Total.
func (t *Timing) Phases() []Phase {
	var ps []Phase
	addp := func(name string, a, b time.Duration) {
		if b > 0 && b >= a {
			ps = append(ps, Phase{name, a, b})
		}
	}
	addp("dns", t.DNSStart, t.DNSDone)
	addp("connect", t.ConnectStart, t.ConnectDone)
	addp("tls", t.TLSStart, t.TLSDone)
	sent := t.WroteRequest
	if t.FirstByte > 0 && t.FirstByte < sent {
		// The server answered before the body was all sent: the rest of
		// the upload overlaps the transfer, so send ends at the answer.
		sent = t.FirstByte
	}
	addp("send", t.GotConn, sent)
	addp("wait", t.WroteRequest, t.FirstByte)
	addp("transfer", t.FirstByte, t.BodyDone)
	return ps
}

// Total is the time from start to the end of the body.
func (t *Timing) Total() time.Duration { return t.BodyDone }

// tracer fills a Timing from httptrace callbacks, which may come from
// other goroutines.
type tracer struct {
	mu sync.Mutex
	t  Timing
}

func (tr *tracer) mark(d *time.Duration) {
	tr.mu.Lock()
	*d = time.Since(tr.t.Start)
	tr.mu.Unlock()
}

func (tr *tracer) context(ctx context.Context) context.Context {
	tr.t.Start = time.Now()
	return httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		DNSStart:          func(httptrace.DNSStartInfo) { tr.mark(&tr.t.DNSStart) },
		DNSDone:           func(httptrace.DNSDoneInfo) { tr.mark(&tr.t.DNSDone) },
		ConnectStart:      func(string, string) { tr.mark(&tr.t.ConnectStart) },
		ConnectDone:       func(string, string, error) { tr.mark(&tr.t.ConnectDone) },
		TLSHandshakeStart: func() { tr.mark(&tr.t.TLSStart) },
		TLSHandshakeDone: func(s tls.ConnectionState, _ error) {
			tr.mark(&tr.t.TLSDone)
			tr.mu.Lock()
			tr.t.TLSVersion = tls.VersionName(s.Version)
			tr.mu.Unlock()
		},
		GotConn: func(i httptrace.GotConnInfo) {
			tr.mark(&tr.t.GotConn)
			tr.mu.Lock()
			tr.t.Reused, tr.t.WasIdle = i.Reused, i.WasIdle
			tr.t.RemoteAddr, tr.t.LocalAddr = i.Conn.RemoteAddr().String(), i.Conn.LocalAddr().String()
			tr.mu.Unlock()
		},
		WroteRequest:         func(httptrace.WroteRequestInfo) { tr.mark(&tr.t.WroteRequest) },
		GotFirstResponseByte: func() { tr.mark(&tr.t.FirstByte) },
	})
}

func (tr *tracer) done() Timing {
	tr.mark(&tr.t.BodyDone)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.t
}
