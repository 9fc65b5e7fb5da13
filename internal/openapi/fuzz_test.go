package openapi

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad: whatever the bytes, Load returns an index or an error of one
// line, never both, and never panics; a loaded index answers queries.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	broken, _ := filepath.Glob("testdata/broken/*")
	for _, name := range append(files, broken...) {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"openapi":"3.1.0","paths":{"/{a}{b}":{"get":{"responses":{"200":{"description":"x"}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ix, err := Load(context.Background(), Source{Data: data, Location: "testdata/fuzz.yaml"}, Options{})
		if (ix == nil) == (err == nil) {
			t.Fatalf("index %v and error %v", ix != nil, err)
		}
		if ix == nil {
			return
		}
		ix.Summary()
		ix.CompletePaths("/")
		for _, op := range ix.Operations {
			ix.ResponsePaths(op, 0)
			ix.ValidateResponse(op, 200, "application/json", []byte(`{"a":[1,"x",null]}`))
			if _, _, err := ix.Match(op.Method, op.Path); err != nil {
				t.Fatalf("%s does not match itself: %v", op, err)
			}
		}
	})
}

// FuzzValidateResponse: any body against the test spec's schemas.
func FuzzValidateResponse(f *testing.F) {
	f.Add([]byte(`{"items":[{"id":1,"name":"a","owner":{"pets":[{}]}}]}`))
	f.Add([]byte(`[[[[[]]]]]`))
	ix := mustLoad(f, "testdata/petstore31.yaml")
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, op := range ix.Operations {
			for _, p := range ix.ValidateResponse(op, 200, "application/json", body) {
				_ = p.String()
			}
		}
	})
}

// FuzzInferRoundTrip: whatever two exchanges were seen, the draft Infer
// writes loads and validates both of them.
func FuzzInferRoundTrip(f *testing.F) {
	f.Add("/users/17", "q=1", []byte(`{"a": 1, "b": ["x"]}`), []byte(`{"a": 2.5, "c": null}`))
	f.Add("/", "", []byte(`[1, "a", {"b": true}]`), []byte(`"text"`))
	f.Add("/x/3f2b8c1e-0a4d-4c7e-9b1a-2f6d8e9c0b1a", "a=1&a=x", []byte(`{}`), []byte(`not json`))
	f.Fuzz(func(t *testing.T, path, query string, body1, body2 []byte) {
		u := url.URL{Scheme: "http", Host: "api.test", Path: "/" + strings.TrimLeft(path, "/"), RawQuery: query}
		if _, err := url.Parse(u.String()); err != nil {
			return
		}
		xs := []Exchange{
			{Method: "POST", URL: u.String(), RequestContentType: "application/json", RequestBody: body1, Status: 200, ResponseContentType: "application/json", ResponseBody: body2},
			{Method: "POST", URL: u.String(), RequestContentType: "application/json", RequestBody: body2, Status: 200, ResponseContentType: "application/json", ResponseBody: body1},
		}
		draft, err := Infer(xs, InferOptions{})
		if err != nil {
			return
		}
		ix, err := Load(context.Background(), Source{Data: draft, Location: "draft.json"}, Options{})
		if err != nil {
			t.Fatalf("draft does not load: %v\n%s", err, draft)
		}
		roundTrip(t, ix, xs)
	})
}
