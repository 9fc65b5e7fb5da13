package session

import (
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// OAuth2Token is a token as a saved session keeps it (only with
// --with-auth). Its String and GoString never show the secrets.
type OAuth2Token struct {
	Access, Refresh string
	Expiry          time.Time // zero: does not expire
}

// String is "token *** (refreshable) expires 2006-01-02T15:04:05Z".
func (t OAuth2Token) String() string {
	s := "token ***"
	if t.Refresh != "" {
		s += " (refreshable)"
	}
	if !t.Expiry.IsZero() {
		s += " expires " + t.Expiry.UTC().Format(time.RFC3339)
	}
	return s
}

// GoString keeps %#v from printing the secrets.
func (t OAuth2Token) GoString() string { return "session.OAuth2Token{" + t.String() + "}" }

// Token returns o's current token; ok is false before the first one.
func (o *OAuth2) Token() (t OAuth2Token, ok bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.tok == nil {
		return OAuth2Token{}, false
	}
	return OAuth2Token{Access: o.tok.AccessToken, Refresh: o.tok.RefreshToken, Expiry: o.tok.Expiry}, true
}

// SetToken replaces o's token, as when a saved session is loaded; an
// expired one is refreshed when next needed.
func (o *OAuth2) SetToken(t OAuth2Token) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tok = &oauth2.Token{AccessToken: t.Access, RefreshToken: t.Refresh, Expiry: t.Expiry, TokenType: "Bearer"}
}

// Config returns o's configuration (with its client secret: callers
// saving it decide whether to keep that).
func (o *OAuth2) Config() OAuth2Config { return o.cfg }

// TokenClient is an http.Client for OAuth2 token endpoints (for
// OAuth2Config.HTTPClient) that trusts what the session's settings trust
// now (verify, ca, ca-only, cert and key) with a 30 s limit; it uses no
// proxy and follows no redirect.
func (s *Session) TokenClient() (*http.Client, error) {
	c, err := s.client(&Prepared{}, nil)
	if err != nil {
		return nil, err
	}
	c.Timeout = 30 * time.Second
	return c, nil
}
