package session

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// ErrOAuth2 is wrapped by every failure to get or refresh a token.
var ErrOAuth2 = errors.New("oauth2 token failure")

// OAuth2 flows.
const (
	FlowClientCredentials = "client-credentials"
	FlowAuthCode          = "auth-code" // with PKCE, through a loopback redirect
	FlowDevice            = "device"
)

// OAuth2Config says how to get tokens. Secrets in it are never printed.
type OAuth2Config struct {
	Flow         string // one of the Flow constants
	TokenURL     string
	AuthURL      string // auth-code: the authorization endpoint
	DeviceURL    string // device: the device authorization endpoint
	ClientID     string
	ClientSecret string
	Scopes       []string
	// Prompt tells the user what to do: the URL to open (auth-code), the
	// code to enter and where (device). It is never a browser launch.
	Prompt func(msg string)
	// HTTPClient talks to the token endpoints; nil: one with a 30 s timeout.
	HTTPClient *http.Client
	// Now is the clock for expiry; nil: time.Now.
	Now func() time.Time
	// RedirectAddr is where auth-code listens for the redirect; "" means
	// 127.0.0.1 on a free port.
	RedirectAddr string
}

// OAuth2 holds one flow's configuration and its current token. It is safe
// for concurrent use. Attach it with Session.SetOAuth2(origin, o) and set
// Auth{Scheme: "oauth2", User: clientID, Origin: origin}: the token goes
// to that origin only.
type OAuth2 struct {
	cfg OAuth2Config
	mu  sync.Mutex
	tok *oauth2.Token
}

// NewOAuth2 checks c and returns a client without a token yet: Login
// gets the first one (Send does too, for client-credentials).
func NewOAuth2(c OAuth2Config) (*OAuth2, error) {
	switch {
	case c.TokenURL == "" || c.ClientID == "":
		return nil, fmt.Errorf("%w: a token URL and a client id are needed", ErrOAuth2)
	case c.Flow == FlowAuthCode && c.AuthURL == "":
		return nil, fmt.Errorf("%w: auth-code needs the authorization URL", ErrOAuth2)
	case c.Flow == FlowDevice && c.DeviceURL == "":
		return nil, fmt.Errorf("%w: device needs the device authorization URL", ErrOAuth2)
	case c.Flow != FlowClientCredentials && c.Flow != FlowAuthCode && c.Flow != FlowDevice:
		return nil, fmt.Errorf("%w: unknown flow %q: use %s, %s or %s", ErrOAuth2, c.Flow, FlowClientCredentials, FlowAuthCode, FlowDevice)
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Prompt == nil {
		c.Prompt = func(string) {}
	}
	return &OAuth2{cfg: c}, nil
}

// String describes o without any secret, e.g. "oauth2 client-credentials
// (client app) token *** expires 15:04:05".
func (o *OAuth2) String() string {
	if o == nil {
		return "oauth2 (not configured)"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	s := "oauth2 " + o.cfg.Flow + " (client " + o.cfg.ClientID + ")"
	switch {
	case o.tok == nil:
		return s + " no token yet"
	case o.tok.Expiry.IsZero():
		return s + " token ***"
	}
	return s + " token *** expires " + o.tok.Expiry.Format(time.TimeOnly)
}

// Login runs the flow now and keeps the token: auth-code prints the URL
// to open and waits for the redirect, device prints the code and polls.
func (o *OAuth2) Login(ctx context.Context) error {
	tok, err := o.fetch(ctx)
	if err != nil {
		return err
	}
	o.mu.Lock()
	o.tok = tok
	o.mu.Unlock()
	return nil
}

// accessToken is a valid access token: the kept one, else a refreshed
// one, else (client-credentials only) a new one. Interactive flows ask
// for Login rather than waiting on a user inside a request.
func (o *OAuth2) accessToken(ctx context.Context) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.tok != nil && (o.tok.Expiry.IsZero() || o.cfg.Now().Add(10*time.Second).Before(o.tok.Expiry)) {
		return o.tok.AccessToken, nil
	}
	var err error
	var tok *oauth2.Token
	switch {
	case o.tok != nil && o.tok.RefreshToken != "":
		tok, err = o.refresh(ctx, o.tok.RefreshToken)
	case o.cfg.Flow == FlowClientCredentials:
		tok, err = o.fetch(ctx)
	default:
		return "", fmt.Errorf("%w: no valid token for %s: log in again (auth oauth2 %s)", ErrOAuth2, o.cfg.ClientID, o.cfg.Flow)
	}
	if err != nil {
		return "", err
	}
	o.tok = tok
	return tok.AccessToken, nil
}

// invalidate forgets the token sent in a request the server refused;
// it reports whether another can be had without the user.
func (o *OAuth2) invalidate(sent string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.tok == nil || o.tok.AccessToken != sent {
		return o.tok != nil // already replaced meanwhile: try the new one
	}
	o.tok.Expiry = o.cfg.Now().Add(-time.Minute)
	return o.tok.RefreshToken != "" || o.cfg.Flow == FlowClientCredentials
}

func (o *OAuth2) config(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, Scopes: o.cfg.Scopes, RedirectURL: redirect,
		Endpoint: oauth2.Endpoint{TokenURL: o.cfg.TokenURL, AuthURL: o.cfg.AuthURL, DeviceAuthURL: o.cfg.DeviceURL},
	}
}

