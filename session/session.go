// Package session is the HTTP core of httpsh: one long-lived Session holds
// the base URL, default headers, credentials, the cookie jar, settings,
// variables and the numbered exchanges. It knows nothing of terminals,
// colours or the command language, and imports no other package of httpsh.
//
// A 4xx or 5xx answer is an ordinary Exchange; Send returns an error only
// when no complete response could be had (transport failure, timeout,
// redirect loop, a limit exceeded).
package session

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/httpsh/httpsh/session/jar"
)

// Header is one header line, in order.
type Header struct {
	Name, Value string
}

// Auth holds credentials and the origin (scheme://host:port) they belong
// to. They are sent to that origin only.
type Auth struct {
	// Scheme is "basic", "bearer", "digest" (User, Pass) or "oauth2"
	// (User is the client id; the tokens are the OAuth2 client that
	// Session.SetOAuth2 attached to Origin).
	Scheme string
	User   string
	Pass   string
	Token  string
	Origin string
}

// HeaderValue is the Authorization header value for a; "" for digest
// and oauth2, whose header Send makes (see Prepared.Auth).
func (a *Auth) HeaderValue() string {
	switch a.Scheme {
	case "bearer":
		return "Bearer " + a.Token
	case "digest", "oauth2":
		return ""
	}
	return "Basic " + basicToken(a.User, a.Pass)
}

// Redacted describes a without its secret, e.g. "basic ada:*** for http://127.0.0.1:8080".
func (a *Auth) Redacted() string {
	who := "bearer ***"
	switch a.Scheme {
	case "basic", "digest":
		who = a.Scheme + " " + a.User + ":***"
	case "oauth2":
		who = "oauth2 client " + a.User + " token ***"
	}
	return who + " for " + a.Origin
}

// MaxExchanges is how many exchanges a session keeps; older ones are
// forgotten (their numbers are not reused).
const MaxExchanges = 500

// Session is one HTTP session. Its methods are safe for use by one
// goroutine at a time, except that the Jar is safe for concurrent use.
type Session struct {
	Base    *url.URL // nil until set
	Headers []Header // default headers, sent with every request
	// SecretNames are header names (lower case) the user marked secret:
	// like Authorization, they are dropped on a redirect to another
	// origin. Names such as X-Api-Key are secret without being marked.
	SecretNames map[string]bool
	Auth        *Auth // nil: none
	Jar         *jar.Jar
	Settings    Settings
	Vars        map[string]string
	// Env is the active environment (`env use`), nil when none.
	Env *Environment
	// Prepared holds named prepared requests ("" is the last unnamed one).
	Prepared map[string]*Prepared
	// UserAgent is sent unless a header overrides it.
	UserAgent string
	// Now is the clock; tests may replace it.
	Now func() time.Time
	// Getenv reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY; nil means no
	// proxy from the environment. New sets it to os.Getenv.
	Getenv func(string) string
	// Passphrase asks for the passphrase of an encrypted client key; nil
	// refuses encrypted keys with a clear error.
	Passphrase Passphrase
	// Spec is the loaded API description (the spec family puts a
	// commands.Spec here; completion reads it through its own interface),
	// nil when none is loaded. Reset keeps it: a spec describes the API,
	// not the session's state.
	Spec any

	mu         sync.Mutex
	failure    *Failure // the last Send, when it got no response at all
	exchanges  []*Exchange
	nextID     int
	transports map[transportKey]*http.Transport
	creds      credState // digest challenges and nonce counts
	spillDir   string    // temporary folder of bodies over body-limit; "" until needed
	letGo      int64     // body bytes keep-limit moved out since the last collection (keep.go)
	memBodies  int64     // bytes of the kept exchanges' bodies in memory (keep.go)
}

// New returns an empty session with default settings.
func New(userAgent string) *Session {
	s := &Session{
		Settings:  DefaultSettings(),
		Vars:      map[string]string{},
		Prepared:  map[string]*Prepared{},
		UserAgent: userAgent,
		Now:       time.Now,
		nextID:    1,
	}
	s.Jar = jar.New(func() time.Time { return s.Now() })
	s.Getenv = os.Getenv
	return s
}

// Close releases idle connections and removes the temporary files of
// bodies over body-limit.
func (s *Session) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.transports {
		t.CloseIdleConnections()
	}
	s.removeSpillDir()
}

// Reset forgets everything but the transports: base, headers, auth
// (with digest challenges and OAuth2 clients),
// cookies, variables, settings, prepared requests and exchanges (whose
// spill files it removes).
func (s *Session) Reset() {
	s.Base = nil
	s.Headers = nil
	s.SecretNames = nil
	s.Auth = nil
	s.creds.reset()
	s.Jar.Clear("")
	s.Settings = DefaultSettings()
	s.Vars = map[string]string{}
	s.Env = nil
	s.Prepared = map[string]*Prepared{}
	s.mu.Lock()
	s.exchanges = nil
	s.memBodies = 0
	s.removeSpillDir()
	s.mu.Unlock()
}

// SetHeader adds a default header, replacing one of the same name.
func (s *Session) SetHeader(name, value string) {
	for i, h := range s.Headers {
		if strings.EqualFold(h.Name, name) {
			s.Headers[i] = Header{name, value}
			return
		}
	}
	s.Headers = append(s.Headers, Header{name, value})
}

// MarkSecret marks a header name as carrying a credential.
func (s *Session) MarkSecret(name string) {
	if s.SecretNames == nil {
		s.SecretNames = map[string]bool{}
	}
	s.SecretNames[strings.ToLower(name)] = true
}

// IsSecret reports whether a header carries a credential: by its name
// (SecretHeader) or because the user marked it (MarkSecret).
func (s *Session) IsSecret(name string) bool {
	return SecretHeader(name) || s.SecretNames[strings.ToLower(name)]
}

// UnsetHeader removes a default header; it reports whether one was there.
func (s *Session) UnsetHeader(name string) bool {
	for i, h := range s.Headers {
		if strings.EqualFold(h.Name, name) {
			s.Headers = append(s.Headers[:i], s.Headers[i+1:]...)
			return true
		}
	}
	return false
}

// record numbers e and keeps it; an exchange pushed out of the kept
// list loses its spill files, and keep-limit bounds the older bodies
// (keepAfter).
func (s *Session) record(e *Exchange) {
	s.keep(e)
	s.keepAfter(e)
}

// keep numbers e and adds it to the kept list.
func (s *Session) keep(e *Exchange) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e.ID = s.nextID
	s.nextID++
	s.failure = nil
	s.exchanges = append(s.exchanges, e)
	s.memBodies += inMemory(e)
	if len(s.exchanges) > MaxExchanges {
		drop := len(s.exchanges) - MaxExchanges
		for _, old := range s.exchanges[:drop] {
			s.memBodies -= inMemory(old)
		}
		dropSpills(s.exchanges[:drop])
		s.exchanges = s.exchanges[drop:]
	}
}

// Exchanges returns the kept exchanges, oldest first.
func (s *Session) Exchanges() []*Exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Exchange(nil), s.exchanges...)
}

// Last is the newest exchange, or nil.
func (s *Session) Last() *Exchange {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.exchanges) == 0 {
		return nil
	}
	return s.exchanges[len(s.exchanges)-1]
}

// Exchange returns exchange number n (n <= 0 means the last one), or nil.
func (s *Session) Exchange(n int) *Exchange {
	if n <= 0 {
		return s.Last()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.exchanges {
		if e.ID == n {
			return e
		}
	}
	return nil
}
