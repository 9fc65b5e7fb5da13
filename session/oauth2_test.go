package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpsh/httpsh/session"
)

// tokenServer is an OAuth2 authorization server for tests: client
// credentials, refresh, auth-code with PKCE, device code; tokens expire
// after ttl. The API at /api wants a current token.
type tokenServer struct {
	mu       sync.Mutex
	ttl      time.Duration
	n        int
	valid    map[string]time.Time
	grants   []string
	verifier map[string]string // code -> PKCE challenge
	polls    int
}

func newTokenServer(t *testing.T, ttl time.Duration) (*tokenServer, *httptest.Server) {
	ts := &tokenServer{ttl: ttl, valid: map[string]time.Time{}, verifier: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/token", ts.token)
	mux.HandleFunc("/device", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"device_code": "dev1", "user_code": "WDJB-MJHT", "verification_uri": "https://example.test/device", "interval": 1, "expires_in": 60})
	})
	mux.HandleFunc("/authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		ts.mu.Lock()
		ts.verifier["code1"] = q.Get("code_challenge")
		ts.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code=code1&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {
		ts.mu.Lock()
		exp, ok := ts.valid[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		ts.mu.Unlock()
		if !ok || time.Now().After(exp) {
			w.WriteHeader(401)
			return
		}
		_, _ = w.Write([]byte("data"))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		_, _ = w.Write([]byte("<html>oops topsecret</html>"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return ts, srv
}

func (ts *tokenServer) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	id, secret, _ := r.BasicAuth()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	g := r.Form.Get("grant_type")
	ts.grants = append(ts.grants, g)
	switch {
	case g == "client_credentials" && (id != "app" || secret != "topsecret"):
		writeJSON(w, 401, map[string]string{"error": "invalid_client"})
		return
	case g == "urn:ietf:params:oauth:grant-type:device_code" && ts.polls == 0:
		ts.polls++
		writeJSON(w, 400, map[string]string{"error": "authorization_pending"})
		return
	case g == "authorization_code" && (ts.verifier[r.Form.Get("code")] == "" || r.Form.Get("code_verifier") == ""):
		writeJSON(w, 400, map[string]string{"error": "invalid_grant"})
		return
	}
	ts.n++
	tok := fmt.Sprintf("tok%d", ts.n)
	ts.valid[tok] = time.Now().Add(ts.ttl)
	writeJSON(w, 200, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(ts.ttl.Seconds()), "refresh_token": "r" + tok})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func oauthSession(t *testing.T, srv *httptest.Server, c session.OAuth2Config) (*session.Session, *session.OAuth2) {
	c.TokenURL = srv.URL + "/token"
	o, err := session.NewOAuth2(c)
	if err != nil {
		t.Fatal(err)
	}
	s := newSession(t)
	s.SetOAuth2(srv.URL, o)
	s.Auth = &session.Auth{Scheme: "oauth2", User: c.ClientID, Origin: srv.URL}
	return s, o
}

// TestOAuth2ClientCredentials: a token is fetched when first needed,
// reused, refreshed after a 401, and never printed.
func TestOAuth2ClientCredentials(t *testing.T) {
	ts, srv := newTokenServer(t, time.Hour)
	s, _ := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowClientCredentials, ClientID: "app", ClientSecret: "topsecret"})
	for range 2 {
		e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
		if err != nil || string(e.Response().Body) != "data" {
			t.Fatalf("%v %q", err, e.Response().Body)
		}
	}
	ts.mu.Lock()
	clear(ts.valid) // the server revokes every token
	ts.mu.Unlock()
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
	if err != nil || e.Response().StatusCode != 200 || len(e.Hops) != 2 {
		t.Fatalf("after revocation: %v, %d hops", err, len(e.Hops))
	}
	if g := strings.Join(ts.grants, " "); g != "client_credentials refresh_token" {
		t.Fatalf("grants %s", g)
	}
	for _, r := range []string{s.Auth.Redacted(), s.OAuth2For(srv.URL).String()} {
		if strings.Contains(r, "tok1") || strings.Contains(r, "tok2") || strings.Contains(r, "topsecret") || !strings.Contains(r, "client app") {
			t.Fatalf("redacted form %q", r)
		}
	}
}

// TestOAuth2Expiry: an expired token is refreshed before it is sent.
func TestOAuth2Expiry(t *testing.T) {
	ts, srv := newTokenServer(t, time.Hour)
	now := time.Now()
	s, _ := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowClientCredentials, ClientID: "app", ClientSecret: "topsecret", Now: func() time.Time { return now }})
	_, _ = send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
	now = now.Add(2 * time.Hour)
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
	if err != nil || len(e.Hops) != 1 || strings.Join(ts.grants, " ") != "client_credentials refresh_token" {
		t.Fatalf("%v, hops %d, grants %v", err, len(e.Hops), ts.grants)
	}
}

