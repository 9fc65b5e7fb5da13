package session_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// trickle answers with n chunks of "x", pausing between them; n < 0 never
// stops. It stops early when the client goes away.
func trickle(n int, pause time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusOK)
		for i := 0; n < 0 || i < n; i++ {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(pause):
			case <-r.Context().Done():
				return
			}
		}
	})
}

// TestHeaderTimeoutSteadyBody: a body that takes longer than
// header-timeout in all, but never pauses that long, arrives whole.
func TestHeaderTimeoutSteadyBody(t *testing.T) {
	srv := hostile.Server(t, trickle(12, 50*time.Millisecond))
	s := newSession(t)
	s.Settings.HeaderTimeout = 400 * time.Millisecond
	e, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if err != nil || string(e.Response().Body) != strings.Repeat("x", 12) {
		t.Fatalf("err = %v", err)
	}
}

// TestHeaderTimeoutPause: a body that pauses longer than header-timeout
// fails with an error naming header-timeout and what had arrived.
func TestHeaderTimeoutPause(t *testing.T) {
	srv := hostile.Server(t, trickle(2, time.Minute))
	s := newSession(t)
	s.Settings.HeaderTimeout = 200 * time.Millisecond
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrTimeout) || !strings.Contains(err.Error(), "paused for more than header-timeout 200ms after 1 body bytes") ||
		!strings.Contains(err.Error(), "set header-timeout 60s") {
		t.Fatalf("err = %v, want a pause past header-timeout", err)
	}
}

// TestWholeTimeoutCutsSteadyBody: --timeout bounds the whole request, so
// an endless but steady body is cut, and the error names --timeout.
func TestWholeTimeoutCutsSteadyBody(t *testing.T) {
	srv := hostile.Server(t, trickle(-1, 20*time.Millisecond))
	s := newSession(t)
	d := 300 * time.Millisecond
	_, err := send(t, s, &session.Request{Method: "GET", URL: srv.URL, Options: session.Options{Timeout: &d}})
	if !errors.Is(err, session.ErrTimeout) || !strings.Contains(err.Error(), "after 300ms for the whole request") ||
		!strings.Contains(err.Error(), "--timeout 60s") {
		t.Fatalf("err = %v, want the whole-request limit", err)
	}
	s.Settings.Timeout = d
	_, err = send(t, s, &session.Request{Method: "GET", URL: srv.URL})
	if !errors.Is(err, session.ErrTimeout) || !strings.Contains(err.Error(), "`set timeout 60s`") {
		t.Fatalf("err = %v, want the whole-request setting named", err)
	}
}

// TestTimeoutDefaults: header-timeout is on and the whole-request limit
// off in a new session.
func TestTimeoutDefaults(t *testing.T) {
	st := session.DefaultSettings()
	h, _ := st.Get("header-timeout")
	w, _ := st.Get("timeout")
	if h != "30s" || w != "off" {
		t.Fatalf("header-timeout %s, timeout %s", h, w)
	}
}
