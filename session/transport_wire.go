package session

import (
	"net/http"
	"strings"
)

// wireKey is the part of a transportKey that TLS files and the HTTP
// version make: requests that differ in any of them never share a pool
// (an mTLS connection is never reused by a request without --cert, nor
// one trusted through --cacert by a request without it).
type wireKey struct {
	ca        string // CA files joined by NUL
	caOnly    bool
	cert, key string
	http      string // "auto", "1.1" or "2"
}

// wireOf is p's wireKey: its Options.TLS and Options.HTTP, else the
// session's Settings.Wire.
func (s *Session) wireOf(p *Prepared) wireKey {
	o, h := s.Settings.Wire.TLS, s.Settings.Wire.HTTP
	if p.Options.TLS != nil {
		o = *p.Options.TLS
	}
	if p.Options.HTTP != "" {
		h = p.Options.HTTP
	}
	if h == "" {
		h = "auto"
	}
	return wireKey{ca: strings.Join(o.CA, "\x00"), caOnly: o.CAOnly, cert: o.Cert, key: o.Key, http: h}
}

func (k wireKey) options() TLSOptions {
	o := TLSOptions{CAOnly: k.caOnly, Cert: k.cert, Key: k.key}
	if k.ca != "" {
		o.CA = strings.Split(k.ca, "\x00")
	}
	return o
}

// configure loads k's TLS files into t and sets its protocols. It may
// ask for a passphrase, so it runs without the session's lock.
func (s *Session) configure(t *http.Transport, k transportKey) error {
	c, err := tlsConfig(k.wire.options(), k.insecure, s.Passphrase, s.Now())
	if err != nil {
		return err
	}
	t.TLSClientConfig = c
	var p http.Protocols
	switch k.wire.http {
	case "1.1":
		p.SetHTTP1(true)
		t.Protocols = &p
	case "2":
		p.SetHTTP2(true)
		p.SetUnencryptedHTTP2(true)
		t.Protocols = &p
	}
	return nil
}
