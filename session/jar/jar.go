// Package jar is the session's cookie jar: RFC 6265 storage and matching
// with the public suffix list, Domain and Path rules, the __Host- and
// __Secure- prefixes, Secure (loopback counts as secure, as in browsers),
// size and count limits, expiry, the reasons a cookie was refused or not
// sent, and the Netscape cookies.txt format of curl -b/-c. It stands
// beside package session as net/http/cookiejar stands beside net/http.
// A Jar is safe for concurrent use.
package jar

import (
	"cmp"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"
)

// Cookie is one stored cookie with all its attributes.
type Cookie struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Quoted bool   `json:"quoted,omitempty"` // the server sent the value in double quotes; they are sent back
	// Domain is the host for a host-only cookie, else the domain without a
	// leading dot. It is lower case and ASCII (Punycode for IDNs).
	Domain   string    `json:"domain"`
	HostOnly bool      `json:"hostOnly,omitempty"`
	Path     string    `json:"path"`
	Expires  time.Time `json:"expires,omitzero"` // zero for a session cookie
	Secure   bool      `json:"secure,omitempty"`
	HTTPOnly bool      `json:"httpOnly,omitempty"`
	SameSite string    `json:"sameSite,omitempty"` // "", "Lax", "Strict" or "None"
	Created  time.Time `json:"created,omitzero"`
	// SetBy is the URL (scheme://host/path, never a query) whose response
	// set the cookie, or "user" (Jar.Set) or "file" (Jar.LoadNetscape).
	SetBy string `json:"setBy,omitempty"`
}

// Rejection says why a Set-Cookie was refused, or why a stored cookie was
// evicted to respect Limits.
type Rejection struct {
	Name   string
	Domain string // the Domain attribute if there was one, else the host
	URL    string // scheme://host/path of the response; "user", "file" or "session" otherwise
	Reason string
	Time   time.Time
}

// Skipped is a cookie in the jar that was not sent to a URL, and why.
type Skipped struct {
	Cookie Cookie
	Reason string
}

// Limits bounds what a Jar stores. A field <= 0 means its default.
type Limits struct {
	MaxCookieBytes int // name+value bytes of one cookie; default 4096
	MaxPerDomain   int // cookies per registrable domain (eTLD+1); default 50
	MaxTotal       int // cookies in the jar; default 3000
}

// Default limits, the minimums RFC 6265 section 6.1 asks user agents to support.
const (
	DefaultMaxCookieBytes = 4096
	DefaultMaxPerDomain   = 50
	DefaultMaxTotal       = 3000
)

// jarMaxRejections is how many rejections a Jar remembers.
const jarMaxRejections = 100

// Jar is an http.CookieJar following RFC 6265 with the public suffix list
// and RFC 6265bis's cookie prefixes, SameSite=None rule and "leave Secure
// cookies alone" rule. Unlike net/http/cookiejar it can list, set, remove,
// save and load its cookies, and it records why it refused a cookie.
//
// Only http and https URLs get or set cookies. A host that is loopback
// (127.0.0.0/8, ::1, localhost, *.localhost) is a secure context, as in
// browsers: over http://127.0.0.1 Secure and __Secure-/__Host- cookies are
// set and sent as they would be over https. Any other http URL neither sets
// nor receives Secure cookies.
//
// A Domain attribute naming a public suffix ("com", "co.uk", "github.io")
// is refused unless it is the host itself, which then gets a host-only
// cookie (RFC 6265 5.3 step 5). A host in the list's ICANN section ("com",
// "co.uk") gets no cookie at all; a private-section suffix such as
// "httpbin.org" or "github.io", or a name that is a suffix only by the
// list's default rule ("localhost", an intranet host), may hold host-only
// cookies. Cookies from an IP address host are host-only.
//
// Server lifetimes are capped at 400 days (RFC 6265bis). SameSite is stored
// and shown but not enforced: every request the shell makes is a
// user-initiated, same-site one.
//
// A Jar is safe for concurrent use. The zero Jar is not usable; call NewJar.
type Jar struct {
	now func() time.Time

	mu       sync.Mutex
	limits   Limits
	cookies  map[jarKey]*jarEntry
	seq      uint64 // creation order, breaks ties between equal Created times
	rejected []Rejection
}

// jarKey identifies a cookie: a new cookie with the same key replaces the old.
type jarKey struct{ domain, path, name string }

type jarEntry struct {
	c   Cookie
	seq uint64
}

// NewJar returns an empty jar with the default limits that reads the clock
// with now, or time.Now if now is nil.
func New(now func() time.Time) *Jar {
	if now == nil {
		now = time.Now
	}
	j := &Jar{now: now, cookies: make(map[jarKey]*jarEntry)}
	j.limits = jarLimits(Limits{})
	return j
}

// SetLimits replaces the jar's limits; fields <= 0 take their defaults.
// Existing cookies are evicted to fit at the next store, not now.
func (j *Jar) SetLimits(l Limits) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.limits = jarLimits(l)
}

