package jar

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestJarSet(t *testing.T) {
	tests := []struct {
		name string
		c    Cookie
		err  string // substring; "" for success
		sent string // URL the cookie is then sent to, on success
	}{
		{"plain", Cookie{Name: "a", Value: "1", Domain: "example.com"}, "", "http://example.com/x"},
		{"host-only by default", Cookie{Name: "a", Value: "1", Domain: "example.com", HostOnly: true}, "", "http://example.com/"},
		{"leading dot is a domain cookie", Cookie{Name: "a", Value: "1", Domain: ".Example.COM", HostOnly: true}, "", "http://www.example.com/"},
		{"IP", Cookie{Name: "a", Value: "1", Domain: "127.0.0.1"}, "", "http://127.0.0.1:8080/"},
		{"path", Cookie{Name: "a", Value: "1", Domain: "example.com", Path: "/api"}, "", "http://example.com/api/x"},
		{"__Host-", Cookie{Name: "__Host-a", Value: "1", Domain: "localhost", HostOnly: true, Secure: true}, "", "http://localhost/"},
		{"space and comma", Cookie{Name: "a", Value: "x, y", Domain: "example.com"}, "", "http://example.com/"},
		{"samesite case", Cookie{Name: "a", Value: "1", Domain: "example.com", SameSite: "lax"}, "", "http://example.com/"},
		{"bad name", Cookie{Name: "a;b", Value: "1", Domain: "example.com"}, "invalid name", ""},
		{"empty name", Cookie{Value: "1", Domain: "example.com"}, "invalid name", ""},
		{"semicolon value", Cookie{Name: "a", Value: "1;x=2", Domain: "example.com"}, `value contains ';'`, ""},
		{"control value", Cookie{Name: "a", Value: "1\n", Domain: "example.com"}, "value contains byte 0x0a", ""},
		{"no domain", Cookie{Name: "a", Value: "1"}, "no domain", ""},
		{"public suffix", Cookie{Name: "a", Value: "1", Domain: "co.uk"}, "domain co.uk is a public suffix", ""},
		{"host-only public suffix", Cookie{Name: "a", Value: "1", Domain: "com", HostOnly: true}, "domain com is a public suffix", ""},
		{"unlisted TLD as domain", Cookie{Name: "a", Value: "1", Domain: ".localhost"}, "domain localhost is a public suffix", ""},
		{"bad domain", Cookie{Name: "a", Value: "1", Domain: "exa mple.com"}, "not a valid domain name", ""},
		{"relative path", Cookie{Name: "a", Value: "1", Domain: "example.com", Path: "api"}, "does not start with /", ""},
		{"too big", Cookie{Name: "a", Value: strings.Repeat("x", 4096), Domain: "example.com"}, "4097 bytes", ""},
		{"__Secure- without Secure", Cookie{Name: "__Secure-a", Value: "1", Domain: "example.com"}, "__Secure- prefix requires", ""},
		{"__Host- domain cookie", Cookie{Name: "__Host-a", Value: "1", Domain: "example.com", Secure: true}, "forbids a Domain", ""},
		{"bad samesite", Cookie{Name: "a", Value: "1", Domain: "example.com", SameSite: "Loose"}, "not Lax, Strict or None", ""},
		{"samesite none", Cookie{Name: "a", Value: "1", Domain: "example.com", SameSite: "None"}, "requires Secure", ""},
		{"expired", Cookie{Name: "a", Value: "1", Domain: "example.com", Expires: jarT0}, "already expired", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, _ := jarNewTest()
			err := j.Set(tt.c)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Set: %v, want error containing %q", err, tt.err)
				}
				if j.Len() != 0 {
					t.Errorf("stored %v", j.All())
				}
				return
			}
			if err != nil {
				t.Fatalf("Set: %v", err)
			}
			all := j.All()
			if len(all) != 1 || all[0].SetBy != "user" || !all[0].Created.Equal(jarT0) || all[0].Path == "" {
				t.Errorf("All %+v", all)
			}
			if got := jarSent(t, j, tt.sent); !strings.HasPrefix(got, tt.c.Name+"=") {
				t.Errorf("sent to %s: %q", tt.sent, got)
			}
		})
	}
}

func TestJarPerDomainLimit(t *testing.T) {
	j, clk := jarNewTest()
	j.SetLimits(Limits{MaxPerDomain: 3})
	if l := j.Limits(); l.MaxPerDomain != 3 || l.MaxTotal != DefaultMaxTotal || l.MaxCookieBytes != DefaultMaxCookieBytes {
		t.Errorf("Limits %+v", l)
	}
	for i, host := range []string{"example.com", "a.example.com", "b.example.com", "example.com", "other.com"} {
		clk.t = jarT0.Add(time.Duration(i) * time.Second)
		jarSet(t, j, "http://"+host+"/", fmt.Sprintf("c%d=1", i))
	}
	var names []string
	for _, c := range j.All() {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ","); got != "c1,c2,c3,c4" {
		t.Errorf("kept %s, want the oldest example.com cookie c0 evicted", got)
	}
	rs := j.Rejected()
	if len(rs) != 1 || rs[0].Name != "c0" || rs[0].Reason != "evicted: more than 3 cookies for example.com" {
		t.Errorf("Rejected %+v", rs)
	}
}