func (o *OAuth2) ctx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, o.cfg.HTTPClient)
}

func (o *OAuth2) refresh(ctx context.Context, refresh string) (*oauth2.Token, error) {
	tok, err := o.config("").TokenSource(o.ctx(ctx), &oauth2.Token{RefreshToken: refresh}).Token()
	if err != nil {
		return nil, o.explain("refresh the token", err)
	}
	return tok, nil
}

// fetch runs the configured flow.
func (o *OAuth2) fetch(ctx context.Context) (*oauth2.Token, error) {
	var tok *oauth2.Token
	var err error
	switch o.cfg.Flow {
	case FlowClientCredentials:
		cc := clientcredentials.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, TokenURL: o.cfg.TokenURL, Scopes: o.cfg.Scopes}
		tok, err = cc.Token(o.ctx(ctx))
	case FlowAuthCode:
		tok, err = o.authCode(ctx)
	case FlowDevice:
		tok, err = o.device(ctx)
	}
	if err != nil {
		return nil, o.explain("get a token", err)
	}
	return tok, nil
}

func (o *OAuth2) device(ctx context.Context) (*oauth2.Token, error) {
	c := o.config("")
	da, err := c.DeviceAuth(o.ctx(ctx))
	if err != nil {
		return nil, err
	}
	where := da.VerificationURI
	if da.VerificationURIComplete != "" {
		where = da.VerificationURIComplete
	}
	o.cfg.Prompt(fmt.Sprintf("to sign in, open %s and enter the code %s", where, da.UserCode))
	return c.DeviceAccessToken(o.ctx(ctx), da)
}

// explain turns a token endpoint's failure into one sentence: its status
// and content type, the OAuth2 error code if any, never a secret.
func (o *OAuth2) explain(what string, err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.Response == nil {
		msg := err.Error()
		if strings.Contains(msg, "missing access_token") {
			msg = "the answer holds no access_token (is " + o.cfg.TokenURL + " the token endpoint?)"
		}
		return fmt.Errorf("%w: %s at %s: %s", ErrOAuth2, what, o.cfg.TokenURL, o.redact(msg))
	}
	ct := re.Response.Header.Get("Content-Type")
	detail := re.ErrorCode
	if re.ErrorDescription != "" {
		detail += ": " + re.ErrorDescription
	}
	switch {
	case strings.Contains(ct, "html"):
		detail = "an HTML page, not a token (is the token URL right?)"
	case detail == "":
		detail = "no OAuth2 error code"
	}
	return fmt.Errorf("%w: %s at %s: the server answered %s (%s): %s", ErrOAuth2, what, o.cfg.TokenURL, re.Response.Status, ct, o.redact(detail))
}

func (o *OAuth2) redact(s string) string {
	if o.cfg.ClientSecret != "" {
		s = strings.ReplaceAll(s, o.cfg.ClientSecret, "***")
	}
	return s
}
