package session

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/session/jar"
)

func redirectStatus(code int) bool {
	switch code {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// nextHop decides the request that follows hop, or nil when hop is final.
// The policy:
//   - 301, 302 and 303 turn into GET without a body (HEAD stays HEAD);
//     307 and 308 keep method and body;
//   - on a change of origin (scheme, host or port, so https→http and
//     subdomains too) every credential is dropped: Authorization,
//     Proxy-Authorization, the line's own cookies and any header that
//     carries a secret by name; jar cookies are chosen afresh for every
//     hop by the jar's rules;
//   - no Referer is ever added;
//   - a 307/308 that re-sends a body to another origin says so in a
//     warning.
func (s *Session) nextHop(p *Prepared, hop *Hop, follow bool, hops, max int) (*Wire, string, error) {
	resp := hop.Response
	loc := resp.Header.Get("Location")
	if !follow || !redirectStatus(resp.StatusCode) || loc == "" {
		return nil, "", nil
	}
	if hops > max {
		return nil, "", fmt.Errorf("%w: stopped after %d (raise with --max-redirects N or `set max-redirects N`)", ErrTooManyRedirects, max)
	}
	prev := hop.Request
	next, err := prev.URL.Parse(loc)
	if err != nil {
		return nil, "", fmt.Errorf("bad redirect Location %q: %w", loc, unwrapURLError(err))
	}
	if next.Scheme != "http" && next.Scheme != "https" {
		return nil, "", fmt.Errorf("redirect to unsupported scheme %q refused", next.Scheme)
	}
	w := &Wire{Method: prev.Method, URL: next, Proto: "HTTP/1.1", Body: prev.Body}
	keepBody := resp.StatusCode == 307 || resp.StatusCode == 308
	if !keepBody {
		if w.Method != "HEAD" {
			w.Method = "GET"
		}
		w.Body = nil
	}
	sameOrigin := Origin(next) == Origin(p.URL)
	w.Lines = []Line{hostLine(next)}
	for _, l := range prev.Lines[1:] {
		name := strings.ToLower(l.Name)
		switch {
		case name == "cookie":
			continue // chosen afresh below
		case !keepBody && (name == "content-type" || name == "content-length"):
			continue
		case !sameOrigin && l.Secret:
			w.Dropped = append(w.Dropped, fmt.Sprintf("%s dropped: redirect to another origin (%s)", l.Name, Origin(next)))
			continue
		}
		w.Lines = append(w.Lines, l)
	}
	if c := s.hopCookies(p, next, sameOrigin); c != nil {
		w.Lines = append(w.Lines, *c)
	} else if _, had := p.Header("Cookie"); had && !sameOrigin {
		w.Dropped = append(w.Dropped, "Cookie dropped: redirect to another origin ("+Origin(next)+")")
	}
	warn := ""
	if keepBody && len(w.Body) > 0 && !sameOrigin {
		warn = fmt.Sprintf("%d redirect re-sent the %d-byte body to another origin, %s", resp.StatusCode, len(w.Body), Origin(next))
	}
	return w, warn, nil
}

// hopCookies is the Cookie line for a redirected hop: the jar's cookies for
// u, and the line's own cookies while still on the first origin.
func (s *Session) hopCookies(p *Prepared, u interface{ String() string }, sameOrigin bool) *Line {
	var sent []jar.Cookie
	if !p.NoSession {
		if target, err := p.URL.Parse(u.String()); err == nil {
			sent, _ = s.Jar.Match(target)
		}
	}
	var own []Header
	if sameOrigin {
		own = p.Cookies
	}
	pairs, _ := cookiePairs(sent, own)
	if len(pairs) == 0 {
		return nil
	}
	return &Line{Name: "Cookie", Value: strings.Join(pairs, "; "), Origin: "cookie jar", Secret: true}
}
