package playground

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"
)

func startLearn(t *testing.T) *Server {
	t.Helper()
	s, err := Start(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// do sends one request without following redirects.
func do(t *testing.T, c *http.Client, method, u, body string, h map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestLearnRoutes(t *testing.T) {
	s := startLearn(t)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		method, path, body string
		h                  map[string]string
		code               int
		header, contains   string // a response header "Name: substring", and a body substring
	}{
		{"POST", "/learn/echo/x?a=1", `{"n":1}`, map[string]string{"Content-Type": "application/json"}, 200, "Content-Type: json", `"n": 1`},
		{"POST", "/learn/echo/f", "a=b", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 200, "", `"form"`},
		{"GET", "/learn/cookies/path", "", nil, 200, "Set-Cookie: Path=/learn/echo/admin", ""},
		{"GET", "/learn/cookies/domain", "", nil, 200, "Set-Cookie: Domain=example.com", ""},
		{"GET", "/learn/cookies/secure", "", nil, 200, "Set-Cookie: Secure; HttpOnly", ""},
		{"POST", "/learn/redirect/301", "x", nil, 301, "Location: /learn/echo/landed?from=301", ""},
		{"POST", "/learn/redirect/302", "x", nil, 302, "Location: from=302", ""},
		{"POST", "/learn/redirect/303", "x", nil, 303, "Location: from=303", ""},
		{"POST", "/learn/redirect/307", "x", nil, 307, "Location: from=307", ""},
		{"POST", "/learn/redirect/308", "x", nil, 308, "Location: from=308", ""},
		{"GET", "/learn/redirect/300", "", nil, 404, "", ""},
		{"GET", "/learn/cache", "", nil, 200, "ETag: \"v1\"", `"version": 1`},
		{"GET", "/learn/cache", "", map[string]string{"If-None-Match": `W/"v1"`}, 304, "Cache-Control: max-age=60", ""},
		{"GET", "/learn/cache", "", map[string]string{"If-None-Match": `"v0"`}, 200, "", ""},
		{"GET", "/learn/auth/admin", "", nil, 401, `WWW-Authenticate: Basic realm="learn"`, ""},
		{"GET", "/learn/auth/admin", "", map[string]string{"Authorization": "Basic bHVrZTpmb3JjZQ=="}, 403, "", "may not"},
		{"GET", "/learn/auth/admin", "", map[string]string{"Authorization": "Basic YWRtaW46c2VjcmV0"}, 200, "", `"authenticated": true`},
		{"GET", "/learn/conn/close", "", nil, 200, "Connection: close", ""},
		{"GET", "/learn/nothing", "", nil, 404, "", ""},
		{"GET", "/get", "", nil, 200, "Content-Type: json", `"url"`}, // httpbin still answers
	}
	for _, tt := range tests {
		resp, body := do(t, noFollow, tt.method, s.URL+tt.path, tt.body, tt.h)
		if resp.StatusCode != tt.code {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, resp.StatusCode, tt.code)
		}
		if name, sub, ok := strings.Cut(tt.header, ": "); ok {
			got := strings.Join(resp.Header.Values(name), "\n")
			if name == "Connection" && resp.Close {
				got = "close"
			}
			for _, part := range strings.Split(sub, "; ") {
				if !strings.Contains(got, part) {
					t.Errorf("%s %s: %s is %q, want it to contain %q", tt.method, tt.path, name, got, part)
				}
			}
		}
		if !strings.Contains(body, tt.contains) {
			t.Errorf("%s %s: body %q does not contain %q", tt.method, tt.path, body, tt.contains)
		}
	}
}

// TestLearnRedirectMethods follows each redirect with net/http, which
// changes POST to GET on 301, 302 and 303 and keeps it on 307 and 308,
// as httpsh's session does.
func TestLearnRedirectMethods(t *testing.T) {
	s := startLearn(t)
	want := map[string]string{"301": "GET", "302": "GET", "303": "GET", "307": "POST", "308": "POST"}
	for code, method := range want {
		req, _ := http.NewRequest("POST", s.URL+"/learn/redirect/"+code, strings.NewReader(`{"side":"light"}`))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(`{"side":"light"}`)), nil }
		_, body := do2(t, req)
		var echo struct {
			Method, Path, Body string
		}
		if err := json.Unmarshal([]byte(body), &echo); err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if echo.Method != method || echo.Path != "/learn/echo/landed" {
			t.Errorf("%s: landed with %s %s, want %s", code, echo.Method, echo.Path, method)
		}
		if (method == "POST") != (echo.Body != "") {
			t.Errorf("%s: body after the redirect %q", code, echo.Body)
		}
	}
}

func do2(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestLearnCookiePath checks that a jar sends the Path cookie only under
// its path, and refuses the Domain one.
func TestLearnCookiePath(t *testing.T) {
	s := startLearn(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	do(t, c, "GET", s.URL+"/learn/cookies/path", "", nil)
	do(t, c, "GET", s.URL+"/learn/cookies/domain", "", nil)
	_, admin := do(t, c, "GET", s.URL+"/learn/echo/admin/page", "", nil)
	_, other := do(t, c, "GET", s.URL+"/learn/echo/public", "", nil)
	if !strings.Contains(admin, `"area": "staff"`) || strings.Contains(other, "area") {
		t.Errorf("path cookie: under the path %s, elsewhere %s", admin, other)
	}
	u, _ := url.Parse(s.URL)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "tracker" {
			t.Errorf("the jar kept the cookie for example.com")
		}
	}
}
