package session_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// proxied is one loopback listener that plays an HTTP proxy serving three
// host names: api.example.com, which sets cookies and redirects to the
// path in ?to=, its subdomain sub.api.example.com, and evil.example.net.
type proxied struct {
	url           string
	api, sub, evl *hostile.Recorder
}

func newProxied(t *testing.T) *proxied {
	api := hostile.Record(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, c := range []string{
			"host=1; Path=/",
			"dom=1; Domain=example.com; Path=/",
			"psl=1; Domain=com; Path=/",
			"elsewhere=1; Domain=evil.example.net; Path=/",
			"sec=1; Secure; Path=/",
			"__Host-x=1; Secure; Path=/",
		} {
			w.Header().Add("Set-Cookie", c)
		}
		if to := r.URL.Query().Get("to"); to != "" {
			http.Redirect(w, r, to, http.StatusFound)
		}
	}))
	p := &proxied{api: api, sub: hostile.Record(hostile.OK("sub")), evl: hostile.Record(hostile.OK("evil"))}
	srv := hostile.Server(t, hostile.Hosts{"api.example.com": p.api, "sub.api.example.com": p.sub, "evil.example.net": p.evl})
	p.url = srv.URL
	return p
}

// TestRedirectToSubdomainThroughProxy: a subdomain is another origin
// (curl CVE-2018-1000007): credentials stay; the jar sends only what its
// rules allow on each hop (the Domain cookie, not the host-only one), and
// refuses public-suffix, foreign-domain and Secure-over-http cookies.
func TestRedirectToSubdomainThroughProxy(t *testing.T) {
	px := newProxied(t)
	s := newSession(t)
	s.Settings.Proxy = px.url
	s.Auth = &session.Auth{Scheme: "basic", User: "ada", Pass: "pw", Origin: "http://api.example.com:80"}
	s.SetHeader("X-Api-Key", "k3y")
	e, err := send(t, s, &session.Request{Method: "GET", URL: "http://api.example.com/start?to=http://sub.api.example.com/landing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Hops) != 2 || e.Hops[0].Request.Via == "" {
		t.Fatalf("hops %d, via %q", len(e.Hops), e.Hops[0].Request.Via)
	}
	if got := px.api.Seen()[0].Header.Get("Authorization"); got == "" {
		t.Errorf("first origin did not get its credentials")
	}
	seen := px.sub.Seen()
	if len(seen) != 1 {
		t.Fatalf("subdomain saw %d requests", len(seen))
	}
	h := seen[0].Header
	if h.Get("Authorization") != "" || h.Get("X-Api-Key") != "" {
		t.Errorf("credentials leaked to the subdomain: %v", h)
	}
	if got := h.Get("Cookie"); got != "dom=1" {
		t.Errorf("subdomain got Cookie %q, want dom=1 (the Domain cookie only)", got)
	}
	reasons := map[string]string{}
	for _, r := range s.Jar.Rejected() {
		reasons[r.Name] = r.Reason
	}
	for _, name := range []string{"psl", "elsewhere", "sec", "__Host-x"} {
		if reasons[name] == "" {
			t.Errorf("cookie %s was not refused (rejected: %v)", name, reasons)
		}
	}
	if len(reasons) != 4 {
		t.Errorf("refused %v, want psl, elsewhere, sec and __Host-x", reasons)
	}
}

// TestRedirectToOtherSiteThroughProxy: another registrable domain gets
// neither credentials nor cookies.
func TestRedirectToOtherSiteThroughProxy(t *testing.T) {
	px := newProxied(t)
	s := newSession(t)
	s.Settings.Proxy = px.url
	_, err := send(t, s, &session.Request{Method: "GET", URL: "http://api.example.com/?to=http://evil.example.net/steal",
		Headers: []session.Header{{Name: "Authorization", Value: "Bearer x"}}, Cookies: []session.Header{{Name: "c", Value: "1"}}})
	if err != nil {
		t.Fatal(err)
	}
	seen := px.evl.Seen()
	if len(seen) != 1 {
		t.Fatalf("evil saw %d requests", len(seen))
	}
	for _, name := range []string{"Authorization", "Cookie", "Referer"} {
		if v := seen[0].Header.Get(name); v != "" {
			t.Errorf("%s sent to evil.example.net: %q", name, v)
		}
	}
}

// TestProxyCredentialsGoToProxyOnly: user:password in the proxy URL
// becomes Proxy-Authorization for the proxy, and is never shown.
func TestProxyCredentialsGoToProxyOnly(t *testing.T) {
	px := newProxied(t)
	s := newSession(t)
	withCreds := strings.Replace(px.url, "http://", "http://puser:ppass@", 1)
	e, err := send(t, s, &session.Request{Method: "GET", URL: "http://api.example.com/", Options: session.Options{Proxy: withCreds}})
	if err != nil {
		t.Fatal(err)
	}
	if got := px.api.Seen()[0].Header.Get("Proxy-Authorization"); got == "" {
		t.Errorf("proxy got no Proxy-Authorization")
	}
	via := e.Hops[0].Request.Via
	if strings.Contains(via, "ppass") || !strings.Contains(via, "puser:***@") {
		t.Errorf("Via = %q", via)
	}
	if got, _ := (&session.Settings{Proxy: withCreds}).Get("proxy"); strings.Contains(got, "ppass") {
		t.Errorf("set proxy shows %q", got)
	}
}

// TestProxyUnreachableNamesProxy: a dead proxy is named (without its
// password), not mistaken for the target.
func TestProxyUnreachableNamesProxy(t *testing.T) {
	dead := hostile.Server(t, hostile.OK(""))
	deadURL := strings.Replace(dead.URL, "http://", "http://u:secretpw@", 1)
	dead.Close()
	s := newSession(t)
	_, err := send(t, s, &session.Request{Method: "GET", URL: "https://api.example.com/", Options: session.Options{Proxy: deadURL}})
	if !errors.Is(err, session.ErrProxy) {
		t.Fatalf("err = %v, want ErrProxy", err)
	}
	if strings.Contains(err.Error(), "secretpw") || !strings.Contains(err.Error(), "u:***@") {
		t.Errorf("err = %v", err)
	}
}

// TestEnvironmentProxySkipsLoopback: HTTP_PROXY is honoured as Go and
// curl do, which never proxies loopback addresses; --proxy does.
func TestEnvironmentProxySkipsLoopback(t *testing.T) {
	px := newProxied(t)
	direct := hostile.Record(hostile.OK("direct"))
	d := hostile.Server(t, direct)
	s := newSession(t)
	s.Getenv = func(k string) string {
		if k == "HTTP_PROXY" {
			return px.url
		}
		return ""
	}
	if _, err := send(t, s, &session.Request{Method: "GET", URL: "http://api.example.com/"}); err != nil {
		t.Fatal(err)
	}
	if len(px.api.Seen()) != 1 {
		t.Errorf("HTTP_PROXY not used for api.example.com")
	}
	e, err := send(t, s, &session.Request{Method: "GET", URL: d.URL})
	if err != nil || len(direct.Seen()) != 1 || e.Hops[0].Request.Via != "" {
		t.Errorf("loopback target: err %v, direct saw %d, via %q", err, len(direct.Seen()), e.Hops[0].Request.Via)
	}
}
