package jar

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// store adds or replaces c, keeping the creation time and order of the
// cookie it replaces (RFC 6265 section 5.3 step 11), then evicts to fit the
// limits. The caller holds j.mu.
func (j *Jar) store(c Cookie, now time.Time) {
	k := jarKeyOf(&c)
	if old, ok := j.cookies[k]; ok {
		c.Created = old.c.Created
		old.c = c
	} else {
		j.seq++
		j.cookies[k] = &jarEntry{c: c, seq: j.seq}
	}
	j.evict(k, now)
}

// evict removes expired cookies, then the oldest cookies of keep's site
// beyond MaxPerDomain, then the oldest in the jar beyond MaxTotal. The
// cookie keep, just stored, is never evicted. Evictions are recorded as
// rejections. The caller holds j.mu.
func (j *Jar) evict(keep jarKey, now time.Time) {
	j.purge(now)
	site := jarSite(keep.domain)
	var same []*jarEntry
	for _, e := range j.cookies {
		if jarSite(e.c.Domain) == site {
			same = append(same, e)
		}
	}
	j.evictOldest(same, j.limits.MaxPerDomain, keep, fmt.Sprintf("evicted: more than %d cookies for %s", j.limits.MaxPerDomain, site), now)
	if len(j.cookies) > j.limits.MaxTotal {
		all := make([]*jarEntry, 0, len(j.cookies))
		for _, e := range j.cookies {
			all = append(all, e)
		}
		j.evictOldest(all, j.limits.MaxTotal, keep, fmt.Sprintf("evicted: more than %d cookies in the jar", j.limits.MaxTotal), now)
	}
}