// Limits returns the jar's limits, defaults filled in.
func (j *Jar) Limits() Limits {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.limits
}

func jarLimits(l Limits) Limits {
	if l.MaxCookieBytes <= 0 {
		l.MaxCookieBytes = DefaultMaxCookieBytes
	}
	if l.MaxPerDomain <= 0 {
		l.MaxPerDomain = DefaultMaxPerDomain
	}
	if l.MaxTotal <= 0 {
		l.MaxTotal = DefaultMaxTotal
	}
	return l
}

// SetCookies implements http.CookieJar: it stores the cookies of a response
// from u, in order, following RFC 6265 section 5.3. A cookie already expired
// (Max-Age <= 0, or Expires in the past when Max-Age is absent) deletes the
// stored cookie with its name, domain and path. Every refused cookie is
// recorded (see Rejected); values are stored as net/http parsed them.
func (j *Jar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	if len(cookies) == 0 {
		return
	}
	now := j.now()
	origin := jarOrigin(u)
	req, reqErr := jarRequest(u)
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, hc := range cookies {
		if hc == nil {
			continue
		}
		if reqErr != nil {
			j.reject(hc.Name, hc.Domain, origin, reqErr.Error(), now)
			continue
		}
		c, del, reason := j.fromHTTP(req, origin, hc, now)
		if reason != "" {
			d := hc.Domain
			if d == "" {
				d = req.host
			}
			j.reject(hc.Name, d, origin, reason, now)
			continue
		}
		if del {
			delete(j.cookies, jarKeyOf(&c))
			continue
		}
		j.store(c, now)
	}
}

// fromHTTP turns a parsed Set-Cookie from req into a Cookie. It reports
// whether the cookie only deletes (it is already expired) and, if it is
// refused, why.
func (j *Jar) fromHTTP(req jarReq, origin string, hc *http.Cookie, now time.Time) (c Cookie, del bool, reason string) {
	c = Cookie{
		Name: hc.Name, Value: hc.Value, Quoted: hc.Quoted,
		Secure: hc.Secure, HTTPOnly: hc.HttpOnly,
		Created: now, SetBy: origin,
	}
	if !jarValidName(hc.Name) {
		return c, false, fmt.Sprintf("invalid cookie name %q", hc.Name)
	}
	if n := len(hc.Name) + len(hc.Value); n > j.limits.MaxCookieBytes {
		return c, false, fmt.Sprintf("cookie is %d bytes (name+value), over the %d-byte limit", n, j.limits.MaxCookieBytes)
	}
	if reason := jarServerDomain(&c, req, hc.Domain); reason != "" {
		return c, false, reason
	}
	c.Path = hc.Path
	if jarPathProblem(c.Path) != "" {
		c.Path = jarDefaultPath(req.path)
	}
	if c.Secure && !req.secure {
		return c, false, "Secure cookie not set over http"
	}
	if p := jarPrefixProblem(c.Name, c.Secure, hc.Domain == "", hc.Path); p != "" {
		return c, false, p
	}
	switch hc.SameSite {
	case http.SameSiteLaxMode:
		c.SameSite = "Lax"
	case http.SameSiteStrictMode:
		c.SameSite = "Strict"
	case http.SameSiteNoneMode:
		c.SameSite = "None"
		if !c.Secure {
			return c, false, "SameSite=None requires the Secure attribute"
		}
	}
	if !c.Secure && !req.secure {
		if old := j.secureShadow(&c); old != nil {
			return c, false, fmt.Sprintf("would overwrite the Secure cookie %s (domain %s, path %s) from an insecure origin",
				old.Name, old.Domain, old.Path)
		}
	}
	switch {
	case hc.MaxAge < 0:
		return c, true, ""
	case hc.MaxAge > 0:
		age := jarMaxAge
		if int64(hc.MaxAge) < int64(jarMaxAge/time.Second) {
			age = time.Duration(hc.MaxAge) * time.Second
		}
		c.Expires = now.Add(age)
	case !hc.Expires.IsZero():
		if !hc.Expires.After(now) {
			return c, true, ""
		}
		c.Expires = hc.Expires
		if limit := now.Add(jarMaxAge); c.Expires.After(limit) {
			c.Expires = limit
		}
	}
	return c, false, ""
}

// jarServerDomain sets c.Domain and c.HostOnly from a Domain attribute
// (possibly empty) sent by req's host, per RFC 6265 section 5.3 steps 4-6.
func jarServerDomain(c *Cookie, req jarReq, attr string) string {
	c.Domain, c.HostOnly = req.host, true
	if attr != "" && attr != "." {
		d, _, err := jarCanonicalDomain(attr)
		switch {
		case err != nil:
			return err.Error()
		case req.ip:
			if d != req.host {
				return fmt.Sprintf("domain %s does not match IP host %s (IP hosts get host-only cookies)", d, req.host)
			}
		case !jarDomainMatch(req.host, false, d):
			return fmt.Sprintf("domain %s does not match host %s", d, req.host)
		case jarIsPublicSuffix(d):
			if d != req.host {
				return fmt.Sprintf("domain %s is a public suffix", d)
			}
		default:
			c.Domain, c.HostOnly = d, false
		}
	}
	if c.HostOnly && jarIsICANNSuffix(c.Domain) {
		return fmt.Sprintf("host %s is a public suffix", c.Domain)
	}
	return ""
}

