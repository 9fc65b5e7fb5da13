package state

import (
	"context"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// authUsage is the usage of auth's basic and bearer, as it always read.
const authUsage = "auth basic USER[:PASS] | auth bearer TOKEN | auth clear"

// oauthUsage is the usage of auth oauth2.
const oauthUsage = "auth oauth2 client-credentials|auth-code|device --token-url URL --client-id ID [--client-secret SECRET] [--auth-url URL] [--device-url URL] [--scope S...]"

// authOptions are auth oauth2's flags.
type authOptions struct {
	tokenURL, authURL, deviceURL string
	clientID, clientSecret       string
	scopes                       []string
}

func authFlags(fs *pflag.FlagSet, o *authOptions) {
	fs.StringVar(&o.tokenURL, "token-url", "", "oauth2: the token endpoint `URL`")
	commands.HintFlag(fs, "token-url", commands.HintURL)
	fs.StringVar(&o.authURL, "auth-url", "", "oauth2 auth-code: the authorization endpoint `URL`")
	commands.HintFlag(fs, "auth-url", commands.HintURL)
	fs.StringVar(&o.deviceURL, "device-url", "", "oauth2 device: the device authorization endpoint `URL`")
	commands.HintFlag(fs, "device-url", commands.HintURL)
	fs.StringVar(&o.clientID, "client-id", "", "oauth2: the client `ID`")
	fs.StringVar(&o.clientSecret, "client-secret", "", "oauth2: the client `SECRET` ({{env.NAME}} reads it from the environment; client-credentials asks without echo when it is not given)")
	commands.ListFlag(fs, &o.scopes, "scope", "", "oauth2: a `SCOPE` to ask for (repeatable, or space-separated)")
}

func (o *authOptions) given() bool {
	return o.tokenURL != "" || o.authURL != "" || o.deviceURL != "" || o.clientID != "" || o.clientSecret != "" || len(o.scopes) > 0
}

func auth() *commands.Command {
	flows := []string{session.FlowClientCredentials, session.FlowAuthCode, session.FlowDevice}
	return commands.Define(commands.Command{
		Name: "auth", Usage: "auth [basic USER[:PASS] | bearer TOKEN | digest USER[:PASS] | oauth2 FLOW FLAG... | clear]",
		Short: "session credentials, sent only to the base URL's origin",
		Long: "Credentials belong to the origin (scheme, host, port) of the base URL when they are set; requests to any other origin, and redirects away from it, go without them.\n" +
			"digest answers the server's 401 challenge (MD5 or SHA-256, qop=auth, a retry when the nonce is stale). " +
			"oauth2 gets tokens from --token-url: client-credentials fetches one now and again when it expires; auth-code (PKCE) prints the URL to open and waits for the browser on a loopback redirect; device prints the code to enter and polls. " +
			"A refresh token is used when the token expires or a 401 says so. Tokens are never printed; `session save --with-auth` keeps them.",
		Sub: []commands.Sub{{Name: "basic", Usage: authUsage, Short: "HTTP basic credentials", Min: 1, Max: 1},
			{Name: "bearer", Usage: authUsage, Short: "a bearer token", Min: 1, Max: 1},
			{Name: "digest", Usage: "auth digest USER[:PASS]", Short: "HTTP digest credentials (RFC 7616)", Min: 1, Max: 1},
			{Name: "oauth2", Usage: oauthUsage, Short: "OAuth2 tokens from a token endpoint", Min: 1, Max: 1,
				Args: []commands.Arg{{Values: flows, Desc: "OAuth2 flow"}}},
			{Name: "clear", Usage: "auth clear", Short: "forget the credentials", Max: commands.Many}},
		Max:     commands.Many,
		Example: "auth basic ada:lovelace\nget /basic-auth/ada/lovelace\nauth digest ada:lovelace\nget /digest-auth/auth/ada/lovelace\nauth oauth2 client-credentials --token-url https://login.example/token --client-id app --client-secret {{env.APP_SECRET}}",
	}, authFlags, runAuth)
}

func runAuth(ctx context.Context, env *commands.Env, c *commands.Call, o *authOptions) error {
	s := env.Session
	if c.SubName() != "oauth2" && o.given() {
		return commands.Usagef("--token-url, --client-id and the other OAuth2 flags go with `auth oauth2 FLOW`")
	}
	switch {
	case c.Sub == nil && len(c.Args) == 0:
		showAuth(env)
		return nil
	case c.Sub == nil:
		return commands.Usagef("auth %q: expected basic, bearer, digest, oauth2 or clear", c.Args[0])
	case c.Sub.Name == "clear":
		if s.Auth != nil {
			s.SetOAuth2(s.Auth.Origin, nil)
		}
		s.Auth = nil
		return nil
	}
	if s.Base == nil {
		return commands.Usagef("auth needs a base URL to bind the credentials to: set one with `base URL`")
	}
	a := &session.Auth{Scheme: c.Sub.Name, Origin: session.Origin(s.Base)}
	switch a.Scheme {
	case "bearer":
		a.Token = c.Args[0]
	case "oauth2":
		if err := setupOAuth2(ctx, env, a, c.Args[0], o); err != nil {
			return err
		}
	default:
		user, pass, ok := strings.Cut(c.Args[0], ":")
		if !ok {
			p, err := env.Password(user)
			if err != nil {
				return err
			}
			pass = p
		}
		a.User, a.Pass = user, pass
	}
	if s.Auth != nil && s.Auth.Scheme == "oauth2" && s.Auth.Origin != a.Origin {
		s.SetOAuth2(s.Auth.Origin, nil)
	}
	s.Auth = a
	env.Printf("auth %s\n", a.Redacted())
	return nil
}

// showAuth prints the session's credentials without their secrets.
func showAuth(env *commands.Env) {
	s := env.Session
	if s.Auth == nil {
		env.Printf("no credentials: set them with `auth basic USER:PASS`, `auth digest USER:PASS`, `auth bearer TOKEN` or `auth oauth2 FLOW ...`\n")
		return
	}
	if s.Auth.Scheme == "oauth2" {
		env.Printf("%s for %s\n", s.OAuth2For(s.Auth.Origin), s.Auth.Origin)
		return
	}
	env.Printf("%s\n", s.Auth.Redacted())
}
