package session

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/httpsh/httpsh/session/jar"
)

// Request is what a command line asks for, before the session's state is
// merged in.
type Request struct {
	Method  string
	URL     string   // as typed; resolved against the base by Prepare
	Query   []Header // query parameters appended in order (Name=Value)
	Headers []Header // this request's headers; an empty Value removes the header
	// Empty names headers sent with an empty value (curl's -H 'Name;').
	Empty []string
	Body  []byte
	// ContentType is set when the body has a type (JSON, form, multipart);
	// BodyKind names where it came from ("--json", "--form", ...).
	ContentType string
	BodyKind    string
	Cookies     []Header // cookies for this request only
	Auth        *Auth    // credentials for this request only (Origin is filled in)
	NoSession   bool     // build from the line alone, as Request.prepare() does
	Options     Options
}

// Options change how one request is sent. Nil pointers mean "the session's
// setting".
type Options struct {
	Follow       *bool
	MaxRedirects *int
	Timeout      *time.Duration // the whole request
	// HeaderTimeout bounds the wait for headers and each pause between
	// body reads.
	HeaderTimeout *time.Duration
	Insecure      bool
	// Proxy overrides the proxy setting for this request: a URL, or
	// "none" for a direct connection ("" means the session's choice).
	Proxy string
	// TLS replaces the session's Settings.Wire.TLS for this request
	// (--cacert, --cert, --key); nil means the session's.
	TLS *TLSOptions
	// HTTP is "1.1" or "2" for this request (--http1.1, --http2); ""
	// means the session's Settings.Wire.HTTP.
	HTTP string
}

// Line is one header of a prepared request with where it came from.
type Line struct {
	Name, Value string
	Origin      string // "default", "session header", "this request", "cookie jar: ...", ...
	Secret      bool   // carries a credential: dropped on a redirect to another origin
}

// Prepared is a request exactly as Send will put it on the wire (the Host
// header is implied by URL).
type Prepared struct {
	Method    string
	URL       *url.URL
	Lines     []Line
	Body      []byte
	NoSession bool
	Options   Options
	// Notes explain what was left out and why (credentials for another
	// origin, headers removed by the line).
	Notes []string
	// Cookies are the request's own cookies: a hand-set Cookie header's
	// pairs and --cookie values (not the jar's).
	Cookies []Header
	// Auth is the credential whose Authorization is made when sent
	// (digest, oauth2), or nil.
	Auth *Auth
	// Rebuild, when set, builds the request again just before `send`
	// sends it: a request imported from a collection whose templates name
	// earlier responses or variables that may have changed. The request
	// it returns is the one sent and kept in the exchange.
	Rebuild func() (*Prepared, error)
}

// Header returns the value of the named line, and whether there is one.
func (p *Prepared) Header(name string) (string, bool) {
	for _, l := range p.Lines {
		if strings.EqualFold(l.Name, name) {
			return l.Value, true
		}
	}
	return "", false
}

// Prepare merges the session into r and returns the exact request.
func (s *Session) Prepare(r *Request) (*Prepared, error) {
	u, err := Resolve(s.Base, r.URL)
	if err != nil {
		return nil, err
	}
	if len(r.Query) > 0 {
		u.RawQuery = appendQuery(u.RawQuery, r.Query)
	}
	method := r.Method // sent as typed: methods are case-sensitive (RFC 9110 section 9.1)
	if !validToken(method) {
		return nil, fmt.Errorf("bad method %q: a method is a token such as GET or PURGE", r.Method)
	}
	p := &Prepared{Method: method, URL: u, Body: r.Body, NoSession: r.NoSession, Options: r.Options, Cookies: r.Cookies}
	ls := newLineSet(p, r.Headers, r.Empty)
	add := ls.add
	add(Line{Name: "User-Agent", Value: s.UserAgent, Origin: "default"})
	add(Line{Name: "Accept", Value: "*/*", Origin: "default"})
	add(Line{Name: "Accept-Encoding", Value: AcceptEncoding, Origin: "default"})
	if !r.NoSession {
		for _, h := range s.Headers {
			add(Line{Name: h.Name, Value: h.Value, Origin: "session header", Secret: s.IsSecret(h.Name)})
		}
	}
	if r.ContentType != "" {
		add(Line{Name: "Content-Type", Value: r.ContentType, Origin: r.BodyKind})
	}
	for _, h := range r.Headers {
		if h.Value != "" {
			ls.addTyped(Line{Name: h.Name, Value: h.Value, Origin: "this request", Secret: s.IsSecret(h.Name)})
		}
	}
	for _, name := range r.Empty {
		ls.addTyped(Line{Name: name, Origin: "this request, empty"})
	}
	if len(r.Body) > 0 || method == "POST" || method == "PUT" || method == "PATCH" {
		// The body's length is what goes on the wire, whatever was typed.
		ls.replace(Line{Name: "Content-Length", Value: strconv.Itoa(len(r.Body)), Origin: "body"})
	}
	s.prepareAuth(p, r, ls)
	s.prepareNetrc(p, r, add)
	s.prepareCookies(p, r, ls)
	return p, nil
}

