package jar

import (
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestJarLoadCurlCookies(t *testing.T) {
	f, err := os.Open("testdata/jar/curl-cookies.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	j, _ := jarNewTest()
	n, _, err := j.LoadNetscape(f, jarT0)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("loaded %d, want 5 (one is expired)", n)
	}
	exp := time.Unix(1893456000, 0)
	want := []Cookie{
		{Name: "empty", Domain: "127.0.0.1", HostOnly: true, Path: "/"},
		{Name: "sid", Value: "abc123", Domain: "example.com", Path: "/", Expires: exp, HTTPOnly: true},
		{Name: "k", Value: "v", Domain: "httpbin.org", HostOnly: true, Path: "/cookies", Expires: exp},
		{Name: "session", Value: "s3cr3t", Domain: "localhost", HostOnly: true, Path: "/", HTTPOnly: true},
		{Name: "pref", Value: "dark", Domain: "www.example.com", HostOnly: true, Path: "/app", Secure: true},
	}
	got := j.All()
	if len(got) != len(want) {
		t.Fatalf("All %+v", got)
	}
	for i, w := range want {
		w.Created, w.SetBy = jarT0, "file"
		if g := got[i]; !jarSameCookie(g, w) {
			t.Errorf("cookie %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if got := jarSent(t, j, "https://www.example.com/app/x"); got != "pref=dark; sid=abc123" {
		t.Errorf("sent %q", got)
	}
}

func TestJarNetscapeRoundTrip(t *testing.T) {
	j, _ := jarNewTest()
	jarSet(t, j, "https://example.com/a/b", "a=1; Secure; HttpOnly; Max-Age=3600", "d=2; Domain=example.com; Path=/")
	jarSet(t, j, "http://127.0.0.1:8080/", `q="x y"`, "e=")
	jarSet(t, j, "http://[::1]/", "v6=1")
	var b strings.Builder
	if err := j.SaveNetscape(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, line := range []string{
		"# Netscape HTTP Cookie File\n",
		"#HttpOnly_example.com\tFALSE\t/a\tTRUE\t" + strconv.FormatInt(jarT0.Add(time.Hour).Unix(), 10) + "\ta\t1\n",
		".example.com\tTRUE\t/\tFALSE\t0\td\t2\n",
		"127.0.0.1\tFALSE\t/\tFALSE\t0\te\t\n",
		"127.0.0.1\tFALSE\t/\tFALSE\t0\tq\t\"x y\"\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("saved file lacks %q:\n%s", line, text)
		}
	}
	j2, _ := jarNewTest()
	n, _, err := j2.LoadNetscape(strings.NewReader(text), jarT0)
	if err != nil || n != 5 {
		t.Fatalf("LoadNetscape = %d, %v", n, err)
	}
	a, b2 := j.All(), j2.All()
	for i := range a {
		a[i].SetBy = "file"
		if !jarSameCookie(a[i], b2[i]) {
			t.Errorf("round trip:\n got %+v\nwant %+v", b2[i], a[i])
		}
	}
}

// jarSameCookie compares cookies with time.Time.Equal for the times.
func jarSameCookie(a, b Cookie) bool {
	if !a.Expires.Equal(b.Expires) || !a.Created.Equal(b.Created) {
		return false
	}
	a.Expires, a.Created, b.Expires, b.Created = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return a == b
}

func TestJarLoadNetscapeErrors(t *testing.T) {
	good := "example.com\tFALSE\t/\tFALSE\t0\tok\t1\n"
	tests := []struct{ line, err string }{
		{"example.com\tFALSE\t/\tFALSE\t0", "line 3: 5 tab-separated fields, want 7"},
		{"example.com FALSE / FALSE 0 a 1", "line 3: 1 tab-separated fields, want 7"},
		{"example.com\tMAYBE\t/\tFALSE\t0\ta\t1", `line 3: include-subdomains field "MAYBE" is not TRUE or FALSE`},
		{"example.com\tFALSE\t/\tyes\t0\ta\t1", `line 3: secure field "yes" is not TRUE or FALSE`},
		{"example.com\tFALSE\t/\tFALSE\tsoon\ta\t1", `line 3: expiry "soon" is not a Unix time`},
		{"example.com\tFALSE\t/\tFALSE\t-5\ta\t1", `line 3: expiry "-5" is not a Unix time`},
		{".co.uk\tTRUE\t/\tFALSE\t0\ta\t1", "line 3: cookie \"a\": domain co.uk is a public suffix"},
		{"example.com\tFALSE\t/\tFALSE\t0\ta b\t1", "invalid name"},
		{"example.com\tFALSE\t/\tFALSE\t0\t__Host-a\t1", "__Host- prefix requires the Secure attribute"},
		{"example.com\tFALSE\tnope\tFALSE\t0\ta\t1", "does not start with /"},
	}
	for _, tt := range tests {
		j, _ := jarNewTest()
		// The bad line is skipped with its number; the rest load, as
		// curl does (issue 11, item 16).
		n, skipped, err := j.LoadNetscape(strings.NewReader(good+"# comment\n"+tt.line+"\n"+strings.Replace(good, "\tok\t", "\tok2\t", 1)), jarT0)
		if err != nil || len(skipped) != 1 || !strings.Contains(skipped[0].Error(), tt.err) || n != 2 {
			t.Errorf("%q: LoadNetscape = %d, %v, %v; want 2 loaded and %q skipped", tt.line, n, skipped, err, tt.err)
		}
		if j.Len() != 2 {
			t.Errorf("%q: loaded %v, want the 2 good lines", tt.line, j.All())
		}
	}
}

func TestJarLoadNetscapeCRLFAndSixFields(t *testing.T) {
	j, _ := jarNewTest()
	n, _, err := j.LoadNetscape(strings.NewReader("# Netscape HTTP Cookie File\r\n\r\nexample.com\tFALSE\t/\tFALSE\t0\tnovalue\r\n"), jarT0)
	if err != nil || n != 1 {
		t.Fatalf("LoadNetscape = %d, %v", n, err)
	}
	if all := j.All(); all[0].Name != "novalue" || all[0].Value != "" {
		t.Errorf("All %+v", all)
	}
}

func TestJarSaveNetscapeRefusesTabs(t *testing.T) {
	// Values are stored as the caller of SetCookies gave them; one with a
	// tab cannot be written as a cookies.txt field.
	j, _ := jarNewTest()
	j.SetCookies(jarURL(t, "http://example.com/"), []*http.Cookie{{Name: "a", Value: "1"}, {Name: "b", Value: "x\ty"}})
	var b strings.Builder
	err := j.SaveNetscape(&b)
	if err == nil || !strings.Contains(err.Error(), `cookie "b" for example.com`) || b.Len() != 0 {
		t.Errorf("SaveNetscape = %v, wrote %q; want an error naming b and nothing written", err, b.String())
	}
}
