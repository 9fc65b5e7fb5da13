package session

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// authCode runs the authorization-code flow with PKCE (RFC 7636, S256):
// it listens on loopback for the redirect, prints the URL to open and
// waits until the browser comes back or ctx ends. It opens no browser.
func (o *OAuth2) authCode(ctx context.Context) (*oauth2.Token, error) {
	addr := o.cfg.RedirectAddr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for the redirect: %w", err)
	}
	defer ln.Close()
	redirect := "http://" + ln.Addr().String() + "/callback"
	c := o.config(redirect)
	state, verifier := rand.Text(), oauth2.GenerateVerifier()
	codes := make(chan codeResult, 1)
	srv := &http.Server{Handler: callback(state, codes), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	o.cfg.Prompt("open this URL to sign in: " + c.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)))
	select {
	case <-ctx.Done():
		return nil, fmt.Errorf("waiting for the sign-in redirect: %w", ctx.Err())
	case r := <-codes:
		if r.err != nil {
			return nil, r.err
		}
		return c.Exchange(o.ctx(ctx), r.code, oauth2.VerifierOption(verifier))
	}
}

type codeResult struct {
	code string
	err  error
}

// callback answers the redirect: it checks state, hands the code (or the
// server's error) over once, and tells the browser it may close.
func callback(state string, out chan<- codeResult) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var res codeResult
		switch {
		case r.URL.Path != "/callback":
			http.NotFound(w, r)
			return
		case q.Get("state") != state:
			http.Error(w, "state mismatch", http.StatusBadRequest)
			return
		case q.Get("error") != "":
			res.err = fmt.Errorf("sign-in refused: %s %s", q.Get("error"), q.Get("error_description"))
		case q.Get("code") == "":
			res.err = errors.New("the redirect carries no code")
		default:
			res.code = q.Get("code")
		}
		select {
		case out <- res:
			fmt.Fprintf(w, "<p>httpsh: %s. You may close this page.</p>", html.EscapeString(outcome(res)))
		default:
			http.Error(w, "already done", http.StatusConflict)
		}
	})
}

func outcome(r codeResult) string {
	if r.err != nil {
		return "sign-in failed"
	}
	return "signed in"
}
