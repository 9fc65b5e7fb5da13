package jar

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// jarMaxAge is RFC 6265bis's cap on a server-set lifetime (400 days).
const jarMaxAge = 400 * 24 * time.Hour

// jarMaxAttr is RFC 6265bis's limit on a Path or Domain attribute's length.
const jarMaxAttr = 1024

// jarReq is a request URL reduced to what cookie matching needs.
type jarReq struct {
	scheme string
	host   string // canonical: lower case, ASCII, no port, no trailing dot
	path   string // escaped path, "/" if empty
	ip     bool
	secure bool // https, or a loopback host
}

// jarRequest canonicalises u for matching. It fails for schemes other than
// http and https and for URLs without a usable host.
func jarRequest(u *url.URL) (jarReq, error) {
	if u == nil {
		return jarReq{}, errors.New("no URL")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return jarReq{}, fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	host, ip, err := jarCanonicalHost(u.Hostname())
	if err != nil {
		return jarReq{}, err
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return jarReq{
		scheme: scheme,
		host:   host,
		path:   p,
		ip:     ip,
		secure: scheme == "https" || jarIsLoopback(host),
	}, nil
}

// jarOrigin is the scheme://host/path form recorded in SetBy and Rejection.URL:
// no query or fragment, which may hold secrets.
func jarOrigin(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.Scheme + "://" + u.Host + u.EscapedPath()
}

// jarCanonicalHost lower-cases host, drops a trailing dot and converts it to
// ASCII. IP addresses are returned in netip's canonical form.
func jarCanonicalHost(host string) (string, bool, error) {
	if host == "" {
		return "", false, errors.New("URL has no host")
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return a.String(), true, nil
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	host, err := jarToASCII(host)
	if err != nil {
		return "", false, fmt.Errorf("host %q: %v", host, err)
	}
	if !jarValidDomainName(host) {
		return "", false, fmt.Errorf("host %q is not a valid domain name", host)
	}
	return host, false, nil
}

// jarValidDomainName reports whether s is a plausible DNS name: non-empty
// labels of letters, digits, '-' and '_', at most 253 bytes.
func jarValidDomainName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			ok := 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
			if !ok {
				return false
			}
		}
	}
	return true
}

// jarIsLoopback reports whether host is a loopback host that browsers treat
// as a secure context: 127.0.0.0/8, ::1, localhost and *.localhost.
func jarIsLoopback(host string) bool {
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap().IsLoopback()
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// jarIsPublicSuffix reports whether a Domain attribute d names a public
// suffix, including an unlisted top-level label ("cromulent") by the list's
// default "*" rule.
func jarIsPublicSuffix(d string) bool {
	ps, _ := publicsuffix.PublicSuffix(d)
	return ps == d
}

// jarIsICANNSuffix reports whether d is a public suffix in the list's ICANN
// section ("com", "co.uk", "uk"). No cookie, not even a host-only one, may
// have such a domain. Hosts that are private-section suffixes ("github.io",
// "httpbin.org") or suffixes only by the default rule ("localhost", an
// intranet name) may hold host-only cookies, as RFC 6265 5.3 step 5 allows:
// they serve real sites.
func jarIsICANNSuffix(d string) bool {
	if _, err := netip.ParseAddr(d); err == nil {
		return false
	}
	ps, icann := publicsuffix.PublicSuffix(d)
	return ps == d && icann
}

// jarSite is the group a cookie counts against for Limits.MaxPerDomain:
// the registrable domain (eTLD+1), or the domain itself for IP addresses
// and hosts that have none.
func jarSite(domain string) string {
	if _, err := netip.ParseAddr(domain); err == nil {
		return domain
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(domain); err == nil {
		return s
	}
	return domain
}

// jarDomainMatch is RFC 6265 section 5.1.3's domain-match of host against
// a domain cookie's domain.
func jarDomainMatch(host string, ip bool, domain string) bool {
	if host == domain {
		return true
	}
	return !ip && strings.HasSuffix(host, domain) && host[len(host)-len(domain)-1] == '.'
}

// jarDefaultPath is RFC 6265 section 5.1.4's default-path of a request path.
func jarDefaultPath(p string) string {
	if p == "" || p[0] != '/' {
		return "/"
	}
	i := strings.LastIndexByte(p, '/')
	if i == 0 {
		return "/"
	}
	return p[:i]
}

// jarPathMatch is RFC 6265 section 5.1.4's path-match of a request path
// against a cookie path.
func jarPathMatch(reqPath, cookiePath string) bool {
	if reqPath == cookiePath {
		return true
	}
	if !strings.HasPrefix(reqPath, cookiePath) {
		return false
	}
	return strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/'
}

// jarValidName reports whether name is an RFC 7230 token, as RFC 6265
// requires of a cookie-name.
func jarValidName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>@,;:\\\"/[]?={}", c) >= 0 {
			return false
		}
	}
	return true
}

