package session

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// credState is what credentials learn while a session runs: the digest
// challenge of each origin and user, with its nonce count, and the OAuth2
// client of each origin.
type credState struct {
	mu     sync.Mutex
	digest map[string]*digestState
	oauth  map[string]*OAuth2
}

func (c *credState) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.digest, c.oauth = nil, nil
}

// SetOAuth2 attaches o to origin (scheme://host:port): an Auth with
// Scheme "oauth2" for that origin gets its tokens from o. A nil o
// detaches it.
func (s *Session) SetOAuth2(origin string, o *OAuth2) {
	s.creds.mu.Lock()
	defer s.creds.mu.Unlock()
	if s.creds.oauth == nil {
		s.creds.oauth = map[string]*OAuth2{}
	}
	if o == nil {
		delete(s.creds.oauth, origin)
		return
	}
	s.creds.oauth[origin] = o
}

// OAuth2For is the OAuth2 client attached to origin, or nil.
func (s *Session) OAuth2For(origin string) *OAuth2 {
	s.creds.mu.Lock()
	defer s.creds.mu.Unlock()
	return s.creds.oauth[origin]
}

// oauthOf is a's client, or a clear error when none is attached (an
// oauth2 auth restored from a saved session, say).
func (s *Session) oauthOf(a *Auth) (*OAuth2, error) {
	if o := s.OAuth2For(a.Origin); o != nil {
		return o, nil
	}
	return nil, fmt.Errorf("%w: no OAuth2 client for %s in this session: set one up again (auth oauth2 ...)", ErrOAuth2, a.Origin)
}

type digestState struct {
	c  *digestChallenge
	nc int // requests answered with c.nonce so far
}

// sendTimeAuth reports whether a's header is made at send time (digest
// answers a challenge; oauth2 fetches and refreshes tokens).
func sendTimeAuth(a *Auth) bool {
	return a != nil && (a.Scheme == "digest" || a.Scheme == "oauth2")
}

// prepareSendAuth records a send-time credential on p with a note for
// `prepare`, in place of an Authorization line; origin says where it
// came from.
func prepareSendAuth(p *Prepared, a *Auth, origin string) {
	p.Auth = a
	switch a.Scheme {
	case "digest":
		p.Notes = append(p.Notes, "Authorization: Digest (from "+origin+") is sent in answer to the server's 401 challenge")
	case "oauth2":
		p.Notes = append(p.Notes, "Authorization: Bearer (from "+origin+") is an OAuth2 token fetched when sent")
	}
}

// authorize sets w's Authorization line from p.Auth, when that is a
// send-time credential for w's origin: a digest answer to the origin's
// last challenge (the nonce count goes up by one), or an OAuth2 token
// (fetched or refreshed as needed).
func (s *Session) authorize(ctx context.Context, p *Prepared, w *Wire) error {
	a := p.Auth
	if !sendTimeAuth(a) || Origin(w.URL) != a.Origin {
		return nil
	}
	var value string
	switch a.Scheme {
	case "digest":
		st := s.digestFor(a)
		if st == nil {
			return nil
		}
		var err error
		value, err = st.c.authorization(a.User, a.Pass, digestRequest{method: w.Method, uri: wireTarget(w.URL), body: w.Body, nc: st.nc})
		if err != nil {
			return err
		}
	case "oauth2":
		o, err := s.oauthOf(a)
		if err != nil {
			return err
		}
		tok, err := o.accessToken(ctx)
		if err != nil {
			return err
		}
		value = "Bearer " + tok
	}
	setAuthLine(w, Line{Name: "Authorization", Value: value, Origin: a.Scheme + " auth", Secret: true})
	return nil
}

// digestFor returns a's origin's challenge with its nonce count raised,
// or nil before the first challenge.
func (s *Session) digestFor(a *Auth) *digestState {
	s.creds.mu.Lock()
	defer s.creds.mu.Unlock()
	st := s.creds.digest[a.Origin+" "+a.User]
	if st == nil {
		return nil
	}
	st.nc++
	return &digestState{c: st.c, nc: st.nc}
}

// setAuthLine replaces or adds w's Authorization line, on a copy of the
// lines (a recorded hop may share them).
func setAuthLine(w *Wire, l Line) {
	w.Lines = slices.Clone(w.Lines)
	for i, old := range w.Lines {
		if strings.EqualFold(old.Name, "Authorization") {
			w.Lines[i] = l
			return
		}
	}
	w.Lines = append(w.Lines, l)
}

// challenged decides whether a 401 to w is answered by sending w again:
// once for a digest challenge when w carried no answer or a pre-emptive
// one (from the origin's last challenge), and once more when the nonce
// was stale; once for OAuth2 after forcing a new token. Nothing is retried
// for another origin than the credential's.
func (s *Session) challenged(p *Prepared, w *Wire, r *Response) (bool, error) {
	a := p.Auth
	if r.StatusCode != 401 || !sendTimeAuth(a) || Origin(w.URL) != a.Origin || w.authTries >= 2 {
		return false, nil
	}
	sent, had := wireHeader(w, "Authorization")
	switch a.Scheme {
	case "oauth2":
		if !had || w.authTries > 0 {
			return false, nil
		}
		o, err := s.oauthOf(a)
		return err == nil && o.invalidate(strings.TrimPrefix(sent, "Bearer ")), nil
	}
	c, ok, err := parseDigest(r.Header.Values("Www-Authenticate"))
	if err != nil {
		return false, fmt.Errorf("%s: %w", a.Origin, err)
	}
	// Answer when w carried none, when it was a first, pre-emptive answer
	// from an earlier challenge, or when the server calls the nonce stale.
	if !ok || (had && !c.stale && w.authTries > 0) {
		return false, nil
	}
	s.creds.mu.Lock()
	defer s.creds.mu.Unlock()
	if s.creds.digest == nil {
		s.creds.digest = map[string]*digestState{}
	}
	s.creds.digest[a.Origin+" "+a.User] = &digestState{c: c}
	return true, nil
}

func wireHeader(w *Wire, name string) (string, bool) {
	for _, l := range w.Lines {
		if strings.EqualFold(l.Name, name) {
			return l.Value, true
		}
	}
	return "", false
}
