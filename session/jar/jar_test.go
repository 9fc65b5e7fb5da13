package jar

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

var jarT0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// jarClock is a settable clock for tests.
type jarClock struct{ t time.Time }

func (c *jarClock) now() time.Time { return c.t }

func jarNewTest() (*Jar, *jarClock) {
	clk := &jarClock{t: jarT0}
	return New(clk.now), clk
}

func jarURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", s, err)
	}
	return u
}

// jarSet feeds Set-Cookie header values from a response of rawURL to j,
// parsed by net/http as http.Client would.
func jarSet(t testing.TB, j *Jar, rawURL string, headers ...string) {
	t.Helper()
	resp := &http.Response{Header: http.Header{"Set-Cookie": headers}}
	j.SetCookies(jarURL(t, rawURL), resp.Cookies())
}

// jarSent is the Cookie header j would send to rawURL.
func jarSent(t testing.TB, j *Jar, rawURL string) string {
	t.Helper()
	var parts []string
	for _, c := range j.Cookies(jarURL(t, rawURL)) {
		parts = append(parts, c.String())
	}
	return strings.Join(parts, "; ")
}

func TestJarSetAndSend(t *testing.T) {
	tests := []struct {
		name    string
		setURL  string
		headers []string
		getURL  string
		want    string
	}{
		{"host-only to same host", "http://example.com/", []string{"a=1"}, "http://example.com/x", "a=1"},
		{"host-only not to subdomain", "http://example.com/", []string{"a=1"}, "http://www.example.com/", ""},
		{"domain cookie to subdomain", "http://example.com/", []string{"a=1; Domain=example.com"}, "http://a.b.example.com/", "a=1"},
		{"leading dot ignored", "http://www.example.com/", []string{"a=1; Domain=.EXAMPLE.com"}, "http://example.com/", "a=1"},
		{"not to a sibling", "http://www.example.com/", []string{"a=1"}, "http://api.example.com/", ""},
		{"not to a lookalike", "http://example.com/", []string{"a=1; Domain=example.com"}, "http://badexample.com/", ""},
		{"port ignored", "http://example.com:8080/", []string{"a=1"}, "https://example.com/", "a=1"},
		{"host case and trailing dot", "http://WWW.Example.COM./", []string{"a=1"}, "http://www.example.com/", "a=1"},
		{"default path is the directory", "http://example.com/a/b/c", []string{"a=1"}, "http://example.com/a/b/x", "a=1"},
		{"default path is not a prefix", "http://example.com/a/b/c", []string{"a=1"}, "http://example.com/a/bc", ""},
		{"default path of one segment", "http://example.com/login", []string{"a=1"}, "http://example.com/", "a=1"},
		{"path attribute", "http://example.com/", []string{"a=1; Path=/api"}, "http://example.com/api/v1", "a=1"},
		{"path attribute exact", "http://example.com/", []string{"a=1; Path=/api"}, "http://example.com/api", "a=1"},
		{"path attribute not parent", "http://example.com/", []string{"a=1; Path=/api"}, "http://example.com/", ""},
		{"relative path attribute uses default", "http://example.com/a/b", []string{"a=1; Path=api"}, "http://example.com/a/x", "a=1"},
		{"longer path first", "http://example.com/", []string{"a=1", "b=2; Path=/x/y", "c=3; Path=/x"}, "http://example.com/x/y/z", "b=2; c=3; a=1"},
		{"same path in creation order", "http://example.com/", []string{"z=1", "a=2"}, "http://example.com/", "z=1; a=2"},
		{"secure over https", "https://example.com/", []string{"s=1; Secure"}, "https://example.com/", "s=1"},
		{"secure not sent over http", "https://example.com/", []string{"s=1; Secure"}, "http://example.com/", ""},
		{"secure from 127.0.0.1 over http", "http://127.0.0.1:8080/", []string{"s=1; Secure"}, "http://127.0.0.1:9090/", "s=1"},
		{"secure from 127.0.0.2", "http://127.0.0.2/", []string{"s=1; Secure"}, "http://127.0.0.2/", "s=1"},
		{"secure from ::1", "http://[::1]:8080/", []string{"s=1; Secure"}, "http://[::1]/", "s=1"},
		{"secure from localhost", "http://localhost:8080/", []string{"s=1; Secure"}, "http://localhost/", "s=1"},
		{"secure from app.localhost", "http://app.localhost/", []string{"s=1; Secure"}, "http://app.localhost/", "s=1"},
		{"__Host- over loopback http", "http://127.0.0.1/", []string{"__Host-t=1; Secure; Path=/"}, "http://127.0.0.1/", "__Host-t=1"},
		{"__Secure- over https", "https://example.com/", []string{"__Secure-t=1; Secure; Domain=example.com"}, "https://www.example.com/", "__Secure-t=1"},
		{"IP host is host-only", "http://192.0.2.1/", []string{"a=1; Domain=192.0.2.1"}, "http://192.0.2.1/", "a=1"},
		{"IPv6 host", "http://[2001:db8::1]/", []string{"a=1"}, "http://[2001:db8:0::1]/", "a=1"},
		{"IDN host", "http://bücher.example/", []string{"a=1"}, "http://xn--bcher-kva.example/", "a=1"},
		{"non-http scheme sets nothing", "ftp://example.com/", []string{"a=1"}, "http://example.com/", ""},
		{"Max-Age=0 deletes", "http://example.com/", []string{"a=1", "a=; Max-Age=0"}, "http://example.com/", ""},
		{"past Expires deletes", "http://example.com/", []string{"a=1", "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"}, "http://example.com/", ""},
		{"Max-Age wins over Expires", "http://example.com/", []string{"a=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT"}, "http://example.com/", "a=1"},
		{"delete needs same path", "http://example.com/", []string{"a=1; Path=/x", "a=; Max-Age=0"}, "http://example.com/x", "a=1"},
		{"replace value", "http://example.com/", []string{"a=1", "a=2"}, "http://example.com/", "a=2"},
		{"quoted value kept", "http://example.com/", []string{`a="x y"`}, "http://example.com/", `a="x y"`},
		{"localhost host-only", "http://localhost/", []string{"a=1"}, "http://localhost/", "a=1"},
		{"intranet host", "http://intranet/", []string{"a=1"}, "http://intranet/", "a=1"},
		{"private suffix subdomain", "https://me.github.io/", []string{"a=1"}, "https://me.github.io/", "a=1"},
		{"private suffix host-only", "https://httpbin.org/cookies/set", []string{"a=1; Path=/"}, "https://httpbin.org/cookies", "a=1"},
		{"private suffix Domain=host is host-only", "https://httpbin.org/", []string{"a=1; Domain=httpbin.org"}, "https://httpbin.org/", "a=1"},
		{"private suffix host-only not to subdomain", "https://httpbin.org/", []string{"a=1; Domain=httpbin.org"}, "https://www.httpbin.org/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, _ := jarNewTest()
			jarSet(t, j, tt.setURL, tt.headers...)
			if got := jarSent(t, j, tt.getURL); got != tt.want {
				t.Errorf("Cookie: %q, want %q\nrejected: %v", got, tt.want, j.Rejected())
			}
		})
	}
}

