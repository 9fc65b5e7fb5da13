package openapi

import (
	"context"
	"os"
	"path/filepath"
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
