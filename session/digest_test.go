package session_test

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/session"
)

func digestAuth(u, user, pass string) *session.Auth {
	return &session.Auth{Scheme: "digest", User: user, Pass: pass, Origin: strings.Join(strings.SplitN(u, "/", 4)[:3], "/")}
}

// TestDigestPlayground: go-httpbin's /digest-auth routes accept the
// answer for MD5 and SHA-256 with qop auth (go-httpbin has no auth-int).
func TestDigestPlayground(t *testing.T) {
	pg, err := playground.Start(0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pg.Close() })
	for _, c := range []string{"auth/MD5", "auth/SHA-256"} {
		s := newSession(t)
		qop, alg, _ := strings.Cut(c, "/")
		url := fmt.Sprintf("%s/digest-auth/%s/ada/s3cret/%s", pg.URL, qop, alg)
		e, err := send(t, s, &session.Request{Method: "GET", URL: url, Auth: digestAuth(url, "ada", "s3cret")})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Hops) != 2 || e.Hops[0].Response.StatusCode != 401 || e.Response().StatusCode != 200 {
			t.Errorf("%s: hops %d, final %d %s", c, len(e.Hops), e.Response().StatusCode, e.Response().Body)
		}
	}
	url := pg.URL + "/digest-auth/auth/ada/s3cret/MD5"
	s := newSession(t)
	e, _ := send(t, s, &session.Request{Method: "GET", URL: url, Auth: digestAuth(url, "ada", "wrong")})
	if e.Response().StatusCode != 401 || len(e.Hops) != 2 {
		t.Fatalf("wrong password: %d after %d hops, want one retry then 401", e.Response().StatusCode, len(e.Hops))
	}
}

// digestServer is an RFC 7616 server: it counts nonces, declares a nonce
// stale after two uses, and records what it saw.
type digestServer struct {
	alg      string
	qop      string // offered; "" means "auth, auth-int"
	mu       sync.Mutex
	nonce    int
	uses     map[string]int
	ncs      []string
	authSeen int
}

func (d *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	defer d.mu.Unlock()
	a := r.Header.Get("Authorization")
	if a == "" {
		d.challenge(w, false)
		return
	}
	d.authSeen++
	p := map[string]string{}
	for _, m := range regexp.MustCompile(`(\w+)=("([^"]*)"|[^,]+)`).FindAllStringSubmatch(a, -1) {
		p[m[1]] = m[2]
		if m[3] != "" || strings.HasPrefix(m[2], `"`) {
			p[m[1]] = m[3]
		}
	}
	d.ncs = append(d.ncs, p["nc"])
	var h func() hash.Hash = md5.New
	if strings.HasPrefix(d.alg, "SHA-256") {
		h = sha256.New
	}
	hx := func(s string) string { x := h(); x.Write([]byte(s)); return hex.EncodeToString(x.Sum(nil)) }
	ha1 := hx("ada:test:s3cret")
	if strings.HasSuffix(d.alg, "-sess") {
		ha1 = hx(ha1 + ":" + p["nonce"] + ":" + p["cnonce"])
	}
	ha2 := hx(r.Method + ":" + r.URL.RequestURI())
	if p["qop"] == "auth-int" {
		body, _ := io.ReadAll(r.Body)
		ha2 = hx(r.Method + ":" + r.URL.RequestURI() + ":" + hx(string(body)))
	}
	want := hx(ha1 + ":" + p["nonce"] + ":" + p["nc"] + ":" + p["cnonce"] + ":" + p["qop"] + ":" + ha2)
	d.uses[p["nonce"]]++
	switch {
	case p["response"] != want || p["opaque"] != "op" || p["algorithm"] != d.alg:
		d.challenge(w, false)
	case d.uses[p["nonce"]] > 2:
		d.challenge(w, true)
	default:
		_, _ = w.Write([]byte("welcome"))
	}
}

func (d *digestServer) challenge(w http.ResponseWriter, stale bool) {
	d.nonce++
	w.Header().Add("WWW-Authenticate", `Basic realm="x"`)
	qop := d.qop
	if qop == "" {
		qop = "auth, auth-int"
	}
	w.Header().Add("WWW-Authenticate", fmt.Sprintf(`Digest realm="test", qop="%s", nonce="n%d", opaque="op", algorithm=%s, stale=%v`, qop, d.nonce, d.alg, stale))
	w.WriteHeader(401)
}

// TestDigestNonceCountAndStale: the nonce count goes up across requests
// of a session; a stale nonce is answered once with the new one.
func TestDigestNonceCountAndStale(t *testing.T) {
	for _, alg := range []string{"MD5", "SHA-256", "MD5-sess", "SHA-256-sess"} {
		t.Run(alg, func(t *testing.T) {
			d := &digestServer{alg: alg, uses: map[string]int{}}
			srv := httptest.NewServer(d)
			t.Cleanup(srv.Close)
			s := newSession(t)
			s.Auth = digestAuth(srv.URL, "ada", "s3cret")
			var hops []int
			for range 3 {
				e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL + "/x?y=1"})
				if err != nil || e.Response().StatusCode != 200 {
					t.Fatalf("err %v status %d", err, e.Response().StatusCode)
				}
				hops = append(hops, len(e.Hops))
			}
			if fmt.Sprint(hops) != "[2 1 2]" || strings.Join(d.ncs, " ") != "00000001 00000002 00000003 00000001" {
				t.Fatalf("hops %v, nonce counts %v", hops, d.ncs)
			}
		})
	}
}

// TestDigestErrors: an unknown algorithm is one clear error; the
// credential never goes to another origin.
func TestDigestErrors(t *testing.T) {
	srv := httptest.NewServer(&digestServer{alg: "SHA3-999", uses: map[string]int{}})
	t.Cleanup(srv.Close)
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Auth: digestAuth(srv.URL, "ada", "s3cret")})
	if !errors.Is(err, session.ErrDigest) || !strings.Contains(err.Error(), `"SHA3-999"`) || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("err = %v", err)
	}
	other := &digestServer{alg: "MD5", uses: map[string]int{}}
	osrv := httptest.NewServer(other)
	t.Cleanup(osrv.Close)
	s.Auth = digestAuth(srv.URL, "ada", "s3cret")
	e, err := send(t, s, &session.Request{Method: "GET", URL: osrv.URL})
	if err != nil || len(e.Hops) != 1 || other.authSeen != 0 {
		t.Fatalf("credentials of %s answered %s: %v", srv.URL, osrv.URL, err)
	}
}

// TestDigestAuthInt: with only auth-int offered, the answer covers the
// body; a changed body would not match.
func TestDigestAuthInt(t *testing.T) {
	d := &digestServer{alg: "SHA-256", qop: "auth-int", uses: map[string]int{}}
	srv := httptest.NewServer(d)
	t.Cleanup(srv.Close)
	s := newSession(t)
	e, err := send(t, s, &session.Request{Method: "POST", URL: srv.URL + "/up", Body: []byte(`{"a":1}`), Auth: digestAuth(srv.URL, "ada", "s3cret")})
	if err != nil || e.Response().StatusCode != 200 || !strings.Contains(e.Final().Request.Lines[len(e.Final().Request.Lines)-1].Value, "qop=auth-int") {
		t.Fatalf("%v %d", err, e.Response().StatusCode)
	}
}