func TestJarRejections(t *testing.T) {
	big := strings.Repeat("v", DefaultMaxCookieBytes)
	tests := []struct {
		url, header, reason string
	}{
		{"http://example.com/", "a=1; Domain=com", "domain com is a public suffix"},
		{"http://www.example.co.uk/", "a=1; Domain=co.uk", "domain co.uk is a public suffix"},
		{"http://example.co.uk/", "a=1; Domain=.co.uk", "domain co.uk is a public suffix"},
		{"https://me.github.io/", "a=1; Domain=github.io", "domain github.io is a public suffix"},
		{"http://a.foo.localhost/", "a=1; Domain=localhost", "domain localhost is a public suffix"},
		{"http://co.uk/", "a=1", "host co.uk is a public suffix"},
		{"http://com/", "a=1", "host com is a public suffix"},
		{"http://com/", "a=1; Domain=com", "host com is a public suffix"},
		{"http://example.com/", "a=1; Domain=example.org", "domain example.org does not match host example.com"},
		{"http://example.com/", "a=1; Domain=www.example.com", "domain www.example.com does not match host example.com"},
		{"http://example.com/", "a=1; Domain=ample.com", "domain ample.com does not match host example.com"},
		{"http://example.com/", "a=1; Domain=example.com.", `domain "example.com." ends with a dot`},
		{"http://192.0.2.1/", "a=1; Domain=0.2.1", "domain 0.2.1 does not match IP host 192.0.2.1 (IP hosts get host-only cookies)"},
		{"http://example.com/", "s=1; Secure", "Secure cookie not set over http"},
		{"http://10.0.0.1/", "s=1; Secure", "Secure cookie not set over http"},
		{"https://example.com/", "__Secure-a=1", "__Secure- prefix requires the Secure attribute"},
		{"https://example.com/", "__secure-a=1", "__Secure- prefix requires the Secure attribute"},
		{"http://example.com/", "__Secure-a=1; Secure", "Secure cookie not set over http"},
		{"https://example.com/", "__Host-a=1; Path=/", "__Host- prefix requires the Secure attribute"},
		{"https://example.com/", "__Host-a=1; Secure; Path=/; Domain=example.com", "__Host- prefix forbids a Domain attribute"},
		{"https://example.com/", "__HOST-a=1; Secure; Path=/x", "__Host- prefix requires Path=/"},
		{"https://example.com/x/y", "__Host-a=1; Secure", "__Host- prefix requires Path=/"},
		{"http://example.com/", "__Host-a=1; Secure; Path=/", "Secure cookie not set over http"},
		{"https://example.com/", "a=1; SameSite=None", "SameSite=None requires the Secure attribute"},
		{"http://example.com/", "a=" + big, fmt.Sprintf("cookie is %d bytes (name+value), over the 4096-byte limit", len(big)+1)},
		{"ftp://example.com/", "a=1", `scheme "ftp" is not http or https`},
	}
	for _, tt := range tests {
		t.Run(tt.header+" from "+tt.url, func(t *testing.T) {
			j, _ := jarNewTest()
			jarSet(t, j, tt.url, tt.header)
			if n := j.Len(); n != 0 {
				t.Errorf("stored %d cookies: %v", n, j.All())
			}
			rs := j.Rejected()
			if len(rs) != 1 {
				t.Fatalf("rejections: %v, want 1", rs)
			}
			r := rs[0]
			if r.Reason != tt.reason {
				t.Errorf("reason %q, want %q", r.Reason, tt.reason)
			}
			u := jarURL(t, tt.url)
			if r.URL != u.Scheme+"://"+u.Host+u.Path || !r.Time.Equal(jarT0) || r.Name == "" {
				t.Errorf("rejection %+v: wrong URL, time or name", r)
			}
		})
	}
}