// secureShadow returns a stored Secure cookie that c, a non-Secure cookie
// from an insecure origin, may not overwrite or shadow (RFC 6265bis 5.7
// step 16: same name, domains matching either way, c's path within its path).
func (j *Jar) secureShadow(c *Cookie) *Cookie {
	for _, e := range j.cookies {
		o := &e.c
		if !o.Secure || o.Name != c.Name {
			continue
		}
		if !jarDomainMatch(o.Domain, false, c.Domain) && !jarDomainMatch(c.Domain, false, o.Domain) {
			continue
		}
		if jarPathMatch(c.Path, o.Path) {
			return o
		}
	}
	return nil
}

// Cookies implements http.CookieJar: the cookies to send to u, longer paths
// first, then earlier created (RFC 6265 section 5.4). Only Name, Value and
// Quoted are set. Expired cookies are removed, never returned.
func (j *Jar) Cookies(u *url.URL) []*http.Cookie {
	sent, _ := j.match(u, false)
	out := make([]*http.Cookie, 0, len(sent))
	for _, c := range sent {
		out = append(out, &http.Cookie{Name: c.Name, Value: c.Value, Quoted: c.Quoted})
	}
	return out
}

// Match splits the jar for u: sent is what Cookies(u) sends, in the same
// order; skipped is every other cookie with the first reason it is not
// sent ("expired", "domain example.org does not match host x", "path /admin
// does not match /", "Secure cookie not sent over http"), sorted like All.
// Match does not remove expired cookies.
func (j *Jar) Match(u *url.URL) (sent []Cookie, skipped []Skipped) {
	return j.match(u, true)
}

func (j *Jar) match(u *url.URL, why bool) (sent []Cookie, skipped []Skipped) {
	now := j.now()
	req, reqErr := jarRequest(u)
	j.mu.Lock()
	defer j.mu.Unlock()
	var hits []*jarEntry
	for k, e := range j.cookies {
		var reason string
		if reqErr != nil {
			reason = reqErr.Error()
		} else {
			reason = jarSkipReason(&e.c, req, now)
		}
		switch {
		case reason == "":
			hits = append(hits, e)
		case why:
			skipped = append(skipped, Skipped{Cookie: e.c, Reason: reason})
		case reason == "expired":
			delete(j.cookies, k)
		}
	}
	slices.SortFunc(hits, func(a, b *jarEntry) int {
		if c := cmp.Compare(len(b.c.Path), len(a.c.Path)); c != 0 {
			return c
		}
		if c := a.c.Created.Compare(b.c.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	for _, e := range hits {
		sent = append(sent, e.c)
	}
	slices.SortFunc(skipped, func(a, b Skipped) int { return jarCompare(&a.Cookie, &b.Cookie) })
	return sent, skipped
}

// jarSkipReason says why c is not sent to req, or "" if it is.
func jarSkipReason(c *Cookie, req jarReq, now time.Time) string {
	switch {
	case jarExpired(c, now):
		return "expired"
	case c.HostOnly && c.Domain != req.host:
		return fmt.Sprintf("domain %s (host-only) does not match host %s", c.Domain, req.host)
	case !c.HostOnly && !jarDomainMatch(req.host, req.ip, c.Domain):
		return fmt.Sprintf("domain %s does not match host %s", c.Domain, req.host)
	case !jarPathMatch(req.path, c.Path):
		return fmt.Sprintf("path %s does not match %s", c.Path, req.path)
	case c.Secure && !req.secure:
		return "Secure cookie not sent over http"
	}
	return ""
}

func jarExpired(c *Cookie, now time.Time) bool {
	return !c.Expires.IsZero() && !c.Expires.After(now)
}

func jarKeyOf(c *Cookie) jarKey { return jarKey{c.Domain, c.Path, c.Name} }

// jarCompare orders cookies by domain, path, then name.
func jarCompare(a, b *Cookie) int {
	if c := cmp.Compare(a.Domain, b.Domain); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Path, b.Path); c != 0 {
		return c
	}
	return cmp.Compare(a.Name, b.Name)
}

// Pair is the cookie as a Cookie header sends it: name=value, the value
// in double quotes when the server sent it quoted (RFC 6265 section 4.1.1
// makes the quotes part of the value).
func (c Cookie) Pair() string {
	if c.Quoted {
		return c.Name + `="` + c.Value + `"`
	}
	return c.Name + "=" + c.Value
}
