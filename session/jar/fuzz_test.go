package jar

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzJarSetCookies feeds arbitrary Set-Cookie header values (one per line)
// from arbitrary hosts to a jar. It checks that nothing panics, that no
// stored cookie has a domain in the public suffix list's ICANN section, that
// no domain cookie has any public suffix as its domain, that stored cookies
// are well formed, and that a cookies.txt the jar writes loads back.
func FuzzJarSetCookies(f *testing.F) {
	for _, s := range []struct {
		header, host string
		https        bool
	}{
		{"a=1; Domain=com", "example.com", true},
		{"a=1; Domain=co.uk", "www.example.co.uk", false},
		{"a=1", "co.uk", true},
		{"a=1; Domain=httpbin.org\nb=2", "httpbin.org", true},
		{"a=1; Domain=github.io", "me.github.io", true},
		{"__Host-x=1; Secure; Path=/\n__Secure-y=2; Secure", "127.0.0.1:8080", false},
		{"s=1; Secure; SameSite=None\ns=; Max-Age=0", "[::1]", false},
		{`q="v w"; Max-Age=99999999999999; HttpOnly`, "bücher.example", true},
		{"a=1; Path=/x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "localhost", false},
		{"a=1; Domain=.EXAMPLE.com.", "WWW.example.com.", true},
		{"a=1; Domain=1.2.3.4", "1.2.3.4", false},
	} {
		f.Add(s.header, s.host, s.https)
	}
	f.Fuzz(func(t *testing.T, header, host string, https bool) {
		scheme := "http"
		if https {
			scheme = "https"
		}
		u, err := url.Parse(scheme + "://" + host + "/a/b")
		if err != nil {
			return
		}
		j, _ := jarNewTest()
		resp := &http.Response{Header: http.Header{"Set-Cookie": strings.Split(header, "\n")}}
		j.SetCookies(u, resp.Cookies())
		// Also an unparsed Domain attribute, as a caller other than
		// net/http might pass.
		j.SetCookies(u, []*http.Cookie{{Name: "n", Value: "v", Domain: header}})

		all := j.All()
		for _, c := range all {
			switch {
			case jarIsICANNSuffix(c.Domain):
				t.Fatalf("cookie for the public suffix %q: %+v", c.Domain, c)
			case !c.HostOnly && jarIsPublicSuffix(c.Domain):
				t.Fatalf("domain cookie for the public suffix %q: %+v", c.Domain, c)
			case c.Domain == "" || !strings.HasPrefix(c.Path, "/"):
				t.Fatalf("malformed cookie %+v", c)
			case !jarValidName(c.Name) || len(c.Name)+len(c.Value) > DefaultMaxCookieBytes:
				t.Fatalf("invalid or oversized cookie %+v", c)
			}
		}
		j.Cookies(u)
		j.Match(u)

		var b strings.Builder
		if err := j.SaveNetscape(&b); err != nil {
			return
		}
		for _, c := range all {
			if jarValueProblem(c.Value) != "" {
				return // valid from a server, not loadable as typed by a user
			}
		}
		j2, _ := jarNewTest()
		n, _, err := j2.LoadNetscape(strings.NewReader(b.String()), jarT0)
		if err != nil || n != len(all) {
			t.Fatalf("reloading %d cookies: %d, %v\n%s", len(all), n, err, b.String())
		}
	})
}
