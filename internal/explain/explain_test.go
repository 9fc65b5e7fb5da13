package explain

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func book(t *testing.T) *Book {
	t.Helper()
	b, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

// registered is every code in the IANA HTTP Status Code Registry.
func registered() []int {
	var codes []int
	add := func(from, to int) {
		for c := from; c <= to; c++ {
			codes = append(codes, c)
		}
	}
	add(100, 103)
	add(200, 208)
	add(226, 226)
	add(300, 308)
	add(400, 418)
	add(421, 426)
	codes = append(codes, 428, 429, 431, 451)
	add(500, 508)
	codes = append(codes, 510, 511)
	return codes
}

func TestDataParsesFully(t *testing.T) {
	b := book(t)
	if got, want := len(b.statuses), len(registered()); got != want {
		t.Errorf("%d statuses, want %d", got, want)
	}
	if len(b.headers) < 60 {
		t.Errorf("only %d headers", len(b.headers))
	}
	for _, k := range b.Keys() {
		e, err := b.Lookup(k)
		if err != nil {
			t.Errorf("Lookup(%q) from Keys: %v", k, err)
			continue
		}
		if e.Key != k {
			t.Errorf("Lookup(%q).Key = %q", k, e.Key)
		}
		for name, v := range map[string]string{
			"Title": e.Title, "Kind": e.Kind, "Summary": e.Summary,
			"When": e.When, "Client": e.Client, "Spec": e.Spec,
		} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", k, name)
			}
		}
		for _, r := range e.Related {
			if _, err := b.Lookup(r); err != nil {
				t.Errorf("%s: related %q: %v", k, r, err)
			}
			if r == k {
				t.Errorf("%s: related to itself", k)
			}
		}
		if !strings.HasPrefix(e.Spec, "RFC ") && !strings.Contains(e.Spec, "Standard") &&
			!strings.HasPrefix(e.Spec, "W3C ") && !strings.HasPrefix(e.Spec, "draft-") &&
			!strings.HasPrefix(e.Spec, "De-facto") {
			t.Errorf("%s: spec %q names no document", k, e.Spec)
		}
	}
}

func TestEveryRegisteredStatus(t *testing.T) {
	b := book(t)
	for _, c := range registered() {
		e, ok := b.Status(c)
		if !ok {
			t.Errorf("status %d missing", c)
			continue
		}
		if e.Kind != "status" || e.Key != strconv.Itoa(c) {
			t.Errorf("status %d: Key %q Kind %q", c, e.Key, e.Kind)
		}
	}
	for c := range b.statuses {
		if !slices.Contains(registered(), c) {
			t.Errorf("status %d is described but not in the IANA registry", c)
		}
	}
}

