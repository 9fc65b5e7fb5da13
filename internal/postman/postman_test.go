package postman

import (
	"os"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/collection"
)

func TestRead(t *testing.T) {
	data, err := os.ReadFile("testdata/shop.postman_collection.json")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Read("shop.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range c.Requests {
		names = append(names, r.Name)
	}
	if got := strings.Join(names, ","); got != "Auth/Login,Items/List,Items/Create,Items/Upload,Items/Raw file,Simple" {
		t.Fatalf("names = %s", got)
	}
	login := c.Requests[0]
	if login.URL != "{{base}}/login?x=1" || len(login.Headers) != 1 || login.Headers[0].Value != "application/json" ||
		login.Auth.Kind != "basic" || login.Auth.User != "ada" || login.Body.Text != `{"user": "ada"}` || len(login.Skipped) != 1 {
		t.Errorf("login = %+v", login)
	}
	if a := c.Requests[1].Auth; a == nil || a.Kind != "apikey" || !a.InQuery || a.Key != "api_key" || a.Value != "{{apiKey}}" {
		t.Errorf("list auth = %+v", a)
	}
	if b := c.Requests[2].Body; b.Kind != collection.Form || len(b.Params) != 1 {
		t.Errorf("create body = %+v", b)
	}
	up := c.Requests[3]
	if up.Auth != nil || up.Body.Kind != collection.Multipart || up.Body.Parts[1].File != "/tmp/pic.png" || up.Body.Parts[1].FileName != "pic.png" || up.Body.Parts[0].Text != "hi" {
		t.Errorf("upload = %+v", up)
	}
	if b := c.Requests[4].Body; b.Kind != collection.File || b.File != "./blob.bin" {
		t.Errorf("raw file = %+v", b)
	}
	if s := c.Requests[5]; s.Method != "GET" || s.URL != "{{base}}/health" || s.Auth.Kind != "bearer" || s.Auth.Token != "{{token}}" {
		t.Errorf("simple = %+v", s)
	}
	if len(c.Vars) != 2 || !c.Vars[1].Secret || len(c.Skipped) != 1 {
		t.Errorf("vars %+v skipped %q", c.Vars, c.Skipped)
	}
}

func TestReadGraphQLAndUnknownAuth(t *testing.T) {
	src := `{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [
	  {"name": "q", "request": {"method": "POST", "url": "u", "auth": {"type": "digest"},
	   "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": "{\"a\": 1}"}}}}]}`
	c, err := Read("x.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Requests[0]
	if r.Body.Text != `{"query":"{ me { id } }","variables":{"a":1}}` || r.Auth != nil || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], `auth type "digest" is not supported`) {
		t.Errorf("request = %+v", r)
	}
	if _, err := Read("x.json", []byte("{\n  \"info\": }")); err == nil || !strings.Contains(err.Error(), "line 2, column") {
		t.Errorf("syntax error = %v", err)
	}
}

func TestPathVariablesAndEmptyFiles(t *testing.T) {
	src := `{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [
	  {"name": "p", "request": {"method": "POST", "url": {"raw": "{{base}}/status/:code/x/:id?q=1", "query": [{"key": "q", "value": "1"}],
	    "variable": [{"key": "code", "value": "200"}, {"key": "id"}]},
	   "body": {"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": null}, {"key": "t", "value": "v"}]}}},
	  {"name": "e", "request": {"method": "PUT", "url": "u", "body": {"mode": "file", "file": {"src": null}}}}]}`
	c, err := Read("x.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Requests[0]
	if p.URL != "{{base}}/status/200/x/:id?q=1" || len(p.Body.Parts) != 1 || len(p.Skipped) != 1 {
		t.Errorf("p = %+v", p)
	}
	if e := c.Requests[1]; e.Body.Kind != collection.NoBody || len(e.Skipped) != 1 {
		t.Errorf("e = %+v", e)
	}
}

func TestReadEnvironment(t *testing.T) {
	data, _ := os.ReadFile("testdata/dev.postman_environment.json")
	name, vars, err := ReadEnvironment("dev.json", data)
	if err != nil || name != "dev" || len(vars) != 2 || !vars[1].Secret || vars[0].Value != "http://localhost:3000" {
		t.Errorf("env = %q %+v %v", name, vars, err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.0.0/collection.json"}, "item": []}`, "x.json: info.schema: this is a Postman Collection v2.0 file"},
		{`{"id": "1", "name": "old", "order": [], "requests": []}`, "x.json: this is a Postman Collection v1 file"},
		{`{"item": []}`, "x.json: info: missing"},
		{`nope`, "x.json: not a Postman collection"},
		{`{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [{"name": "f", "item": [{"name": "r", "request": {"method": "GET"}}]}]}`, "x.json: item[0].item[0].request.url: missing"},
		{`{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": [{"name": "r", "request": {"url": "u", "header": 3}}]}`, "x.json: item[0].request.header: must be"},
	}
	for _, tt := range tests {
		_, err := Read("x.json", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%s) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	b, _ := os.ReadFile("testdata/shop.postman_collection.json")
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Read("f.json", data)
		_, _, _ = ReadEnvironment("f.json", data)
	})
}
