package openapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
)

// petServer serves part of the petstore on loopback; with deviate, ids
// come back as strings and GET /pets/{id} answers 500, which the
// operation does not document (it has 200 and 4XX).
func petServer(deviate bool) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/pets", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		id := "1"
		if deviate {
			id = `"1"`
		}
		fmt.Fprintf(w, `{"items": [{"id": %s, "name": "rex"}], "next": null}`, id)
	})
	mux.HandleFunc("GET /v2/pets/{id}", func(w http.ResponseWriter, r *http.Request) {
		if deviate {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id": %s, "name": "rex", "kind": "dog"}`, r.PathValue("id"))
	})
	return httptest.NewServer(mux)
}

func TestValidateAgainstLoopbackServers(t *testing.T) {
	ix := mustLoad(t, "testdata/petstore31.yaml")
	for _, deviate := range []bool{false, true} {
		srv := petServer(deviate)
		var got []string
		for _, path := range []string{"/v2/pets?limit=3", "/v2/pets/7"} {
			req, _ := http.NewRequest("GET", srv.URL+path, nil)
			req.Header.Set("X-Trace", "t")
			op, _, err := ix.Match("GET", ix.RelativePath(req.URL.Path))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, problemStrings(ix.ValidateRequest(op, "GET", req.URL, req.Header, nil))...)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			got = append(got, problemStrings(ix.ValidateResponse(op, resp.StatusCode, resp.Header.Get("Content-Type"), body))...)
		}
		srv.Close()
		var want []string
		if deviate {
			want = []string{`.items[0].id: expected integer, got "1"`, `status 500: not documented for GET /pets/{petId} (documented: 200, 4XX)`}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("deviate=%v:\n got %q\nwant %q", deviate, got, want)
		}
	}
}

func TestRemoteRefs(t *testing.T) {
	schema := `{"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, schema)
	}))
	defer srv.Close()
	spec, _ := os.ReadFile("testdata/broken/remote.yaml")
	spec = []byte(strings.Replace(string(spec), "https://schemas.example/a.json", srv.URL+"/a.json", 1))
	fetch := func(ctx context.Context, u *url.URL) ([]byte, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", u.String(), nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	src := Source{Data: spec, Location: "testdata/broken/remote.yaml"}
	if _, err := Load(context.Background(), src, Options{Fetch: fetch}); err == nil || !strings.Contains(err.Error(), "remote $ref refused") {
		t.Errorf("without AllowRemoteRefs: %v", err)
	}
	ix, err := Load(context.Background(), src, Options{Fetch: fetch, AllowRemoteRefs: true})
	if err != nil {
		t.Fatal(err)
	}
	op, _ := ix.Find("GET /a")
	if got := problemStrings(ix.ValidateResponse(op, 200, "application/json", []byte(`{"n": "x"}`))); len(got) != 1 || got[0] != `.n: expected integer, got "x"` {
		t.Errorf("remote schema not applied: %q", got)
	}
}
