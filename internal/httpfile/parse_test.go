package httpfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/collection"
)

func parseFile(t *testing.T, name string) *File {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestParseCorpus(t *testing.T) {
	tests := []struct {
		file  string
		n     int
		check func(t *testing.T, f *File)
	}{
		{"chain.http", 2, func(t *testing.T, f *File) {
			r := f.Requests[1]
			if r.Name != "whoami" || r.Method != "GET" || r.URL != "{{host}}/anything/me?page=2&size=10" {
				t.Errorf("whoami = %q %q %q", r.Name, r.Method, r.URL)
			}
			if v, _ := r.Header("authorization"); v != "Bearer {{login.response.body.$.json.token}}" {
				t.Errorf("Authorization = %q", v)
			}
		}},
		{"restclient.http", 2, func(t *testing.T, f *File) {
			if f.Requests[0].Body.Text != "{\n  \"user\": \"ada\",\n  \"token\": \"abc123\"\n}" {
				t.Errorf("login body = %q", f.Requests[0].Body.Text)
			}
			if f.VarMap()["host"] != "http://{{addr}}" {
				t.Errorf("vars = %v", f.Vars)
			}
		}},
		{"jetbrains.http", 3, func(t *testing.T, f *File) {
			r := f.Requests[0]
			if r.Name != "Get a thing" || r.Settings["no-redirect"] != "" || len(r.Skipped) != 1 || r.Body.Kind != collection.NoBody {
				t.Errorf("first = %+v", r)
			}
			up := f.Requests[1].Body
			if up.Kind != collection.Multipart || len(up.Parts) != 2 || up.Parts[0].Text != "hello" || up.Parts[1].File != "./data.bin" || up.Parts[1].FileName != "data.bin" {
				t.Errorf("upload = %+v", up)
			}
			fb := f.Requests[2]
			if fb.Body.Kind != collection.File || fb.Body.File != "./body.json" || fb.Body.Templated || len(fb.Skipped) != 1 {
				t.Errorf("file body = %+v", fb)
			}
		}},
		{"httpyac.http", 5, func(t *testing.T, f *File) {
			if b := f.Requests[1].Body; b.Kind != collection.File || !b.Templated {
				t.Errorf("templated = %+v", b)
			}
			if r := f.Requests[2]; r.Method != "GET" || r.URL != "{{base}}/anything/plain" {
				t.Errorf("default GET = %+v", r)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseFile(t, tt.file)
			if len(f.Requests) != tt.n {
				t.Fatalf("%d requests, want %d: %+v", len(f.Requests), tt.n, f.Requests)
			}
			tt.check(t, f)
		})
	}
}

func TestParseWithoutSeparators(t *testing.T) {
	f, err := Parse("x.http", []byte("GET http://a/\n\nPOST http://b/ HTTP/1.1\nX: 1\n\nbody\n\nHTTP/1.1 200 OK\nContent-Type: text/plain\n\nok\n\nDELETE http://c/\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Requests) != 3 || f.Requests[1].Body.Text != "body" || len(f.Requests[1].Skipped) != 1 || f.Requests[2].Method != "DELETE" {
		t.Errorf("requests = %+v", f.Requests)
	}
}

func TestParseLikeHttpyac(t *testing.T) {
	src := "@host = http://h\n/* a\ncomment */\n{{\n  exports.x = 1;\n}}\n###\nGET /a\nGET /b\nPOST http://h\n  /c\n  ?x=1\n{\"a\": 1}\n\n{{@response\n  test();\n}}\n###\n< {%\n  request.variables.set('a', 1)\n%}\nVERSION-CONTROL /v\n"
	f, err := Parse("y.http", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range f.Requests {
		got = append(got, fmt.Sprintf("%s %s %q %d", r.Method, r.URL, r.Body.Text, len(r.Skipped)))
	}
	if d, err := Parse("d.http", []byte("### same\nGET http://a/\n### same\nGET http://b/\n")); err != nil || len(d.Requests) != 2 {
		t.Errorf("repeated ### text: %v", err)
	}
	if len(f.Skipped) != 1 {
		t.Errorf("file skipped = %q", f.Skipped)
	}
	want := "GET /a \"\" 0|GET /b \"\" 0|POST http://h/c?x=1 \"{\\\"a\\\": 1}\" 1|VERSION-CONTROL /v \"\" 1"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
	if l, _ := Parse("z.http", []byte("GET /a?q={{ new Date() }}&x={{$datetime \"DD MM\"}} HTTP/1.1\n")); l == nil || l.Requests[0].URL != `/a?q={{ new Date() }}&x={{$datetime "DD MM"}}` {
		t.Errorf("spaces inside {{ }}: %+v", l)
	}
	r, err := Resolve(&f.Requests[0], ".", &Scope{Vars: []map[string]string{f.VarMap()}}, os.ReadFile)
	if err != nil || r.URL != "http://h/a" {
		t.Errorf("relative URL = %v, %v", r, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"GET\n", "x.http:1: request line \"GET\" has no URL"},
		{"GET http://a/{{x\n", "x.http:1: {{ without }}"},
		{"GET http://a/\n\n{{\nclient.x()\n", "x.http:3: the JavaScript block has no closing }}"},
		{"/* open\nGET http://a/\n", "x.http:1: block comment /* has no closing */"},
		{"proto < ./hello.proto\n", "x.http:1: \"proto < ./hello.proto\": httpyac's gRPC requests are not supported"},
		{"GET http://a/\n\n> {%\nclient.log(1)\n", "x.http:3: response handler {% has no closing %}"},
		{"# @name a\nGET http://a/\n###\n# @name a\nGET http://b/\n", "x.http:5: request name \"a\" is already used on line 2"},
		{"POST http://a/\nContent-Type: multipart/form-data; boundary=b\n\n--b\nContent-Disposition: form-data; name=x\n\n1\n", "no closing --b--"},
		{"@ = 1\n", "x.http:1: a file variable is written @name = value"},
	}
	for _, tt := range tests {
		_, err := Parse("x.http", []byte(tt.src))
		var ce *collection.Error
		if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &ce) {
			t.Errorf("Parse(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

type fixedResponses map[string]*Response

func (f fixedResponses) Response(name string) (*Response, bool) { r, ok := f[name]; return r, ok }

func TestExpand(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	sc := &Scope{
		Vars: []map[string]string{{"host": "http://{{addr}}", "loop": "{{loop}}"}, {"addr": "127.0.0.1:1"}},
		System: &System{Now: func() time.Time { return now }, Local: time.FixedZone("X", 2*3600), Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 64)),
			Getenv: func(k string) (string, bool) { return "v-" + k, true }, Dotenv: map[string]string{"K": "dot"}},
		Responses: fixedResponses{"login": {Headers: []collection.Header{{Name: "X-Id", Value: "42"}}, Body: []byte(`{"a":{"b":[{"t":"tok"}]},"n":3}`)}},
	}
	tests := []struct{ in, want, err string }{
		{"{{host}}/x", "http://127.0.0.1:1/x", ""},
		{"{{ $timestamp }}", "1772600767", ""},
		{"{{$timestamp -1 d}}", "1772514367", ""},
		{"{{$isoTimestamp}}", "2026-03-04T05:06:07.000Z", ""},
		{"{{$datetime iso8601}}", "2026-03-04T05:06:07.000Z", ""},
		{"{{$datetime rfc1123}}", "Wed, 04 Mar 2026 05:06:07 GMT", ""},
		{"{{$localDatetime rfc1123}}", "Wed, 04 Mar 2026 07:06:07 +0200", ""},
		{"{{$localDatetime iso8601 1 Q}}", "2026-06-04T07:06:07+02:00", ""},
		{`{{$datetime "YYYY-MM-DD HH:mm" 1 h}}`, "2026-03-04 06:06", ""},
		{"{{$uuid}}", "07070707-0707-4707-8707-070707070707", ""},
		{"{{$randomInt 5 6}}", "5", ""},
		{"{{$random.integer(5, 6)}}", "5", ""},
		{"{{$random.hexadecimal(4)}}", "7777", ""},
		{"{{$random.alphabetic(x)}}", "", "LENGTH"},
		{"{{$processEnv HOME}}", "v-HOME", ""},
		{"{{$dotenv K}}", "dot", ""},
		{"{{login.response.body.$.a.b[0].t}}", "tok", ""},
		{"{{login.response.body.$.n}}", "3", ""},
		{"{{login.response.headers.x-id}}", "42", ""},
		{"{{login.a.b[0].t}}", "tok", ""},
		{"{{login.nope}}", "", "no key"},
		{"{{other.a}}", "", "unknown variable"},
		{"{{nope}}", "", "unknown variable"},
		{"{{loop}}", "", "nest deeper"},
		{"{{other.response.body.$.a}}", "", "has no response yet"},
		{"{{$randomInt 6 5}}", "", "MIN < MAX"},
	}
	for _, tt := range tests {
		got, err := Expand(tt.in, sc)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Expand(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, n := range []string{"restclient.http", "chain.http", "jetbrains.http", "httpyac.http", "httpyac-chain.http"} {
		b, _ := os.ReadFile("testdata/" + n)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("f.http", src)
		if err == nil && file == nil {
			t.Fatal("nil file without error")
		}
	})
}

func TestWireURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://h/a b?q=hi there&x='1'#frag", "http://h/a%20b?q=hi%20there&x=%271%27"},
		{"http://h/é/{x}?k=é", "http://h/%C3%A9/%7Bx%7D?k=%C3%A9"},
		{"http://h/ok%20already?a=%41", "http://h/ok%20already?a=%41"},
	}
	for _, tt := range tests {
		if got := WireURL(tt.in); got != tt.want {
			t.Errorf("WireURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
