package session

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// checkPhases: the phases come in order, never overlap, and fit in the
// total; their sum is at most the total (gaps are time no phase names).
func checkPhases(t *testing.T, tm Timing) []string {
	t.Helper()
	var names []string
	var sum, prevEnd time.Duration
	for _, p := range tm.Phases() {
		names = append(names, p.Name)
		if p.Start < prevEnd || p.End < p.Start || p.End > tm.Total() {
			t.Errorf("phase %s [%v, %v] out of order (previous end %v, total %v)", p.Name, p.Start, p.End, prevEnd, tm.Total())
		}
		sum += p.End - p.Start
		prevEnd = p.End
	}
	if sum > tm.Total() {
		t.Errorf("phases add up to %v, more than the total %v", sum, tm.Total())
	}
	return names
}

func TestPhasesTable(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name string
		t    Timing
		want string
		sum  time.Duration
	}{
		{"new https", Timing{DNSStart: 0, DNSDone: 2 * ms, ConnectStart: 2 * ms, ConnectDone: 5 * ms, TLSStart: 5 * ms, TLSDone: 9 * ms,
			GotConn: 9 * ms, WroteRequest: 10 * ms, FirstByte: 30 * ms, BodyDone: 40 * ms}, "dns connect tls send wait transfer", 40 * ms},
		{"ip address, http", Timing{ConnectStart: 1, ConnectDone: 3 * ms, GotConn: 3 * ms, WroteRequest: 4 * ms, FirstByte: 8 * ms, BodyDone: 9 * ms},
			"connect send wait transfer", 9*ms - 1},
		{"reused", Timing{GotConn: 1, WroteRequest: 2 * ms, FirstByte: 5 * ms, BodyDone: 6 * ms, Reused: true}, "send wait transfer", 6*ms - 1},
		{"answer before the body was sent", Timing{GotConn: 1, WroteRequest: 7 * ms, FirstByte: 5 * ms, BodyDone: 9 * ms}, "send transfer", 5*ms - 1 + 4*ms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := checkPhases(t, tc.t)
			if got := strings.Join(names, " "); got != tc.want {
				t.Errorf("phases %q, want %q", got, tc.want)
			}
			var sum time.Duration
			for _, p := range tc.t.Phases() {
				sum += p.End - p.Start
			}
			if sum != tc.sum {
				t.Errorf("sum %v, want %v", sum, tc.sum)
			}
		})
	}
}

// TestTimingReal: real exchanges over loopback, http and https: the
// first makes a connection (and a TLS handshake), the second reuses it;
// the phases add up either way.
func TestTimingReal(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("hello")) })
	for _, tc := range []struct {
		name  string
		srv   *httptest.Server
		first string
	}{
		{"http", httptest.NewServer(h), "connect send wait transfer"},
		{"https", httptest.NewTLSServer(h), "connect tls send wait transfer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer tc.srv.Close()
			s := New("test")
			defer s.Close()
			for i, want := range []string{tc.first, "send wait transfer"} {
				p, err := s.Prepare(&Request{Method: "GET", URL: tc.srv.URL, Options: Options{Insecure: true}})
				if err != nil {
					t.Fatal(err)
				}
				e, err := s.Send(context.Background(), p, SendOptions{})
				if err != nil {
					t.Fatal(err)
				}
				tm := e.Final().Timing
				if got := strings.Join(checkPhases(t, tm), " "); got != want {
					t.Errorf("request %d: phases %q, want %q", i+1, got, want)
				}
				if tm.Reused != (i == 1) {
					t.Errorf("request %d: reused = %v", i+1, tm.Reused)
				}
			}
		})
	}
}
