package session

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Resolve turns what the user typed into an absolute http or https URL:
//   - "https://host/path" is taken as it is;
//   - "/path" or "path" is joined to base (base's path is kept as a prefix);
//   - ":8080/x" means http://localhost:8080/x;
//   - "host/path" with no scheme and no base means http://host/path;
//   - "" means base itself.
func Resolve(base *url.URL, raw string) (*url.URL, error) {
	switch {
	case strings.HasPrefix(raw, "http://"), strings.HasPrefix(raw, "https://"),
		strings.HasPrefix(raw, "HTTP://"), strings.HasPrefix(raw, "HTTPS://"):
		return parseAbsolute(raw)
	case strings.Contains(raw, "://"):
		scheme, _, _ := strings.Cut(raw, "://")
		return nil, fmt.Errorf("unsupported scheme %q in %q: use http:// or https://", scheme, raw)
	case strings.HasPrefix(raw, ":"):
		return parseAbsolute("http://localhost" + raw)
	case base != nil:
		return join(base, raw)
	case raw == "" || strings.HasPrefix(raw, "/"):
		return nil, fmt.Errorf("no base URL to join %q to: give a full URL (http://host/path) or set one with `base URL`", raw)
	}
	return parseAbsolute("http://" + raw)
}

func parseAbsolute(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bad URL %q: %w", raw, unwrapURLError(err))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("bad URL %q: no host", raw)
	}
	if p := u.Port(); p != "" {
		if _, err := net.LookupPort("tcp", p); err != nil {
			return nil, fmt.Errorf("bad URL %q: bad port %q", raw, p)
		}
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

func join(base *url.URL, raw string) (*url.URL, error) {
	if raw == "" {
		u := *base
		return &u, nil
	}
	prefix := strings.TrimSuffix(base.EscapedPath(), "/")
	rel := strings.TrimPrefix(raw, "/")
	u, err := url.Parse(base.Scheme + "://" + base.Host + prefix + "/" + rel)
	if err != nil {
		return nil, fmt.Errorf("bad URL path %q: %w", raw, unwrapURLError(err))
	}
	u.User = base.User
	return u, nil
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// Origin is scheme://host:port with the default port made explicit, so
// that http://h and http://h:80 are the same origin.
func Origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return u.Scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// Redact returns u as a string with any password replaced by ***.
func Redact(u *url.URL) string {
	if _, has := u.User.Password(); has {
		c := *u
		c.User = url.UserPassword(u.User.Username(), "***")
		return strings.Replace(c.String(), ":%2A%2A%2A@", ":***@", 1)
	}
	return u.String()
}

func basicToken(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}