// TestOAuth2Interactive: auth-code with PKCE through the loopback
// redirect, and device code with polling; both print what to do.
func TestOAuth2Interactive(t *testing.T) {
	ts, srv := newTokenServer(t, time.Hour)
	var said []string
	prompt := func(m string) { said = append(said, m) }
	_, code := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowAuthCode, ClientID: "app", AuthURL: srv.URL + "/authorize",
		Prompt: func(m string) {
			prompt(m)
			go func() { // the user's browser
				resp, err := http.Get(strings.TrimPrefix(m, "open this URL to sign in: "))
				if err == nil {
					resp.Body.Close()
				}
			}()
		}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := code.Login(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(said[0], "code_challenge_method=S256") {
		t.Fatalf("prompt %q", said[0])
	}
	s, dev := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowDevice, ClientID: "app", DeviceURL: srv.URL + "/device", Prompt: prompt})
	if err := dev.Login(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(said[1], "WDJB-MJHT") || !strings.Contains(said[1], "https://example.test/device") {
		t.Fatalf("prompt %q", said[1])
	}
	if e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"}); err != nil || e.Response().StatusCode != 200 {
		t.Fatalf("device token not used: %v", err)
	}
	if g := strings.Join(ts.grants, " "); !strings.Contains(g, "authorization_code") || !strings.Contains(g, "device_code") {
		t.Fatalf("grants %s", g)
	}
}

// TestOAuth2Errors: a token endpoint that answers HTML or 500, or refuses
// the client, is one clear ErrOAuth2 without the secret; the token goes
// to its own origin only.
func TestOAuth2Errors(t *testing.T) {
	_, srv := newTokenServer(t, time.Hour)
	for path, want := range map[string]string{"/html": "an HTML page", "/token": "invalid_client"} {
		o, _ := session.NewOAuth2(session.OAuth2Config{Flow: session.FlowClientCredentials, ClientID: "bad", ClientSecret: "topsecret", TokenURL: srv.URL + path})
		s := newSession(t)
		s.SetOAuth2(srv.URL, o)
		s.Auth = &session.Auth{Scheme: "oauth2", User: "bad", Origin: srv.URL}
		_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
		if !errors.Is(err, session.ErrOAuth2) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "topsecret") {
			t.Errorf("%s: err = %v", path, err)
		}
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.Header.Get("Authorization")))
	}))
	t.Cleanup(other.Close)
	s, _ := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowClientCredentials, ClientID: "app", ClientSecret: "topsecret"})
	e, err := send(t, s, &session.Request{Method: "GET", URL: other.URL})
	if err != nil || len(e.Response().Body) != 0 {
		t.Fatalf("token sent to another origin: %q %v", e.Response().Body, err)
	}
}

// TestOAuth2SavedToken: a token put back from a saved session is used,
// refreshed when expired, and never shown by String or %#v.
func TestOAuth2SavedToken(t *testing.T) {
	ts, srv := newTokenServer(t, time.Hour)
	s, o := oauthSession(t, srv, session.OAuth2Config{Flow: session.FlowAuthCode, ClientID: "app", AuthURL: srv.URL + "/authorize"})
	ts.mu.Lock()
	ts.valid["saved"] = time.Now().Add(time.Hour)
	ts.mu.Unlock()
	o.SetToken(session.OAuth2Token{Access: "old", Refresh: "rsaved", Expiry: time.Now().Add(-time.Minute)})
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/api"})
	if err != nil || e.Response().StatusCode != 200 {
		t.Fatalf("%v", err)
	}
	tok, ok := o.Token()
	if !ok || tok.Access == "old" || tok.Refresh == "" {
		t.Fatalf("token not refreshed: %s", tok)
	}
	if out := fmt.Sprintf("%v %#v %s", tok, tok, o); strings.Contains(out, tok.Access) || strings.Contains(out, tok.Refresh) {
		t.Fatalf("secret shown: %s", out)
	}
}