func TestStatusSpecs(t *testing.T) {
	b := book(t)
	for _, tc := range []struct {
		code              int
		title, spec, also string
	}{
		{100, "Continue", "RFC 9110, section 15.2.1", "Expect"},
		{103, "Early Hints", "RFC 8297, section 2", "Link"},
		{200, "OK", "RFC 9110, section 15.3.1", ""},
		{206, "Partial Content", "RFC 9110, section 15.3.7", "Range"},
		{207, "Multi-Status", "RFC 4918, section 11.1", ""},
		{208, "Already Reported", "RFC 5842, section 7.1", ""},
		{226, "IM Used", "RFC 3229, section 10.4.1", ""},
		{304, "Not Modified", "RFC 9110, section 15.4.5", "If-None-Match"},
		{308, "Permanent Redirect", "RFC 9110, section 15.4.9", "Location"},
		{401, "Unauthorized", "RFC 9110, section 15.5.2", "WWW-Authenticate"},
		{404, "Not Found", "RFC 9110, section 15.5.5", "410"},
		{405, "Method Not Allowed", "RFC 9110, section 15.5.6", "Allow"},
		{413, "Content Too Large", "RFC 9110, section 15.5.14", ""},
		{418, "(Unused)", "RFC 9110, section 15.5.19", ""},
		{421, "Misdirected Request", "RFC 9110, section 15.5.20", ""},
		{422, "Unprocessable Content", "RFC 9110, section 15.5.21", ""},
		{423, "Locked", "RFC 4918, section 11.3", ""},
		{424, "Failed Dependency", "RFC 4918, section 11.4", ""},
		{425, "Too Early", "RFC 8470, section 5.2", ""},
		{426, "Upgrade Required", "RFC 9110, section 15.5.22", "Upgrade"},
		{428, "Precondition Required", "RFC 6585, section 3", "If-Match"},
		{429, "Too Many Requests", "RFC 6585, section 4", "Retry-After"},
		{431, "Request Header Fields Too Large", "RFC 6585, section 5", ""},
		{451, "Unavailable For Legal Reasons", "RFC 7725, section 3", ""},
		{500, "Internal Server Error", "RFC 9110, section 15.6.1", ""},
		{505, "HTTP Version Not Supported", "RFC 9110, section 15.6.6", ""},
		{506, "Variant Also Negotiates", "RFC 2295, section 8.1", ""},
		{507, "Insufficient Storage", "RFC 4918, section 11.5", ""},
		{508, "Loop Detected", "RFC 5842, section 7.2", ""},
		{510, "Not Extended", "RFC 2774, section 7", ""},
		{511, "Network Authentication Required", "RFC 6585, section 6", ""},
	} {
		e, ok := b.Status(tc.code)
		if !ok {
			t.Errorf("%d: missing", tc.code)
			continue
		}
		if e.Title != tc.title {
			t.Errorf("%d: Title %q, want %q", tc.code, e.Title, tc.title)
		}
		if !strings.HasPrefix(e.Spec, tc.spec) {
			t.Errorf("%d: Spec %q, want it to start %q", tc.code, e.Spec, tc.spec)
		}
		if tc.also != "" && !slices.Contains(e.Related, tc.also) {
			t.Errorf("%d: Related %q lacks %q", tc.code, e.Related, tc.also)
		}
	}

	// Things a learner should be told, not just the number.
	for _, tc := range []struct {
		code int
		says []string
	}{
		{405, []string{"Allow"}},
		{418, []string{"RFC 2324", "teapot"}},
		{451, []string{"legal"}},
		{510, []string{"istoric", "obsoleted"}},
		{305, []string{"deprecated"}},
	} {
		e, _ := b.Status(tc.code)
		text := e.Format(0)
		for _, s := range tc.says {
			if !strings.Contains(text, s) {
				t.Errorf("%d does not mention %q:\n%s", tc.code, s, text)
			}
		}
	}
}

func TestHeaderSpecs(t *testing.T) {
	b := book(t)
	for _, tc := range []struct{ name, kind, spec string }{
		{"Content-Type", "request and response header", "RFC 9110, section 8.3"},
		{"Allow", "response header", "RFC 9110, section 10.2.1"},
		{"Cache-Control", "request and response header", "RFC 9111, section 5.2"},
		{"Transfer-Encoding", "request and response header", "RFC 9112, section 6.1"},
		{"Set-Cookie", "response header", "RFC 6265, section 4.1"},
		{"Cookie", "request header", "RFC 6265, section 4.2"},
		{"Content-Disposition", "response header", "RFC 6266, section 4"},
		{"Strict-Transport-Security", "response header", "RFC 6797, section 6.1"},
		{"Link", "response header", "RFC 8288, section 3"},
		{"Forwarded", "request header", "RFC 7239, section 4"},
		{"Origin", "request header", "RFC 6454, section 7"},
		{"Prefer", "request header", "RFC 7240, section 2"},
		{"X-Frame-Options", "response header", "RFC 7034"},
		{"X-Forwarded-For", "request header", "De-facto"},
		{"Idempotency-Key", "request header", "draft-ietf-httpapi-idempotency-key-header"},
		{"ETag", "response header", "RFC 9110, section 8.8.3"},
		{"WWW-Authenticate", "response header", "RFC 9110, section 11.6.1"},
		{"TE", "request header", "RFC 9110, section 10.1.4"},
	} {
		e, ok := b.Header(tc.name)
		if !ok {
			t.Errorf("%s: missing", tc.name)
			continue
		}
		if e.Key != tc.name || e.Title != tc.name {
			t.Errorf("%s: Key %q Title %q", tc.name, e.Key, e.Title)
		}
		if e.Kind != tc.kind {
			t.Errorf("%s: Kind %q, want %q", tc.name, e.Kind, tc.kind)
		}
		if !strings.HasPrefix(e.Spec, tc.spec) {
			t.Errorf("%s: Spec %q, want it to start %q", tc.name, e.Spec, tc.spec)
		}
	}
	for _, name := range []string{
		"Accept", "Accept-Encoding", "Accept-Language", "Accept-Ranges",
		"Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Headers", "Access-Control-Allow-Credentials",
		"Access-Control-Expose-Headers", "Access-Control-Max-Age",
		"Access-Control-Request-Method", "Access-Control-Request-Headers",
		"Age", "Authorization", "Connection", "Content-Encoding",
		"Content-Language", "Content-Length", "Content-Location",
		"Content-Range", "Content-Security-Policy", "Date", "Expect", "Expires",
		"From", "Host", "If-Match", "If-Modified-Since", "If-None-Match",
		"If-Range", "If-Unmodified-Since", "Keep-Alive", "Last-Modified",
		"Location", "Max-Forwards", "Pragma", "Proxy-Authenticate",
		"Proxy-Authorization", "Range", "Referer", "Referrer-Policy",
		"Retry-After", "Server", "Trailer", "Upgrade", "User-Agent", "Vary",
		"Via", "X-Content-Type-Options", "Sec-Fetch-Dest", "Sec-Fetch-Mode",
		"Sec-Fetch-Site", "Sec-Fetch-User", "RateLimit", "RateLimit-Policy",
		"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
	} {
		if _, ok := b.Header(name); !ok {
			t.Errorf("%s: missing", name)
		}
	}
}