func TestJarRejectionsAreSafeToShow(t *testing.T) {
	j, _ := jarNewTest()
	jarSet(t, j, "http://example.com/p?token=secret#frag", "s=1; Secure")
	if r := j.Rejected(); len(r) != 1 || r[0].URL != "http://example.com/p" || r[0].Domain != "example.com" {
		t.Errorf("rejection %+v: want URL without query and the host as domain", r)
	}
}

func TestJarInvalidName(t *testing.T) {
	j, _ := jarNewTest()
	j.SetCookies(jarURL(t, "http://example.com/"), []*http.Cookie{{Name: "a b", Value: "1"}, {Name: "", Value: "x"}, nil})
	if j.Len() != 0 || len(j.Rejected()) != 2 {
		t.Errorf("All %v, Rejected %v", j.All(), j.Rejected())
	}
}

func TestJarIDNDomainAttribute(t *testing.T) {
	// net/http drops a non-ASCII Domain attribute when parsing, but a
	// caller may still pass one.
	j, _ := jarNewTest()
	j.SetCookies(jarURL(t, "http://www.xn--bcher-kva.example/"), []*http.Cookie{{Name: "a", Value: "1", Domain: "BÜCHER.example"}})
	if got := jarSent(t, j, "http://bücher.example/"); got != "a=1" {
		t.Errorf("sent %q, want a=1; rejected %v", got, j.Rejected())
	}
}

func TestJarControlCharactersKept(t *testing.T) {
	j, _ := jarNewTest()
	j.SetCookies(jarURL(t, "http://example.com/"), []*http.Cookie{{Name: "a", Value: "x\x1b[31my"}})
	if all := j.All(); len(all) != 1 || all[0].Value != "x\x1b[31my" {
		t.Errorf("All: %+v, want the value as given", all)
	}
}

