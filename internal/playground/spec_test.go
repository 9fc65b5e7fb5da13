package playground

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/openapi"
)

// pathValues fill the playground spec's path parameters.
func pathValues() map[string]string {
	return map[string]string{
		"code": "200", "n": "2", "user": "ada", "passwd": "pw", "qop": "auth", "kind": "png",
		"etag": "abc", "value": "aGVsbG8=", "path": "x", "algorithm": "SHA-256",
	}
}

// routeQueries are the query strings some routes need to answer quickly
// or at all.
func routeQueries() map[string]string {
	return map[string]string{
		"/redirect-to": "url=/get", "/drip": "numbytes=5&duration=0", "/sse": "count=1&duration=10ms",
		"/delay/{n}": "", "/response-headers": "X-Demo=1", "/cookies/set": "a=1",
	}
}

// TestSpecMatchesPlayground sends a GET to every GET route the spec
// documents and validates request and response against the spec.
func TestSpecMatchesPlayground(t *testing.T) {
	pg, err := Start(10 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	spec := fetchSpec(t, pg.URL)
	if base, err := spec.BaseURL(0); base != pg.URL || err != nil {
		t.Errorf("BaseURL(0) = %q, %v; want the playground's %s", base, err, pg.URL)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	checked := 0
	for _, op := range spec.Operations {
		if op.Method != http.MethodGet {
			continue
		}
		path := op.Path
		for name, v := range pathValues() {
			path = strings.ReplaceAll(path, "{"+name+"}", v)
		}
		if op.Path == "/delay/{n}" {
			path = "/delay/0"
		}
		u, _ := url.Parse(pg.URL + path)
		u.RawQuery = routeQueries()[op.Path]
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, u.String(), nil)
		authorize(req, op)
		if ps := spec.ValidateRequest(op, req.Method, req.URL, req.Header, nil); len(ps) > 0 {
			t.Errorf("%s: request %s: %v", op, u, ps)
		}
		status, ct, body := fetch(t, client, req)
		if ps := spec.ValidateResponse(op, status, ct, body); len(ps) > 0 {
			t.Errorf("%s: %d %s: %v", op, status, ct, ps)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("checked only %d GET routes", checked)
	}
}

func authorize(req *http.Request, op *openapi.Operation) {
	for _, r := range op.Security {
		for _, use := range r {
			switch use.Scheme {
			case "basic":
				req.SetBasicAuth("ada", "pw")
			case "bearer":
				req.Header.Set("Authorization", "Bearer t0ken")
			}
		}
	}
}

func fetchSpec(t *testing.T, base string) *openapi.Index {
	t.Helper()
	resp, err := http.Get(base + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, OpenAPI()) || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("/openapi.json serves %d bytes of %s", len(data), resp.Header.Get("Content-Type"))
	}
	ix, err := openapi.Load(context.Background(), openapi.Source{Data: data, Location: base + "/openapi.json"}, openapi.Options{Validate: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ix.Warnings {
		t.Errorf("spec warning: %s", w)
	}
	return ix
}

// fetch returns the status, media type and decoded body of a response.
func fetch(t *testing.T, client *http.Client, req *http.Request) (int, string, []byte) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "deflate" {
		zr, err := zlib.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}
