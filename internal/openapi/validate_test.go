package openapi

import (
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestValidateRequest(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	trace := http.Header{"X-Trace": {"t"}}
	jsonH := http.Header{"Content-Type": {"application/json"}}
	tests := []struct {
		method, url string
		h           http.Header
		body        string
		want        []string
	}{
		{"GET", "/v2/pets?limit=5&status=sold", trace, "", nil},
		{"GET", "/pets?limit=abc&status=lost", trace, "", []string{
			`query parameter "limit": expected integer, got "abc"`,
			`query parameter "status": "lost" is not one of "available", "sold"`,
		}},
		{"GET", "/pets?limit=500", nil, "", []string{
			`query parameter "limit": expected at most 100, got 500`,
			`header "X-Trace": missing (required string)`,
		}},
		{"GET", "/pets/abc", nil, "", []string{`path parameter "petId": expected integer, got "abc"`}},
		{"PUT", "/pets", nil, "", []string{"method PUT: /pets has only GET, POST"}},
		{"GET", "/cats", nil, "", []string{"path /cats: not in the spec"}},
		{"POST", "/pets", jsonH, "", []string{"body: missing (required application/json)"}},
		{"POST", "/pets", jsonH, `{"name": "rex", "kind": "cat"}`, nil},
		{"POST", "/pets", jsonH, `{"kind": "cow", "tag": 3}`, []string{
			`body: missing required field "name"`,
			`body.kind: "cow" is not one of "cat", "dog", "fish"`,
			`body.tag: expected string, got 3`,
		}},
		{"POST", "/pets", http.Header{"Content-Type": {"text/plain"}}, "x", []string{
			"Content-Type: text/plain is not what the operation takes (application/json)",
		}},
		{"POST", "/pets", jsonH, `{"name": `, []string{"body: not valid JSON: unexpected EOF"}},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		h := tt.h
		if h == nil {
			h = http.Header{}
		}
		got := problemStrings(ix.ValidateRequest(nil, tt.method, u, h, []byte(tt.body)))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s %s:\n got %q\nwant %q", tt.method, tt.url, tt.body, got, tt.want)
		}
	}
}

func TestValidateResponse(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	list, _ := ix.Find("listPets")
	show, _ := ix.Find("showPet")
	pet30 := mustLoad(t, "testdata/petstore30.json")
	show30, _ := pet30.Find("showPet")
	tests := []struct {
		ix     *Index
		op     *Operation
		status int
		ct     string
		body   string
		want   []string
	}{
		{ix, list, 200, "application/json", `{"items": [{"id": 1, "name": "a"}], "next": null}`, nil},
		{ix, list, 200, "application/json", `{"items": [{"id": 1, "name": "a"}, {"id": "17", "name": ""}]}`, []string{
			`.items[1].id: expected integer, got "17"`,
			`.items[1].name: expected at least 1 characters, got ""`,
		}},
		{ix, list, 200, "application/json", `[]`, []string{`.: expected object, got an array of 0`}},
		{ix, list, 500, "application/problem+json", `{"message": "x"}`, []string{`.: missing required field "code"`}},
		{ix, list, 200, "text/html", `<p>`, []string{`Content-Type: text/html is not documented for status 200 (application/json)`}},
		{ix, show, 404, "", "", nil},
		{ix, show, 200, "application/json", "", nil},
		{ix, nil, 200, "application/json", "{", nil},
		{ix, show, 302, "", "", []string{"status 302: not documented for GET /pets/{petId} (documented: 200, 4XX)"}},
		{ix, show, 200, "application/json", `{"id": 1, "name": "x", "owner": {"pets": [{"id": 2}]}}`, []string{
			`.owner.pets[0]: missing required field "name"`,
		}},
		{pet30, show30, 200, "application/json", `{"id": "a", "age": null}`, nil},
		{pet30, show30, 200, "application/json", `{"id": "a", "age": 0, "x": 1}`, []string{
			".age: expected more than 0, got 0", ".x: field not in the schema",
		}},
	}
	for _, tt := range tests {
		got := problemStrings(tt.ix.ValidateResponse(tt.op, tt.status, tt.ct, []byte(tt.body)))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %d %s:\n got %q\nwant %q", tt.op, tt.status, tt.body, got, tt.want)
		}
	}
}

func TestValidateFormBody(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	op, _ := ix.Find("createPet")
	u, _ := url.Parse("/pets")
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	// createPet documents JSON only, so a form is the wrong media type.
	if got := problemStrings(ix.ValidateRequest(op, "POST", u, h, []byte("name=rex"))); len(got) != 1 || !strings.HasPrefix(got[0], "Content-Type: application/x-www-form-urlencoded is not") {
		t.Errorf("form to a JSON operation: %q", got)
	}
	c := &checker{ix: ix, dir: toServer, regexps: map[string]*regexp.Regexp{}}
	c.checkForm(op.Body.Schema, []byte("kind=cow&tag=x"))
	want := []string{`body: missing required field "name"`, `body.kind: "cow" is not one of "cat", "dog", "fish"`}
	if got := problemStrings(c.problems()); !reflect.DeepEqual(got, want) {
		t.Errorf("checkForm %q, want %q", got, want)
	}
}
