package state

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// setupOAuth2 makes the OAuth2 client of `auth oauth2 FLOW`, gets its
// first token (auth-code and device ask the user through printed
// prompts) and attaches it to a's origin; a becomes its Auth.
func setupOAuth2(ctx context.Context, env *commands.Env, a *session.Auth, flow string, o *authOptions) error {
	if o.tokenURL == "" || o.clientID == "" {
		return commands.Usagef("auth oauth2 %s needs --token-url URL and --client-id ID", flow)
	}
	secret := o.clientSecret
	if secret == "" && flow == session.FlowClientCredentials {
		if env.AskPassword == nil {
			return commands.Usagef("no client secret for %s and no terminal to ask on: give --client-secret {{env.NAME}}", o.clientID)
		}
		p, err := env.AskPassword(fmt.Sprintf("client secret for %s: ", o.clientID))
		if err != nil {
			return commands.Failf("read client secret: %w", err)
		}
		secret = p
	}
	hc, err := env.Session.TokenClient()
	if err != nil {
		return commands.Fail(err)
	}
	client, err := session.NewOAuth2(session.OAuth2Config{
		Flow: flow, TokenURL: o.tokenURL, AuthURL: o.authURL, DeviceURL: o.deviceURL,
		ClientID: o.clientID, ClientSecret: secret, Scopes: splitScopes(o.scopes),
		Prompt:     func(msg string) { env.Printf("%s\n", render.Sanitize(msg)) },
		HTTPClient: hc, Now: env.Session.Now,
	})
	if err != nil {
		return commands.Usage(err)
	}
	if err := client.Login(ctx); err != nil {
		return commands.Fail(err)
	}
	a.User = o.clientID
	env.Session.SetOAuth2(a.Origin, client)
	return nil
}

// splitScopes accepts scopes repeated or space-separated.
func splitScopes(in []string) []string {
	var out []string
	for _, s := range in {
		out = append(out, strings.Fields(s)...)
	}
	return out
}

// savedOAuth2 is an OAuth2 client as `session save --with-auth` keeps it:
// its configuration and its current token.
type savedOAuth2 struct {
	Flow         string    `json:"flow"`
	TokenURL     string    `json:"token_url"`
	AuthURL      string    `json:"auth_url,omitempty"`
	DeviceURL    string    `json:"device_url,omitempty"`
	ClientSecret string    `json:"client_secret,omitempty"`
	Scopes       []string  `json:"scopes,omitempty"`
	Access       string    `json:"access_token,omitempty"`
	Refresh      string    `json:"refresh_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
}

// saveOAuth2 is the client of a's origin as saved, or nil.
func saveOAuth2(s *session.Session, a *session.Auth) *savedOAuth2 {
	o := s.OAuth2For(a.Origin)
	if a.Scheme != "oauth2" || o == nil {
		return nil
	}
	c := o.Config()
	out := &savedOAuth2{Flow: c.Flow, TokenURL: c.TokenURL, AuthURL: c.AuthURL, DeviceURL: c.DeviceURL,
		ClientSecret: c.ClientSecret, Scopes: c.Scopes}
	if t, ok := o.Token(); ok {
		out.Access, out.Refresh, out.Expiry = t.Access, t.Refresh, t.Expiry
	}
	return out
}

// loadOAuth2 makes the client a saved session describes for a; its
// token is refreshed when next needed if it has expired.
func loadOAuth2(s *session.Session, a *session.Auth, saved *savedOAuth2, prompt func(string)) (*session.OAuth2, error) {
	if saved == nil {
		return nil, fmt.Errorf("oauth2 credentials without their client")
	}
	hc, err := s.TokenClient()
	if err != nil {
		return nil, err
	}
	o, err := session.NewOAuth2(session.OAuth2Config{
		Flow: saved.Flow, TokenURL: saved.TokenURL, AuthURL: saved.AuthURL, DeviceURL: saved.DeviceURL,
		ClientID: a.User, ClientSecret: saved.ClientSecret, Scopes: saved.Scopes,
		Prompt: prompt, HTTPClient: hc, Now: s.Now,
	})
	if err != nil {
		return nil, err
	}
	if saved.Access != "" || saved.Refresh != "" {
		o.SetToken(session.OAuth2Token{Access: saved.Access, Refresh: saved.Refresh, Expiry: saved.Expiry})
	}
	return o, nil
}
