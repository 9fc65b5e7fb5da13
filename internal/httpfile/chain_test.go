package httpfile

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/peertest"
)

// TestChainOverLoopback sends chain.http with Resolve and net/http: the
// second request carries the token and header of the first's response.
func TestChainOverLoopback(t *testing.T) {
	rec := peertest.NewRecorder(t)
	f := parseFile(t, "chain.http")
	resp := fixedResponses{}
	sc := &Scope{Vars: []map[string]string{f.VarMap(), {"addr": rec.Listener.Addr().String()}}, Responses: resp}
	for i := range f.Requests {
		r, err := Resolve(&f.Requests[i], "testdata", sc, os.ReadFile)
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(r.Method, r.URL, bytes.NewReader(r.Body))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range r.Headers {
			req.Header.Add(h.Name, h.Value)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got := &Response{Body: body}
		for k, vs := range res.Header {
			for _, v := range vs {
				got.Headers = append(got.Headers, collection.Header{Name: k, Value: v})
			}
		}
		resp[r.Name] = got
	}
	g := rec.Got()[1]
	if g.Header.Get("Authorization") != "Bearer abc123" || g.Header.Get("X-Login-Type") != "application/json" || g.RequestURI != "/anything/me?page=2&size=10" {
		t.Errorf("whoami sent %s %v", g.RequestURI, g.Header)
	}
}

func TestResolveErrorsNamePlace(t *testing.T) {
	f, err := Parse("api.http", []byte("@a = 1\n\n###\nGET http://h/{{a}}\nX-B: {{b}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(&f.Requests[0], ".", &Scope{Vars: []map[string]string{f.VarMap()}}, os.ReadFile)
	var ce *collection.Error
	if err == nil || !errors.As(err, &ce) || !errors.Is(err, ErrUnknown) ||
		!strings.HasPrefix(err.Error(), "api.http:4: cannot prepare GET http://h/{{a}}: header X-B: {{b}}: unknown variable: define it") {
		t.Errorf("err = %v", err)
	}
	f, _ = Parse("api.http", []byte("POST http://h/\n\n< ./missing.json\n"))
	if _, err := Resolve(&f.Requests[0], "testdata", &Scope{}, os.ReadFile); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
