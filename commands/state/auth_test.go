package state_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/internal/scripttest"
)

func line(t *testing.T, x *commands.Executor, text string, want int) error {
	t.Helper()
	err := x.ExecuteLine(context.Background(), text)
	if got := commands.ExitStatus(err); got != want {
		t.Fatalf("%s: status %d (%v), want %d", text, got, err, want)
	}
	return err
}

// TestDigestCommands: `auth digest` and `--digest --auth` answer the
// playground's /digest-auth challenges (MD5 and SHA-256); prepare says
// the header is made on the 401; the password never shows.
func TestDigestCommands(t *testing.T) {
	pg, err := playground.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Close() })
	x, out, _ := scripttest.Executor(t, pg.URL)
	line(t, x, "get /digest-auth/auth/ada/s3cret/SHA-256 --digest --auth ada:s3cret --show status", 0)
	if !strings.Contains(out.String(), "200 OK") {
		t.Errorf("--digest:\n%s", out)
	}
	line(t, x, "auth digest ada:s3cret", 0)
	line(t, x, "get /digest-auth/auth/ada/s3cret/MD5 --show status", 0)
	line(t, x, "get /digest-auth/auth/ada/s3cret/MD5 --show status", 0)
	line(t, x, "prepare GET /digest-auth/auth/ada/s3cret", 0)
	line(t, x, "auth", 0)
	if got := out.String(); strings.Count(got, "200 OK") != 3 || !strings.Contains(got, "401 challenge") ||
		!strings.Contains(got, "digest ada:*** for "+pg.URL) || strings.Contains(got, "s3cret\n") {
		t.Errorf("auth digest:\n%s", got)
	}
	line(t, x, "get /digest-auth/auth/ada/s3cret --digest", 2)
}

// tokens is an OAuth2 token server: client credentials (client app,
// secret sesame) and refresh grants; tokens live ttl; /api wants one;
// /broken answers 500 with HTML.
type tokens struct {
	mu     sync.Mutex
	n      int
	grants []string
	valid  map[string]time.Time
}

func tokenServer(t *testing.T, ttl time.Duration) (*tokens, *httptest.Server) {
	ts := &tokens{valid: map[string]time.Time{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		id, secret, _ := r.BasicAuth()
		ts.mu.Lock()
		defer ts.mu.Unlock()
		if id != "app" || secret != "sesame" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		ts.n++
		ts.grants = append(ts.grants, r.Form.Get("grant_type"))
		tok := fmt.Sprintf("tok%d", ts.n)
		ts.valid[tok] = time.Now().Add(ttl)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(ttl.Seconds()), "refresh_token": "ref" + tok})
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
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		_, _ = w.Write([]byte("<html>oops</html>"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return ts, srv
}

// TestOAuth2Commands: client credentials from {{env.X}}; an expired
// token is refreshed, a refused one replaced; tokens never print; they
// are saved only with --with-auth and work after session load; an HTML
// 500 from the token URL is one error.
func TestOAuth2Commands(t *testing.T) {
	ts, srv := tokenServer(t, time.Hour)
	home := t.TempDir()
	x, out, _ := scripttest.Executor(t, srv.URL)
	x.Getenv = func(k string) string {
		return map[string]string{"HOME": home, "APP_SECRET": "sesame"}[k]
	}
	now := time.Now()
	x.Session.Now = func() time.Time { return now }
	cc := "auth oauth2 client-credentials --token-url " + srv.URL + "/token --client-id app --scope 'read write'"
	if err := line(t, x, cc+" --client-secret nope", 1); !strings.Contains(err.Error(), "invalid_client") || strings.Contains(err.Error(), "nope") {
		t.Errorf("bad secret: %v", err)
	}
	if err := line(t, x, cc, 2); !strings.Contains(err.Error(), "--client-secret {{env.NAME}}") {
		t.Errorf("no secret, no terminal: %v", err)
	}
	line(t, x, cc+" --client-secret {{env.APP_SECRET}}", 0)
	line(t, x, "get /api --show body", 0)
	now = now.Add(2 * time.Hour) // the token has expired: refreshed
	line(t, x, "get /api --show body", 0)
	line(t, x, "auth", 0)
	if got := out.String(); strings.Count(got, "data") != 2 || strings.Contains(got, "tok1") || !strings.Contains(got, "token ***") {
		t.Errorf("oauth2 output:\n%s", got)
	}
	if strings.Join(ts.grants, ",") != "client_credentials,refresh_token" {
		t.Errorf("grants %v", ts.grants)
	}
	line(t, x, "session save plain", 0)
	line(t, x, "session save keep --with-auth", 0)
	dir := filepath.Join(home, ".config", "httpsh", "sessions")
	plain, _ := os.ReadFile(filepath.Join(dir, "plain.json"))
	kept, _ := os.ReadFile(filepath.Join(dir, "keep.json"))
	if strings.Contains(string(plain), "tok") || strings.Contains(string(plain), "sesame") || !strings.Contains(string(kept), `"access_token": "tok2"`) {
		t.Errorf("saved:\n%s\n%s", plain, kept)
	}
	line(t, x, "auth clear", 0)
	now = time.Now() // tok2's expiry is on the real clock
	line(t, x, "session load keep", 0)
	line(t, x, "get /api", 0)
	if len(ts.grants) != 2 {
		t.Errorf("a loaded token was fetched again: %v", ts.grants)
	}
	err := line(t, x, "auth oauth2 client-credentials --token-url "+srv.URL+"/broken --client-id app --client-secret x", 1)
	if !strings.Contains(err.Error(), "HTML page") || !strings.Contains(err.Error(), "500") {
		t.Errorf("HTML 500: %v", err)
	}
	line(t, x, "auth basic ada:pw --client-id app", 2)
	line(t, x, "auth oauth2 implicit --token-url "+srv.URL+"/token --client-id app --client-secret x", 2)
}
