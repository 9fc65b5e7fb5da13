package session

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// TLSInfo describes the TLS connection a response came over, for `show
// tls`. It holds no secret.
type TLSInfo struct {
	Version     string // "TLS 1.3"
	Cipher      string // "TLS_AES_128_GCM_SHA256"
	ALPN        string // "h2", "http/1.1" or ""
	ServerName  string // the SNI sent
	Resumed     bool
	Chain       []CertInfo // as the server sent it, leaf first
	Verified    bool       // the chain was verified against the trusted roots
	VerifyError string     // why not, when verification was skipped or failed
}

// CertInfo is one certificate of a chain.
type CertInfo struct {
	Subject, Issuer     string
	DNSNames, IPs       []string
	NotBefore, NotAfter time.Time
}

// TLSInfo summarises r's connection, or returns nil for plain HTTP. A
// chain that was not verified (--insecure, verify off) is checked now
// against the roots the request would have trusted, and VerifyError
// says what verification would have said.
func (r *Response) TLSInfo() *TLSInfo {
	info := summarizeTLS(r.TLS)
	if info != nil && !info.Verified && len(r.TLS.PeerCertificates) > 0 {
		info.VerifyError += ": " + wouldVerify(r.TLS, r.unverified)
	}
	return info
}

// noteRoots keeps the roots of c's transport on r when the request did
// not verify, for TLSInfo.
func noteRoots(r *Response, c *http.Client) {
	if t, ok := c.Transport.(*http.Transport); ok && r.TLS != nil && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify {
		r.unverified = t.TLSClientConfig.RootCAs
	}
}

// wouldVerify verifies cs's chain against roots (nil: the system's).
func wouldVerify(cs *tls.ConnectionState, roots *x509.CertPool) string {
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, DNSName: cs.ServerName})
	if err != nil {
		return "verification would fail: " + err.Error()
	}
	return "verification would pass"
}

func summarizeTLS(cs *tls.ConnectionState) *TLSInfo {
	if cs == nil {
		return nil
	}
	info := &TLSInfo{
		Version:    tls.VersionName(cs.Version),
		Cipher:     tls.CipherSuiteName(cs.CipherSuite),
		ALPN:       cs.NegotiatedProtocol,
		ServerName: cs.ServerName,
		Resumed:    cs.DidResume,
		Verified:   len(cs.VerifiedChains) > 0,
	}
	for _, c := range cs.PeerCertificates {
		info.Chain = append(info.Chain, certInfo(c))
	}
	if !info.Verified {
		info.VerifyError = "not verified (--insecure or `set verify off`)"
	}
	return info
}

func certInfo(c *x509.Certificate) CertInfo {
	ci := CertInfo{Subject: c.Subject.String(), Issuer: c.Issuer.String(), DNSNames: c.DNSNames, NotBefore: c.NotBefore, NotAfter: c.NotAfter}
	for _, ip := range c.IPAddresses {
		ci.IPs = append(ci.IPs, ip.String())
	}
	return ci
}

// Lines renders info as "name: value" lines, the chain indented.
func (info *TLSInfo) Lines() []string {
	alpn := info.ALPN
	if alpn == "" {
		alpn = "none"
	}
	out := []string{
		"protocol: " + info.Version,
		"cipher: " + info.Cipher,
		"alpn: " + alpn,
		"server name: " + info.ServerName,
	}
	if info.Verified {
		out = append(out, "verified: yes")
	} else {
		out = append(out, "verified: no, "+info.VerifyError)
	}
	for i, c := range info.Chain {
		out = append(out, fmt.Sprintf("certificate %d: %s", i, c.Subject),
			"  issuer: "+c.Issuer,
			"  valid: "+c.NotBefore.UTC().Format(time.DateOnly)+" to "+c.NotAfter.UTC().Format(time.DateOnly))
		if sans := append(append([]string{}, c.DNSNames...), c.IPs...); len(sans) > 0 {
			out = append(out, "  names: "+strings.Join(sans, ", "))
		}
	}
	return out
}

// certProbe records, for one Send, that a server asked for a client
// certificate during a handshake: a TLS 1.2 server that then fails with a
// bare "handshake failure" wanted one.
type certProbe struct{ asked atomic.Bool }

type certProbeKey struct{}

func withCertProbe(ctx context.Context) context.Context {
	return context.WithValue(ctx, certProbeKey{}, &certProbe{})
}

func noteCertRequest(ctx context.Context) {
	if p, ok := ctx.Value(certProbeKey{}).(*certProbe); ok {
		p.asked.Store(true)
	}
}

// certHint rewrites a failed handshake with a server that asked for a
// client certificate as ErrClientCert naming host and the options.
func certHint(ctx context.Context, err error, host string) error {
	p, ok := ctx.Value(certProbeKey{}).(*certProbe)
	if err == nil || !ok || !p.asked.Load() || errors.Is(err, ErrClientCert) {
		return err
	}
	msg := err.Error()
	why := "it closed the connection"
	switch {
	case strings.Contains(msg, "remote error: tls:"):
		why = msg[strings.LastIndex(msg, "tls: ")+5:]
	case strings.Contains(msg, "http2: client conn could not be established"), strings.Contains(msg, "connection reset"), strings.HasSuffix(msg, "EOF"),
		errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNRESET):
		// TLS 1.3: the refusal comes after our side of the handshake,
		// as a closed connection (x/net's http2 hides it behind this), or
		// as a broken pipe when the request was being written.
	default:
		return err
	}
	return fmt.Errorf("%s asked for a client certificate and refused the handshake (%s): give one with --cert FILE --key FILE or `set cert FILE` and `set key FILE`: %w", host, why, ErrClientCert)
}

// tlsHint turns the two TLS failures a user can fix with options into a
// sentence that names the host and the option; ok is false otherwise.
func tlsHint(err error, host string) (error, bool) {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "certificate required"), strings.Contains(msg, "didn't provide a certificate"),
		strings.Contains(msg, "remote error: tls: bad certificate"):
		return fmt.Errorf("%s asked for a client certificate and none was accepted: give one with --cert FILE --key FILE or `set cert FILE` and `set key FILE`: %w", host, ErrClientCert), true
	case strings.Contains(msg, "tls: no application protocol"):
		return fmt.Errorf("%s does not offer HTTP/2 over TLS: use --http1.1 or `set http auto`: %w", host, ErrTLS), true
	case strings.Contains(msg, "remote error: tls: expired certificate"), strings.Contains(msg, "remote error: tls: unknown certificate authority"):
		return fmt.Errorf("%s refused the client certificate (%s): %w", host, msg[strings.LastIndex(msg, "tls: ")+5:], ErrClientCert), true
	}
	return nil, false
}
