package session

import (
	"fmt"
	"strings"
)

// WireSettings are the session's choices of TLS material, HTTP version
// and .netrc, kept in Settings.Wire and changed with `set NAME VALUE`
// (their entries in the settings table: ca, ca-only, cert, key, http,
// netrc).
type WireSettings struct {
	TLS TLSOptions
	// HTTP is the HTTP version: "auto" (h2 when TLS offers it, else
	// HTTP/1.1), "1.1", or "2" (h2 over TLS, h2c with prior knowledge
	// for http://). See ParseHTTPVersion.
	HTTP string
	// Netrc: read $NETRC or ~/.netrc for credentials (see Netrc).
	Netrc bool
}

// TLSOptions are client-side TLS files. The zero value trusts the
// system pool and presents no certificate.
type TLSOptions struct {
	CA     []string // PEM files of CA certificates to trust, added to the system pool
	CAOnly bool     // trust only CA, not the system pool
	Cert   string   // PEM file of the client certificate chain ("" none)
	Key    string   // PEM file of its private key; "" means the key is in Cert
}

// IsZero reports whether o asks for nothing beyond the defaults.
func (o TLSOptions) IsZero() bool {
	return len(o.CA) == 0 && !o.CAOnly && o.Cert == "" && o.Key == ""
}

// ParseHTTPVersion reads auto, 1.1 (or 1, http1.1) and 2 (or http2, h2).
func ParseHTTPVersion(v string) (string, error) {
	switch strings.TrimPrefix(strings.ToLower(v), "http") {
	case "auto", "":
		return "auto", nil
	case "1.1", "1", "/1.1":
		return "1.1", nil
	case "2", "/2", "h2":
		return "2", nil
	}
	return "", fmt.Errorf("http takes auto, 1.1 or 2, not %q", v)
}

// wireSettings are the table entries of WireSettings (see SettingTable).
// File names are checked when a request first uses them.
func wireSettings() []Setting {
	onOffValues := []string{"on", "off"}
	return []Setting{
		{Name: "ca", Kind: "files", Default: "none", Values: []string{"none"},
			Help: "extra CA certificates to trust: PEM FILE[,FILE...], or none",
			get:  func(s *Settings) string { return noneIfEmpty(strings.Join(s.Wire.TLS.CA, ",")) },
			set: func(s *Settings, v string) error {
				s.Wire.TLS.CA = nil
				for _, f := range strings.Split(fileOrNone(v), ",") {
					if f = strings.TrimSpace(f); f != "" {
						s.Wire.TLS.CA = append(s.Wire.TLS.CA, f)
					}
				}
				return nil
			}},
		{Name: "ca-only", Kind: "bool", Default: "off", Values: onOffValues,
			Help: "trust only the ca files, not the system's CAs: on|off",
			get:  func(s *Settings) string { return onOff(s.Wire.TLS.CAOnly) },
			set:  boolSetter(func(s *Settings) *bool { return &s.Wire.TLS.CAOnly })},
		{Name: "cert", Kind: "file", Default: "none", Values: []string{"none"},
			Help: "client certificate to present: a PEM FILE (with its key, or see key), or none",
			get:  func(s *Settings) string { return noneIfEmpty(s.Wire.TLS.Cert) },
			set:  func(s *Settings, v string) error { s.Wire.TLS.Cert = fileOrNone(v); return nil }},
		{Name: "key", Kind: "file", Default: "none", Values: []string{"none"},
			Help: "private key of the client certificate: a PEM FILE, or none (in the cert file)",
			get:  func(s *Settings) string { return noneIfEmpty(s.Wire.TLS.Key) },
			set:  func(s *Settings, v string) error { s.Wire.TLS.Key = fileOrNone(v); return nil }},
		{Name: "http", Kind: "choice", Default: "auto", Values: []string{"auto", "1.1", "2"},
			Help: "HTTP version: auto (the default), 1.1, or 2 (h2 over TLS, h2c for http://)",
			get:  func(s *Settings) string { return s.Wire.HTTP },
			set: func(s *Settings, v string) (err error) {
				s.Wire.HTTP, err = ParseHTTPVersion(v)
				return err
			}},
		{Name: "netrc", Kind: "bool", Default: "on", Values: onOffValues,
			Help: "read credentials from $NETRC or ~/.netrc when nothing else gives them: on|off",
			get:  func(s *Settings) string { return onOff(s.Wire.Netrc) },
			set:  boolSetter(func(s *Settings) *bool { return &s.Wire.Netrc })},
	}
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func fileOrNone(s string) string {
	if s == "none" || s == "off" {
		return ""
	}
	return s
}
