package session

import (
	"fmt"
	"strings"
)

// WireSettings are the session's choices of TLS material, HTTP version
// and .netrc, kept in Settings.Wire and changed with `set NAME VALUE`
// under the names WireSettingNames lists.
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

// DefaultWireSettings: HTTP version auto, .netrc read.
func DefaultWireSettings() WireSettings { return WireSettings{HTTP: "auto", Netrc: true} }

// WireSettingNames are the names of WireSettings for `set`.
func WireSettingNames() []string { return []string{"ca", "ca-only", "cert", "key", "http", "netrc"} }

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

func wireSettingHelp(name string) string {
	switch name {
	case "ca":
		return "extra CA certificates to trust: PEM FILE[,FILE...], or none"
	case "ca-only":
		return "trust only the ca files, not the system's CAs: on|off"
	case "cert":
		return "client certificate to present: a PEM FILE (with its key, or see key), or none"
	case "key":
		return "private key of the client certificate: a PEM FILE, or none (in the cert file)"
	case "http":
		return "HTTP version: auto (the default), 1.1, or 2 (h2 over TLS, h2c for http://)"
	case "netrc":
		return "read credentials from $NETRC or ~/.netrc when nothing else gives them: on|off"
	}
	return ""
}

// get formats a wire setting; ok is false for another name.
func (w *WireSettings) get(name string) (string, bool) {
	none := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	switch name {
	case "ca":
		return none(strings.Join(w.TLS.CA, ",")), true
	case "ca-only":
		return onOff(w.TLS.CAOnly), true
	case "cert":
		return none(w.TLS.Cert), true
	case "key":
		return none(w.TLS.Key), true
	case "http":
		return w.HTTP, true
	case "netrc":
		return onOff(w.Netrc), true
	}
	return "", false
}

// set parses a wire setting; ok is false for another name. File names
// are checked when a request first uses them.
func (w *WireSettings) set(name, v string) (ok bool, err error) {
	file := func(s string) string {
		if s == "none" || s == "off" {
			return ""
		}
		return s
	}
	switch name {
	case "ca":
		w.TLS.CA = nil
		for _, f := range strings.Split(file(v), ",") {
			if f = strings.TrimSpace(f); f != "" {
				w.TLS.CA = append(w.TLS.CA, f)
			}
		}
	case "ca-only":
		w.TLS.CAOnly, err = ParseBool(v)
	case "cert":
		w.TLS.Cert = file(v)
	case "key":
		w.TLS.Key = file(v)
	case "http":
		var h string
		if h, err = ParseHTTPVersion(v); err == nil {
			w.HTTP = h
		}
	case "netrc":
		w.Netrc, err = ParseBool(v)
	default:
		return false, nil
	}
	return true, err
}