func TestHeaderCaseInsensitive(t *testing.T) {
	b := book(t)
	for _, in := range []string{"content-type", "CONTENT-TYPE", "Content-type", " content-Type: "} {
		e, ok := b.Header(in)
		if !ok || e.Key != "Content-Type" {
			t.Errorf("Header(%q) = %q, %v", in, e.Key, ok)
		}
		e, err := b.Lookup(in)
		if err != nil || e.Key != "Content-Type" {
			t.Errorf("Lookup(%q) = %q, %v", in, e.Key, err)
		}
	}
	if e, ok := b.Header("etag"); !ok || e.Key != "ETag" {
		t.Errorf("Header(etag) = %q, %v; want the canonical ETag", e.Key, ok)
	}
}

func TestLookup(t *testing.T) {
	b := book(t)
	for _, tc := range []struct{ in, key, err string }{
		{"405", "405", ""},
		{" 404 ", "404", ""},
		{"418", "418", ""},
		{"451", "451", ""},
		{"Allow", "Allow", ""},
		{"Content-Typ", "", `unknown header "Content-Typ": did you mean Content-Type?`},
		{"contnt-type", "", `unknown header "contnt-type": did you mean Content-Type?`},
		{"Autorization", "", `unknown header "Autorization": did you mean Authorization?`},
		{"refferer", "", `unknown header "refferer": did you mean Referer?`},
		{"sec-fetch", "", `unknown header "sec-fetch": did you mean Sec-Fetch-Dest?`},
		{"X-Totally-Made-Up", "", `unknown header "X-Totally-Made-Up"`},
		{"299", "", "status 299 is not registered: an unregistered 2xx: treat it as 200 OK, as RFC 9110 section 15 says"},
		{"499", "", "status 499 is not registered: an unregistered 4xx: treat it as 400 Bad Request, as RFC 9110 section 15 says"},
		{"600", "", "no status 600: status codes run from 100 to 599"},
		{"0", "", "no status 0: status codes run from 100 to 599"},
		{"", "", "explain what?"},
	} {
		e, err := b.Lookup(tc.in)
		if tc.err == "" {
			if err != nil || e.Key != tc.key {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tc.in, e.Key, err, tc.key)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tc.err) {
			t.Errorf("Lookup(%q) error = %v; want %q", tc.in, err, tc.err)
		}
		if tc.in == "" {
			continue
		}
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Lookup(%q) error is %T, want *NotFoundError", tc.in, err)
		}
	}
}

func TestClass(t *testing.T) {
	b := book(t)
	for _, tc := range []struct {
		code int
		want string
	}{
		{200, "2xx success"},
		{404, "4xx client error"},
		{103, "1xx informational"},
		{308, "3xx redirection"},
		{599, "an unregistered 5xx: treat it as 500 Internal Server Error, as RFC 9110 section 15 says"},
		{299, "an unregistered 2xx: treat it as 200 OK, as RFC 9110 section 15 says"},
		{399, "an unregistered 3xx: treat it as 300 Multiple Choices, as RFC 9110 section 15 says"},
		{99, ""},
		{600, ""},
		{-1, ""},
	} {
		if got := b.Class(tc.code); got != tc.want {
			t.Errorf("Class(%d) = %q, want %q", tc.code, got, tc.want)
		}
	}
	if got := b.Class(150); !strings.Contains(got, "100 Continue") || !strings.Contains(got, "ignore") {
		t.Errorf("Class(150) = %q", got)
	}
}

// Every code go-httpbin's /status/N can return (100..599) gets an answer.
func TestEveryCodeAnswered(t *testing.T) {
	b := book(t)
	for c := 100; c <= 599; c++ {
		if _, ok := b.Status(c); ok {
			continue
		}
		cls := b.Class(c)
		if !strings.HasPrefix(cls, "an unregistered ") {
			t.Errorf("%d: no entry and Class %q", c, cls)
		}
		if _, err := b.Lookup(strconv.Itoa(c)); err == nil || !strings.Contains(err.Error(), cls) {
			t.Errorf("Lookup(%d) error %v lacks the Class answer", c, err)
		}
	}
}