func TestJarTotalLimit(t *testing.T) {
	j, _ := jarNewTest()
	j.SetLimits(Limits{MaxTotal: 2})
	jarSet(t, j, "http://a.example/", "a=1")
	jarSet(t, j, "http://b.example/", "b=1")
	jarSet(t, j, "http://a.example/", "a=2") // replacing keeps the count
	jarSet(t, j, "http://c.example/", "c=1")
	all := j.All()
	if len(all) != 2 || all[0].Name != "b" || all[1].Name != "c" {
		t.Errorf("All %v, want a (the oldest, though updated) evicted", all)
	}
}

func TestJarSizeLimit(t *testing.T) {
	j, _ := jarNewTest()
	j.SetLimits(Limits{MaxCookieBytes: 10})
	jarSet(t, j, "http://example.com/", "name=123456", "name=1234567")
	if all := j.All(); len(all) != 1 || all[0].Value != "123456" {
		t.Errorf("All %v", all)
	}
	if rs := j.Rejected(); len(rs) != 1 || !strings.Contains(rs[0].Reason, "11 bytes (name+value), over the 10-byte limit") {
		t.Errorf("Rejected %v", rs)
	}
}

func TestJarRejectedKeepsTheNewest(t *testing.T) {
	j, _ := jarNewTest()
	for i := range 150 {
		jarSet(t, j, "http://example.com/", fmt.Sprintf("s%d=1; Secure", i))
	}
	rs := j.Rejected()
	if len(rs) != 100 || rs[0].Name != "s50" || rs[99].Name != "s149" {
		t.Errorf("Rejected: %d, first %s, last %s", len(rs), rs[0].Name, rs[len(rs)-1].Name)
	}
}

func TestJarSnapshotRestoreJSON(t *testing.T) {
	j, clk := jarNewTest()
	jarSet(t, j, "https://example.com/", "a=1; Secure; HttpOnly; SameSite=Strict; Max-Age=3600", "b=2; Domain=example.com; Path=/x")
	clk.t = jarT0.Add(time.Second)
	jarSet(t, j, "http://127.0.0.1/", `q="v w"`, "short=1; Max-Age=5")
	data, err := json.Marshal(j.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var cs []Cookie
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatal(err)
	}
	cs = append(cs, Cookie{Name: "bad name", Domain: "example.com"})
	j2, clk2 := jarNewTest()
	clk2.t = jarT0.Add(10 * time.Second)
	jarSet(t, j2, "http://old.example/", "gone=1")
	if n := j2.Restore(cs); n != 3 {
		t.Errorf("Restore = %d, want 3 (short expired, bad name refused, old cookies replaced)", n)
	}
	got, _ := json.Marshal(j2.All())
	clk.t = clk2.t
	want, _ := json.Marshal(j.All())
	if string(got) != string(want) {
		t.Errorf("restored\n%s\nwant\n%s", got, want)
	}
	if rs := j2.Rejected(); len(rs) != 1 || rs[0].URL != "session" {
		t.Errorf("Rejected %v", rs)
	}
	if a, b := jarSent(t, j2, "http://127.0.0.1/"), jarSent(t, j, "http://127.0.0.1/"); a != b || a != `q="v w"` {
		t.Errorf("restored jar sends %q, original %q", a, b)
	}
}

func TestJarConcurrent(t *testing.T) {
	j := New(nil)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			u := jarURL(t, fmt.Sprintf("http://h%d.example.com/p", g%3))
			for i := range 200 {
				j.SetCookies(u, []*http.Cookie{{Name: fmt.Sprintf("c%d", i%60), Value: "v", Domain: "example.com"}})
				j.Cookies(u)
				if i%20 == 0 {
					j.All()
					j.Match(u)
					j.Rejected()
					j.Clear("h1.example.com")
				}
			}
		})
	}
	wg.Wait()
	if n := j.Len(); n > DefaultMaxPerDomain {
		t.Errorf("Len %d over the per-domain limit", n)
	}
}

// TestJarHTTPClientRedirect uses the jar from a real http.Client against a
// server on 127.0.0.1: cookies set by the first hop's redirect response,
// including Secure and __Host- ones (loopback is a secure context), are
// sent on the second hop; a cookie scoped to another path is not.
func TestJarHTTPClientRedirect(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "abc", Path: "/"})
		http.SetCookie(w, &http.Cookie{Name: "__Host-tok", Value: "t1", Path: "/", Secure: true, HttpOnly: true})
		http.SetCookie(w, &http.Cookie{Name: "adm", Value: "1", Path: "/admin"})
		http.Redirect(w, r, "/whoami", http.StatusFound)
	})
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Header.Get("Cookie"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "http://127.0.0.1:") {
		t.Fatalf("server at %s, want 127.0.0.1", srv.URL)
	}

	j := New(nil)
	client := &http.Client{Jar: j}
	resp, err := client.Get(srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if got, want := string(body), "sid=abc; __Host-tok=t1"; got != want {
		t.Errorf("second hop got Cookie %q, want %q", got, want)
	}
	all := j.All()
	if len(all) != 3 || all[0].SetBy != srv.URL+"/login" || !all[0].HostOnly || all[0].Domain != "127.0.0.1" {
		t.Errorf("All %+v", all)
	}
	if rs := j.Rejected(); len(rs) != 0 {
		t.Errorf("Rejected %v", rs)
	}
}
