package spec

import (
	"context"
	"net/url"
	"os"
	"reflect"
	"testing"

	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/session"
)

func petstore(t *testing.T, base string) *loaded {
	t.Helper()
	data, err := os.ReadFile("../../internal/openapi/testdata/petstore31.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := openapi.Load(context.Background(), openapi.Source{Data: data, Location: "../../internal/openapi/testdata/petstore31.yaml"}, openapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := session.New("test")
	if base != "" {
		s.Base, _ = url.Parse(base)
	}
	return newLoaded(ix, "petstore31.yaml", s)
}

// TestRelPath: a request path is made relative to the spec's paths by the
// base's path, else by a server's path.
func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ base, url, want string }{
		{"http://127.0.0.1:8080/v2", "http://127.0.0.1:8080/v2/pets/7", "/pets/7"},
		{"http://127.0.0.1:8080/api", "http://127.0.0.1:8080/api/pets", "/pets"},
		{"", "https://eu.pets.example/v2/pets", "/pets"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/pets", "/pets"},
		{"http://127.0.0.1:8080/v2", "http://other.example/v2/tree", "/tree"},
	} {
		l := petstore(t, tc.base)
		u, _ := url.Parse(tc.url)
		if got := l.relPath(u); got != tc.want {
			t.Errorf("base %s, %s: got %s, want %s", tc.base, tc.url, got, tc.want)
		}
	}
}

// TestRemember: ids of list items and of a fetched object are kept under
// their collection, newest first, unsafe ones dropped.
func TestRemember(t *testing.T) {
	l := petstore(t, "")
	l.remember("/pets", []byte(`{"items": [{"id": 1}, {"id": "two"}, {"id": "a b"}, {"id": true}]}`))
	l.remember("/pets/9", []byte(`{"id": 9, "name": "rex"}`))
	l.remember("/pets", []byte(`not json`))
	if got, want := l.seenIDs("/pets"), []string{"9", "1", "two"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	got := l.SpecPaths("/pets/")
	var texts []string
	for _, s := range got {
		texts = append(texts, s.Text)
	}
	for _, want := range []string{"/pets/{petId}", "/pets/9", "/pets/two"} {
		found := false
		for _, x := range texts {
			found = found || x == want
		}
		if !found {
			t.Errorf("SpecPaths(/pets/): %q missing from %q", want, texts)
		}
	}
}