func TestJarLeaveSecureCookiesAlone(t *testing.T) {
	tests := []struct {
		name, url, header string
		refused           bool
	}{
		{"same cookie from http", "http://example.com/", "a=evil", true},
		{"deleting from http", "http://example.com/", "a=; Max-Age=0", true},
		{"from a subdomain over http", "http://www.example.com/", "a=evil", true},
		{"deeper path over http", "http://example.com/", "a=evil; Path=/x/y", true},
		{"other name over http", "http://example.com/", "b=1", false},
		{"over https", "https://example.com/", "a=2", false},
		{"unrelated domain", "http://example.org/", "a=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, _ := jarNewTest()
			jarSet(t, j, "https://example.com/", "a=1; Secure; Domain=example.com; Path=/")
			jarSet(t, j, tt.url, tt.header)
			rs := j.Rejected()
			if refused := len(rs) == 1; refused != tt.refused {
				t.Fatalf("refused %v, want %v: %v", refused, tt.refused, rs)
			}
			if tt.refused {
				if !strings.Contains(rs[0].Reason, "would overwrite the Secure cookie a") {
					t.Errorf("reason %q", rs[0].Reason)
				}
				if got := jarSent(t, j, "https://example.com/"); got != "a=1" {
					t.Errorf("after refusal https gets %q, want a=1", got)
				}
			}
		})
	}
}

func TestJarExpiry(t *testing.T) {
	j, clk := jarNewTest()
	jarSet(t, j, "http://example.com/", "short=1; Max-Age=60", "session=1",
		"dated=1; Expires="+jarT0.Add(2*time.Hour).Format(http.TimeFormat))
	if got := jarSent(t, j, "http://example.com/"); got != "short=1; session=1; dated=1" {
		t.Fatalf("sent %q", got)
	}
	clk.t = jarT0.Add(61 * time.Second)
	sent, skipped := j.Match(jarURL(t, "http://example.com/"))
	if len(sent) != 2 || len(skipped) != 1 || skipped[0].Reason != "expired" || skipped[0].Cookie.Name != "short" {
		t.Errorf("Match: sent %v, skipped %v", sent, skipped)
	}
	if got := jarSent(t, j, "http://example.com/"); got != "session=1; dated=1" {
		t.Errorf("sent %q", got)
	}
	clk.t = jarT0.Add(2 * time.Hour)
	if n := j.Len(); n != 1 {
		t.Errorf("Len %d, want 1", n)
	}
	if all := j.All(); len(all) != 1 || all[0].Name != "session" || !all[0].Expires.IsZero() {
		t.Errorf("All %v", all)
	}
}

func TestJarMaxAgeCapped(t *testing.T) {
	j, _ := jarNewTest()
	jarSet(t, j, "http://example.com/", "a=1; Max-Age=9223372036854775807", "b=1; Expires=Fri, 01 Jan 9999 00:00:00 GMT")
	for _, c := range j.All() {
		if want := jarT0.Add(400 * 24 * time.Hour); !c.Expires.Equal(want) {
			t.Errorf("%s expires %v, want %v", c.Name, c.Expires, want)
		}
	}
}

func TestJarReplaceKeepsCreated(t *testing.T) {
	j, clk := jarNewTest()
	jarSet(t, j, "http://example.com/", "a=1")
	clk.t = jarT0.Add(time.Minute)
	jarSet(t, j, "http://example.com/", "b=1")
	jarSet(t, j, "http://example.com/x", "a=2; HttpOnly; Path=/")
	all := j.All()
	if len(all) != 2 || all[0].Value != "2" || !all[0].HTTPOnly || !all[0].Created.Equal(jarT0) || all[0].SetBy != "http://example.com/x" {
		t.Errorf("All %+v", all)
	}
	if got := jarSent(t, j, "http://example.com/"); got != "a=2; b=1" {
		t.Errorf("sent %q, want the replaced cookie first (it keeps its creation time)", got)
	}
}