func TestKeys(t *testing.T) {
	b := book(t)
	keys := b.Keys()
	if len(keys) != len(b.statuses)+len(b.headers) {
		t.Fatalf("%d keys for %d entries", len(keys), len(b.statuses)+len(b.headers))
	}
	if keys[0] != "100" || keys[len(b.statuses)-1] != "511" || keys[len(b.statuses)] != "Accept" {
		t.Errorf("keys out of order: %q ... %q, %q", keys[0], keys[len(b.statuses)-1], keys[len(b.statuses)])
	}
	keys[0] = "mangled"
	if b.Keys()[0] != "100" {
		t.Error("Keys shares its slice with the Book")
	}
	e, _ := b.Status(405)
	e.Related[0] = "mangled"
	if e2, _ := b.Status(405); e2.Related[0] == "mangled" {
		t.Error("Status shares Related with the Book")
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "== 299 Fine\nspec: RFC 1\nsummary: s\nwhen: w\nclient: c\n"
	if _, err := load(ok, ""); err != nil {
		t.Fatalf("minimal file: %v", err)
	}
	for _, tc := range []struct{ statuses, headers, want string }{
		{"spec: x\n", "", "statuses.txt:1: field before"},
		{"== 99 Low\n", "", "statuses.txt:1: want \"== CODE Title\""},
		{"== abc Nope\n", "", "statuses.txt:1: want"},
		{"== 200 OK\nspec: a\n", "", "statuses.txt:1: 200: missing summary, when, client"},
		{ok + "colour: red\n", "", `statuses.txt:6: unknown field "colour"`},
		{ok + "spec: again\n", "", `field "spec" given twice`},
		{"  dangling\n", "", "continuation line without a field"},
		{ok + "nonsense\n", "", `want "field: value"`},
		{ok + ok, "", "status 299 described twice"},
		{ok + "kind: status\n", "", "status records take no kind field"},
		{"", "== Foo\nspec: s\nsummary: s\nwhen: w\nclient: c\n", `Foo: kind ""`},
		{"", "== Foo\nkind: header\nspec: s\nsummary: s\nwhen: w\nclient: c\n", `kind "header"`},
		{"", "== Foo Bar\n", `want "== Header-Name"`},
	} {
		_, err := load(tc.statuses, tc.headers)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load(%q, %q) = %v; want %q", tc.statuses, tc.headers, err, tc.want)
		}
	}
}

func TestParseContinuation(t *testing.T) {
	b, err := load("# c\n\n== 299 Fine\nspec: RFC 1\nsummary: one\n   two\n\tthree\nwhen: w\nclient: c\nrelated: 200 ,, Allow\n", "")
	if err != nil {
		t.Fatal(err)
	}
	e, _ := b.Status(299)
	if e.Summary != "one two three" || !slices.Equal(e.Related, []string{"200", "Allow"}) {
		t.Errorf("got %+v", e)
	}
}

func TestFormatWraps(t *testing.T) {
	b := book(t)
	for _, k := range b.Keys() {
		e, _ := b.Lookup(k)
		for _, w := range []int{40, 80} {
			for i, line := range strings.Split(strings.TrimSuffix(e.Format(w), "\n"), "\n") {
				if len(line) > w && strings.Contains(strings.TrimSpace(line), " ") {
					t.Errorf("%s at width %d: line %d is %d wide: %q", k, w, i+1, len(line), line)
				}
			}
		}
	}
	e, _ := b.Status(405)
	if first, _, _ := strings.Cut(e.Format(80), "\n"); first != "405 Method Not Allowed  (RFC 9110, section 15.5.6)" {
		t.Errorf("first line %q", first)
	}
	if e.Format(0) != e.Format(DefaultWidth) {
		t.Error("Format(0) differs from Format(DefaultWidth)")
	}
}

func TestFormatGolden(t *testing.T) {
	b := book(t)
	for _, tc := range []struct {
		key   string
		width int
	}{
		{"405", 80},
		{"418", 60},
		{"Content-Type", 80},
	} {
		e, err := b.Lookup(tc.key)
		if err != nil {
			t.Fatal(err)
		}
		got := e.Format(tc.width)
		path := filepath.Join("testdata", strings.ToLower(tc.key)+".golden")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("Format(%d) of %s differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", tc.width, tc.key, path, got, want)
		}
	}
}
