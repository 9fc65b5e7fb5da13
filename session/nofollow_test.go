package session

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestNoFollowKeepsRedirectBody: with redirects not followed, the 3xx is
// the final answer and its body is kept like any other.
func TestNoFollowKeepsRedirectBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			w.Header().Set("Location", "/new")
			w.WriteHeader(http.StatusFound)
			_, _ = io.WriteString(w, "moved to /new")
			return
		}
		_, _ = io.WriteString(w, "the new page")
	}))
	defer srv.Close()
	s := New("test")
	defer s.Close()
	for _, tc := range []struct {
		follow bool
		hops   int
		body   string
	}{{false, 1, "moved to /new"}, {true, 2, "the new page"}} {
		follow := tc.follow
		p, err := s.Prepare(&Request{Method: "GET", URL: srv.URL + "/old", Options: Options{Follow: &follow}})
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Send(context.Background(), p, SendOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(e.Hops) != tc.hops || string(e.Response().Body) != tc.body {
			t.Errorf("follow %v: %d hops, body %q; want %d, %q", follow, len(e.Hops), e.Response().Body, tc.hops, tc.body)
		}
	}
}