func TestJarMatchReasons(t *testing.T) {
	j, clk := jarNewTest()
	jarSet(t, j, "https://example.com/", "sec=1; Secure", "adm=1; Path=/admin", "old=1; Max-Age=10", "ok=1")
	jarSet(t, j, "https://example.org/", "org=1; Domain=example.org")
	jarSet(t, j, "https://www.example.com/", "www=1")
	clk.t = jarT0.Add(time.Minute)
	sent, skipped := j.Match(jarURL(t, "http://example.com/"))
	if len(sent) != 1 || sent[0].Name != "ok" {
		t.Errorf("sent %v", sent)
	}
	want := map[string]string{
		"adm": "path /admin does not match /",
		"old": "expired",
		"sec": "Secure cookie not sent over http",
		"org": "domain example.org does not match host example.com",
		"www": "domain www.example.com (host-only) does not match host example.com",
	}
	if len(skipped) != len(want) {
		t.Errorf("skipped %v", skipped)
	}
	for _, s := range skipped {
		if want[s.Cookie.Name] != s.Reason {
			t.Errorf("%s skipped: %q, want %q", s.Cookie.Name, s.Reason, want[s.Cookie.Name])
		}
	}
	_, skipped = j.Match(jarURL(t, "file:///etc/passwd"))
	if len(skipped) != 6 || skipped[0].Reason != `scheme "file" is not http or https` {
		t.Errorf("file URL: skipped %v", skipped)
	}
}

func TestJarAllSorted(t *testing.T) {
	j, _ := jarNewTest()
	jarSet(t, j, "http://b.example/", "z=1", "a=1", "m=1; Path=/a")
	jarSet(t, j, "http://a.example/", "q=1")
	var got []string
	for _, c := range j.All() {
		got = append(got, c.Domain+c.Path+" "+c.Name)
	}
	want := "a.example/ q,b.example/ a,b.example/ z,b.example/a m"
	if strings.Join(got, ",") != want {
		t.Errorf("All order %q, want %q", strings.Join(got, ","), want)
	}
	if s := j.Snapshot(); len(s) != 4 || s[0].Name != "q" {
		t.Errorf("Snapshot %v", s)
	}
}

func TestJarClearAndUnset(t *testing.T) {
	j, _ := jarNewTest()
	jarSet(t, j, "http://example.com/", "a=1", "b=1; Domain=example.com")
	jarSet(t, j, "http://www.example.com/", "a=1")
	jarSet(t, j, "http://notexample.com/", "a=1")
	jarSet(t, j, "http://example.org/", "a=1", "c=1")
	if n := j.Clear(".EXAMPLE.com"); n != 3 {
		t.Errorf("Clear(example.com) = %d, want 3", n)
	}
	if n := j.Unset("a", "example.org"); n != 1 {
		t.Errorf("Unset(a, example.org) = %d, want 1", n)
	}
	if n := j.Unset("a", ""); n != 1 {
		t.Errorf("Unset(a) = %d, want 1 (notexample.com)", n)
	}
	if n := j.Unset("zzz", ""); n != 0 {
		t.Errorf("Unset(zzz) = %d", n)
	}
	if n := j.Clear(""); n != 1 || j.Len() != 0 {
		t.Errorf("Clear() = %d, left %v", n, j.All())
	}
}

func TestJarPunycode(t *testing.T) {
	for in, want := range map[string]string{
		"bücher.example": "xn--bcher-kva.example",
		"münchen.de":     "xn--mnchen-3ya.de",
		"例え.テスト":         "xn--r8jz45g.xn--zckzah",
		"ascii.example":  "ascii.example",
	} {
		if got, err := jarToASCII(in); got != want || err != nil {
			t.Errorf("jarToASCII(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestJarPathHelpers(t *testing.T) {
	for in, want := range map[string]string{"": "/", "x": "/", "/": "/", "/a": "/", "/a/": "/a", "/a/b": "/a", "/a/b/c": "/a/b"} {
		if got := jarDefaultPath(in); got != want {
			t.Errorf("jarDefaultPath(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tt := range []struct {
		req, cookie string
		want        bool
	}{
		{"/", "/", true}, {"/a", "/", true}, {"/a", "/a", true}, {"/a/b", "/a", true},
		{"/a/b", "/a/", true}, {"/ab", "/a", false}, {"/a", "/a/", false}, {"/", "/a", false},
	} {
		if got := jarPathMatch(tt.req, tt.cookie); got != tt.want {
			t.Errorf("jarPathMatch(%q, %q) = %v", tt.req, tt.cookie, got)
		}
	}
}