// jarValueProblem says what is wrong with a user-supplied value, using
// net/http's rule for what it will put on the wire (RFC 6265 cookie-octets
// plus space and comma, which net/http quotes); "" if nothing.
func jarValueProblem(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x20 || c >= 0x7f {
			return fmt.Sprintf("value contains byte %#02x (control or non-ASCII)", c)
		}
		if c == '"' || c == ';' || c == '\\' {
			return fmt.Sprintf("value contains %q", c)
		}
	}
	return ""
}

// jarPathProblem says what is wrong with a cookie path; "" if nothing.
func jarPathProblem(p string) string {
	if p == "" || p[0] != '/' {
		return fmt.Sprintf("path %q does not start with /", p)
	}
	if len(p) > jarMaxAttr {
		return fmt.Sprintf("path is %d bytes, over %d", len(p), jarMaxAttr)
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f || p[i] == ';' {
			return fmt.Sprintf("path contains %q", p[i])
		}
	}
	return ""
}

// jarPrefixProblem applies RFC 6265bis's cookie name prefixes, matched
// case-insensitively: "__Secure-" needs Secure; "__Host-" needs Secure, no
// Domain attribute (a host-only cookie) and Path "/". The secure-origin
// requirement is implied by Secure, which is refused from insecure origins.
func jarPrefixProblem(name string, secure, hostOnly bool, path string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(lower, "__secure-"):
		if !secure {
			return "__Secure- prefix requires the Secure attribute"
		}
	case strings.HasPrefix(lower, "__host-"):
		if !secure {
			return "__Host- prefix requires the Secure attribute"
		}
		if !hostOnly {
			return "__Host- prefix forbids a Domain attribute"
		}
		if path != "/" {
			return "__Host- prefix requires Path=/"
		}
	}
	return ""
}

// jarSameSite canonicalises a SameSite value ("lax" → "Lax").
func jarSameSite(s string) (string, bool) {
	switch strings.ToLower(s) {
	case "":
		return "", true
	case "lax":
		return "Lax", true
	case "strict":
		return "Strict", true
	case "none":
		return "None", true
	}
	return "", false
}

// jarCanonicalDomain canonicalises a Domain attribute or a user-given
// domain: one leading dot dropped (reported in dotted), lower case, ASCII.
// A trailing dot is refused, as net/http/cookiejar does.
func jarCanonicalDomain(d string) (domain string, dotted bool, err error) {
	if strings.HasPrefix(d, ".") {
		d, dotted = d[1:], true
	}
	if strings.HasSuffix(d, ".") {
		return "", dotted, fmt.Errorf("domain %q ends with a dot", d)
	}
	if len(d) > jarMaxAttr {
		return "", dotted, fmt.Errorf("domain is %d bytes, over %d", len(d), jarMaxAttr)
	}
	if a, err := netip.ParseAddr(d); err == nil {
		return a.String(), dotted, nil
	}
	d, err = jarToASCII(strings.ToLower(d))
	if err != nil {
		return "", dotted, fmt.Errorf("domain %q: %v", d, err)
	}
	if !jarValidDomainName(d) {
		return "", dotted, fmt.Errorf("domain %q is not a valid domain name", d)
	}
	return d, dotted, nil
}
