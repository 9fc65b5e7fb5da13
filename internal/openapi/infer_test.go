package openapi

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/playground"
)

func TestTemplatePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/users/17", "/users/{id}"},
		{"/users/17/posts/42", "/users/{id}/posts/{postsId}"},
		{"/items/3f2b8c1e-0a4d-4c7e-9b1a-2f6d8e9c0b1a", "/items/{id}"},
		{"/users/me", "/users/me"},
		{"/", "/"},
		{"/blobs/0123456789abcdef0123", "/blobs/{id}"},
	}
	for _, tt := range tests {
		if got, _ := templatePath(tt.in); got != tt.want {
			t.Errorf("templatePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestInferShapes(t *testing.T) {
	xs := []Exchange{
		{Method: "GET", URL: "http://api.test/users/17?page=1", Status: 200, ResponseContentType: "application/json", ResponseBody: []byte(`{"id": 17, "role": "admin", "tags": ["a"]}`)},
		{Method: "GET", URL: "http://api.test/users/42", Status: 200, ResponseContentType: "application/json", ResponseBody: []byte(`{"id": 42, "role": "user", "nick": null}`)},
		{Method: "GET", URL: "http://api.test/users/43", Status: 200, ResponseContentType: "application/json", ResponseBody: []byte(`{"id": 43, "role": "user"}`)},
		{Method: "GET", URL: "http://api.test/users/44", Status: 200, ResponseContentType: "application/json", ResponseBody: []byte(`{"id": 44, "role": "admin"}`)},
		{Method: "GET", URL: "http://api.test/users/0", Status: 404, ResponseContentType: "text/plain", ResponseBody: []byte(`nope`)},
	}
	draft, err := Infer(xs, InferOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(context.Background(), Source{Data: draft, Location: "draft.json"}, Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	op, err := ix.Find("GET /users/{id}")
	if err != nil {
		t.Fatalf("%v\n%s", err, draft)
	}
	var got []string
	for _, p := range op.Params {
		got = append(got, p.In+":"+p.Name+":"+p.Type+":"+boolText(p.Required))
	}
	if want := []string{"path:id:integer:true", "query:page:integer:false"}; !reflect.DeepEqual(got, want) {
		t.Errorf("params %q, want %q", got, want)
	}
	r := op.Response(200)
	s := ix.Schema(r.Schema)
	if !reflect.DeepEqual(s.Required, []string{"id", "role"}) {
		t.Errorf("required %q", s.Required)
	}
	role, _ := (&checker{ix: ix}).propertyID(s, "role")
	if e := ix.Schema(role).Enum; !reflect.DeepEqual(e, []string{`"admin"`, `"user"`}) {
		t.Errorf("role enum %q", e)
	}
	if ix.Servers[0].URL != "http://api.test" || op.Response(404) == nil {
		t.Errorf("servers %+v, 404 %+v", ix.Servers, op.Response(404))
	}
	roundTrip(t, ix, xs)
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// roundTrip checks that every exchange validates against the draft.
func roundTrip(t *testing.T, ix *Index, xs []Exchange) {
	t.Helper()
	for _, x := range xs {
		u, _ := url.Parse(x.URL)
		h := http.Header{}
		if x.RequestContentType != "" {
			h.Set("Content-Type", x.RequestContentType)
		}
		if ps := ix.ValidateRequest(nil, x.Method, u, h, x.RequestBody); len(ps) > 0 {
			t.Errorf("%s %s: request: %q", x.Method, x.URL, problemStrings(ps))
			continue
		}
		op, _, _ := ix.Match(x.Method, u.EscapedPath())
		if ps := ix.ValidateResponse(op, x.Status, x.ResponseContentType, x.ResponseBody); len(ps) > 0 {
			t.Errorf("%s %s: response: %q", x.Method, x.URL, problemStrings(ps))
		}
	}
}

// TestInferRoundTripPlayground records real exchanges with the
// playground, drafts a spec from them and checks that the draft, loaded
// back, validates every one.
func TestInferRoundTripPlayground(t *testing.T) {
	pg, err := playground.Start(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	reqs := []struct{ method, path, ct, body string }{
		{"GET", "/get?page=1&sort=asc", "", ""},
		{"GET", "/get?page=2", "", ""},
		{"POST", "/post", "application/json", `{"name": "ada", "age": 36}`},
		{"POST", "/post", "application/json", `{"name": "bob", "tags": ["x"]}`},
		{"GET", "/status/404", "", ""},
		{"GET", "/status/418", "", ""},
		{"GET", "/bytes/16", "", ""},
		{"GET", "/uuid", "", ""},
		{"GET", "/json", "", ""},
		{"GET", "/anything/users/17", "", ""},
		{"PUT", "/anything/users/42", "application/json", `{"ok": true}`},
		{"GET", "/base64/aGVsbG8=", "", ""},
		{"GET", "/cookies", "", ""},
	}
	var xs []Exchange
	for _, r := range reqs {
		xs = append(xs, record(t, pg.URL, r.method, r.path, r.ct, r.body))
	}
	draft, err := Infer(xs, InferOptions{Title: "playground"})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Load(context.Background(), Source{Data: draft, Location: "draft.json"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ops []string
	for _, op := range ix.Operations {
		ops = append(ops, op.String())
	}
	sort.Strings(ops)
	if !strings.Contains(strings.Join(ops, ","), "PUT /anything/users/{id}") || !strings.Contains(strings.Join(ops, ","), "GET /status/{id}") {
		t.Errorf("operations %q", ops)
	}
	roundTrip(t, ix, xs)
}

func record(t *testing.T, base, method, path, ct, body string) Exchange {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rb, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return Exchange{
		Method: method, URL: base + path, RequestContentType: ct, RequestBody: []byte(body),
		Status: resp.StatusCode, ResponseContentType: resp.Header.Get("Content-Type"), ResponseBody: rb,
	}
}