func (j *Jar) evictOldest(es []*jarEntry, limit int, keep jarKey, reason string, now time.Time) {
	if len(es) <= limit {
		return
	}
	slices.SortFunc(es, func(a, b *jarEntry) int {
		if c := a.c.Created.Compare(b.c.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	n := len(es) - limit
	for _, e := range es {
		if n == 0 {
			break
		}
		k := jarKeyOf(&e.c)
		if k == keep {
			continue
		}
		delete(j.cookies, k)
		j.reject(e.c.Name, e.c.Domain, e.c.SetBy, reason, now)
		n--
	}
}

// purge removes expired cookies. The caller holds j.mu.
func (j *Jar) purge(now time.Time) {
	for k, e := range j.cookies {
		if jarExpired(&e.c, now) {
			delete(j.cookies, k)
		}
	}
}

// reject records a rejection, forgetting the oldest beyond jarMaxRejections.
// The caller holds j.mu.
func (j *Jar) reject(name, domain, url, reason string, now time.Time) {
	j.rejected = append(j.rejected, Rejection{Name: name, Domain: domain, URL: url, Reason: reason, Time: now})
	if n := len(j.rejected) - jarMaxRejections; n > 0 {
		j.rejected = slices.Delete(j.rejected, 0, n)
	}
}

// Rejected returns the most recent rejections and evictions, oldest first,
// at most 100.
func (j *Jar) Rejected() []Rejection {
	j.mu.Lock()
	defer j.mu.Unlock()
	return slices.Clone(j.rejected)
}

// All returns every live cookie sorted by domain, path and name, after
// removing expired ones.
func (j *Jar) All() []Cookie {
	now := j.now()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.purge(now)
	return j.sorted()
}

// sorted lists the jar by domain, path and name. The caller holds j.mu.
func (j *Jar) sorted() []Cookie {
	out := make([]Cookie, 0, len(j.cookies))
	for _, e := range j.cookies {
		out = append(out, e.c)
	}
	slices.SortFunc(out, func(a, b Cookie) int { return jarCompare(&a, &b) })
	return out
}

// Len returns the number of live cookies, after removing expired ones.
func (j *Jar) Len() int {
	now := j.now()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.purge(now)
	return len(j.cookies)
}

// Clear removes every cookie if domain is "", else the cookies whose domain
// is domain or a subdomain of it (a leading dot and case are ignored). It
// returns how many live cookies it removed.
func (j *Jar) Clear(domain string) int {
	now := j.now()
	d := jarLooseDomain(domain)
	j.mu.Lock()
	defer j.mu.Unlock()
	j.purge(now)
	n := 0
	for k := range j.cookies {
		if d == "" || k.domain == d || strings.HasSuffix(k.domain, "."+d) {
			delete(j.cookies, k)
			n++
		}
	}
	return n
}

// Unset removes the cookies named name whose domain is exactly domain (a
// leading dot and case are ignored), or with every domain if domain is "".
// It returns how many it removed.
func (j *Jar) Unset(name, domain string) int {
	d := jarLooseDomain(domain)
	j.mu.Lock()
	defer j.mu.Unlock()
	n := 0
	for k := range j.cookies {
		if k.name == name && (d == "" || k.domain == d) {
			delete(j.cookies, k)
			n++
		}
	}
	return n
}

// jarLooseDomain canonicalises a domain typed by the user for Clear and
// Unset; it never fails, since a bad domain simply matches nothing.
func jarLooseDomain(domain string) string {
	d, _, err := jarCanonicalDomain(strings.TrimSuffix(domain, "."))
	if err != nil {
		return strings.ToLower(strings.TrimPrefix(domain, "."))
	}
	return d
}

// Set stores a cookie given by the user, replacing one with the same name,
// domain and path. Domain is required; a leading dot makes it a domain
// cookie (HostOnly false), and an IP address is always host-only. An empty
// Path means "/". Zero Created means now; empty SetBy means "user".
//
// Set refuses, with an error saying why: a name that is not a token; a value
// with control characters, '"', ';' or '\\'; a cookie over MaxCookieBytes;
// a domain on the public suffix list; an already expired cookie; a
// __Secure-/__Host- name without the attributes its prefix needs; an
// unknown SameSite, or SameSite=None without Secure. It does not apply the
// Secure-origin rules: the user is not an origin.
func (j *Jar) Set(c Cookie) error {
	now := j.now()
	if c.Created.IsZero() {
		c.Created = now
	}
	if c.SetBy == "" {
		c.SetBy = "user"
	}
	if jarExpired(&c, now) {
		return fmt.Errorf("cookie %s: already expired (%s)", c.Name, c.Expires.Format(time.RFC3339))
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	c, err := jarCheck(c, j.limits)
	if err != nil {
		return err
	}
	j.store(c, now)
	return nil
}

// jarCheck validates and canonicalises a cookie that did not come from a
// Set-Cookie header (Set, LoadNetscape, Restore).
func jarCheck(c Cookie, l Limits) (Cookie, error) {
	fail := func(format string, args ...any) (Cookie, error) {
		return c, fmt.Errorf("cookie %q: %s", c.Name, fmt.Sprintf(format, args...))
	}
	if !jarValidName(c.Name) {
		return fail("invalid name (must be a token: no spaces, separators or control characters)")
	}
	if p := jarValueProblem(c.Value); p != "" {
		return fail("%s", p)
	}
	if n := len(c.Name) + len(c.Value); n > l.MaxCookieBytes {
		return fail("%d bytes (name+value), over the %d-byte limit", n, l.MaxCookieBytes)
	}
	if c.Domain == "" || c.Domain == "." {
		return fail("no domain")
	}
	d, dotted, err := jarCanonicalDomain(c.Domain)
	if err != nil {
		return fail("%v", err)
	}
	c.Domain = d
	if dotted {
		c.HostOnly = false
	}
	if _, err := netip.ParseAddr(d); err == nil {
		c.HostOnly = true
	}
	if jarIsICANNSuffix(d) || !c.HostOnly && jarIsPublicSuffix(d) {
		return fail("domain %s is a public suffix", d)
	}
	if c.Path == "" {
		c.Path = "/"
	}
	if p := jarPathProblem(c.Path); p != "" {
		return fail("%s", p)
	}
	if p := jarPrefixProblem(c.Name, c.Secure, c.HostOnly, c.Path); p != "" {
		return fail("%s", p)
	}
	ss, ok := jarSameSite(c.SameSite)
	if !ok {
		return fail("SameSite %q is not Lax, Strict or None", c.SameSite)
	}
	if ss == "None" && !c.Secure {
		return fail("SameSite=None requires Secure")
	}
	c.SameSite = ss
	return c, nil
}

// Snapshot returns the jar's live cookies for saving a session; it is All.
func (j *Jar) Snapshot() []Cookie { return j.All() }

// Restore replaces the jar's cookies with cs, as saved by Snapshot, keeping
// their Created and SetBy. Expired cookies are dropped silently; invalid
// ones (see Set) are dropped and recorded as rejections with URL "session".
// Restore returns how many cookies it stored. Rejections are kept.
func (j *Jar) Restore(cs []Cookie) int {
	now := j.now()
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b Cookie) int { return a.Created.Compare(b.Created) })
	j.mu.Lock()
	defer j.mu.Unlock()
	clear(j.cookies)
	for _, c := range cs {
		if jarExpired(&c, now) {
			continue
		}
		c, err := jarCheck(c, j.limits)
		if err != nil {
			j.reject(c.Name, c.Domain, "session", err.Error(), now)
			continue
		}
		if c.Created.IsZero() {
			c.Created = now
		}
		j.store(c, now)
	}
	return len(j.cookies)
}
