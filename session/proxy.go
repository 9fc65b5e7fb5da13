package session

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/http/httpproxy"
)

// Proxy choice, in order:
//   - the request's --proxy URL, then the session's `set proxy` setting:
//     a URL sends every request through that proxy, loopback targets
//     included; "none" sends every request directly;
//   - otherwise the environment, as Go and curl read it: HTTP_PROXY for
//     http URLs, HTTPS_PROXY for https (lower-case names too), NO_PROXY a
//     list of hosts, domains (".example.com" or "example.com" match
//     subdomains), IPs, CIDRs or "*". Like Go's ProxyFromEnvironment,
//     the environment's proxy is never used for localhost or loopback
//     addresses: use --proxy for those.
//
// A proxy URL may carry user:password, sent as Proxy-Authorization to the
// proxy only and never printed (Redact hides the password).

// ProxyNone is the proxy setting that disables every proxy.
const ProxyNone = "none"

// proxyKey is the context key carrying the chosen proxy to the transport.
type proxyKey struct{}

// proxyFromContext is the transports' Proxy func: the proxy Send chose
// for this request, or none.
func proxyFromContext(r *http.Request) (*url.URL, error) {
	u, _ := r.Context().Value(proxyKey{}).(*url.URL)
	return u, nil
}

// ParseProxy checks a proxy URL as --proxy and `set proxy` take it:
// "none", or http://, https:// or socks5:// with a host; "host:port"
// alone means http://host:port.
func ParseProxy(v string) (*url.URL, error) {
	if v == ProxyNone {
		return nil, nil
	}
	raw := v
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil, fmt.Errorf("bad proxy %q: expected a URL such as http://proxy:3128, or none", redactRaw(v))
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return nil, fmt.Errorf("bad proxy %q: use http://, https:// or socks5://", redactRaw(v))
	}
	return u, nil
}

// redactRaw hides the password of a URL that may not parse.
func redactRaw(v string) string {
	scheme, rest, ok := strings.Cut(v, "://")
	if !ok {
		scheme, rest = "", v
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return v
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return v
	}
	out := user + ":***" + rest[at:]
	if ok {
		out = scheme + "://" + out
	}
	return out
}

// proxyFor chooses the proxy for one request to target (nil: direct).
func (s *Session) proxyFor(p *Prepared, target *url.URL) (*url.URL, error) {
	setting := s.Settings.Proxy
	if p.Options.Proxy != "" {
		setting = p.Options.Proxy
	}
	if setting != "" {
		return ParseProxy(setting)
	}
	getenv := s.Getenv
	if getenv == nil {
		return nil, nil
	}
	cfg := httpproxy.Config{
		HTTPProxy:  envAny(getenv, "HTTP_PROXY", "http_proxy"),
		HTTPSProxy: envAny(getenv, "HTTPS_PROXY", "https_proxy"),
		NoProxy:    envAny(getenv, "NO_PROXY", "no_proxy"),
	}
	u, err := cfg.ProxyFunc()(target)
	if err != nil {
		return nil, fmt.Errorf("bad proxy in the environment (HTTP_PROXY/HTTPS_PROXY): %w", ErrProxy)
	}
	return u, nil
}

// ErrProxy is wrapped by errors about the proxy.
var ErrProxy = fmt.Errorf("proxy failure")

func envAny(getenv func(string) string, names ...string) string {
	for _, n := range names {
		if v := getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// withProxy returns ctx carrying the proxy for the transport.
func withProxy(ctx context.Context, u *url.URL) context.Context {
	return context.WithValue(ctx, proxyKey{}, u)
}