// prepareAuth adds the request's or the session's credentials; an
// Authorization typed on the line (or removed by "Authorization:") wins
// over both, as any typed header does.
func (s *Session) prepareAuth(p *Prepared, r *Request, ls *lineSet) {
	add := ls.add
	switch {
	case sendTimeAuth(r.Auth) && ls.wins("Authorization", "--"+r.Auth.Scheme):
	case sendTimeAuth(r.Auth):
		a := *r.Auth // this request's: bound to its origin
		if a.Origin == "" {
			a.Origin = Origin(p.URL)
		}
		prepareSendAuth(p, &a, "--"+a.Scheme)
	case !r.NoSession && sendTimeAuth(s.Auth) && s.Auth.Origin == Origin(p.URL) && ls.wins("Authorization", "session auth ("+s.Auth.Scheme+")"):
	case !r.NoSession && sendTimeAuth(s.Auth) && s.Auth.Origin == Origin(p.URL):
		prepareSendAuth(p, s.Auth, "session auth")
	case r.Auth != nil:
		add(Line{Name: "Authorization", Value: r.Auth.HeaderValue(), Origin: "--" + r.Auth.Scheme, Secret: true})
	case r.NoSession || s.Auth == nil:
	case s.Auth.Origin == Origin(p.URL):
		add(Line{Name: "Authorization", Value: s.Auth.HeaderValue(), Origin: "session auth (" + s.Auth.Scheme + ")", Secret: true})
	default:
		p.Notes = append(p.Notes, "session credentials not sent: they belong to "+s.Auth.Origin)
	}
}

// prepareCookies builds the one Cookie line: the jar's cookies for the
// URL, then a hand-set Cookie header's pairs, then --cookie values; a
// cookie of the request's own replaces the jar's of that name. The
// hand-set and --cookie pairs are kept in p.Cookies so that a redirect to
// the same origin carries them and one to another origin drops them.
func (s *Session) prepareCookies(p *Prepared, r *Request, ls *lineSet) {
	hand, handOrigin := handCookies(p)
	p.Cookies = append(hand, r.Cookies...)
	var sent []jar.Cookie
	if !r.NoSession {
		sent, _ = s.Jar.Match(p.URL)
	}
	pairs, replaced := cookiePairs(sent, p.Cookies)
	var from []string
	for _, c := range sent {
		if !slices.Contains(replaced, c.Name) {
			from = append(from, c.Name+" ("+c.Domain+" "+c.Path+")")
		}
	}
	for _, name := range replaced {
		ls.note("cookie %s (cookie jar) not sent: the request's own %s replaces it", name, name)
	}
	if len(from) > 0 {
		from = []string{"cookie jar: " + strings.Join(from, ", ")}
	}
	if len(hand) > 0 {
		from = append(from, handOrigin)
	}
	if len(r.Cookies) > 0 {
		from = append(from, "--cookie")
	}
	if len(pairs) > 0 {
		ls.replace(Line{Name: "Cookie", Value: strings.Join(pairs, "; "), Origin: strings.Join(from, "; "), Secret: true})
	}
}

// handCookies returns the name=value pairs of the hand-set Cookie lines
// of p and where they came from. The lines stay in place, for the merged
// Cookie line to replace.
func handCookies(p *Prepared) ([]Header, string) {
	var out []Header
	origin := ""
	for _, l := range p.Lines {
		if !strings.EqualFold(l.Name, "Cookie") {
			continue
		}
		origin = l.Origin
		for _, pair := range strings.Split(l.Value, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
			if name != "" {
				out = append(out, Header{Name: name, Value: value})
			}
		}
	}
	return out, origin
}

// appendQuery adds pairs to an encoded query, keeping their order.
func appendQuery(raw string, pairs []Header) string {
	var b strings.Builder
	b.WriteString(raw)
	for _, q := range pairs {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(q.Name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(q.Value))
	}
	return b.String()
}

// SecretHeader reports whether a header carries a credential by its name:
// Authorization, Proxy-Authorization, Cookie, or a name with token, key,
// secret, password, auth or session in it.
func SecretHeader(name string) bool {
	n := strings.ToLower(name)
	switch n {
	case "authorization", "proxy-authorization", "cookie":
		return true
	}
	for _, w := range []string{"token", "key", "secret", "password", "passwd", "auth", "session", "csrf", "xsrf"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// validToken reports whether s is an RFC 9110 token.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// ValidHeaderName reports whether name may be sent as a header name.
func ValidHeaderName(name string) bool { return validToken(name) }

// ValidHeaderValue reports whether v may be sent as a header value: no
// control character but tab (RFC 9110, section 5.5), so no CR or LF that
// could split the request.
func ValidHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// sortedFields returns the response header in name order (net/http does
// not keep the order a server sent).
func sortedFields(h http.Header) []Header {
	n := 0
	for _, vs := range h {
		n += len(vs)
	}
	out := make([]Header, 0, n)
	for name, vs := range h {
		for _, v := range vs {
			out = append(out, Header{name, v})
		}
	}
	// Stable: the values of one name keep their order.
	slices.SortStableFunc(out, func(a, b Header) int { return strings.Compare(a.Name, b.Name) })
	return out
}
