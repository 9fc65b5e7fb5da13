package session

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryableAndWait(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ex := func(code int, retryAfter string) *Exchange {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		return &Exchange{Hops: []*Hop{{Response: &Response{StatusCode: code, Header: h}}}}
	}
	for _, tc := range []struct {
		name  string
		e     *Exchange
		err   error
		retry bool
		wait  time.Duration
	}{
		{"no response", nil, ErrTimeout, true, time.Second},
		{"200", ex(200, ""), nil, false, time.Second},
		{"404", ex(404, ""), nil, false, time.Second},
		{"500", ex(500, ""), nil, true, time.Second},
		{"503 Retry-After 3", ex(503, "3"), nil, true, 3 * time.Second},
		{"429 Retry-After 0", ex(429, "0"), nil, true, time.Second},
		{"429 Retry-After an hour, capped", ex(429, "3600"), nil, true, MaxRetryAfter},
		{"429 Retry-After a date", ex(429, now.Add(5*time.Second).Format(http.TimeFormat)), nil, true, 5 * time.Second},
		{"429 Retry-After nonsense", ex(429, "soon"), nil, true, time.Second},
	} {
		if got := Retryable(tc.e, tc.err); got != tc.retry {
			t.Errorf("%s: Retryable %v", tc.name, got)
		}
		if got := RetryWait(tc.e, time.Second, now); got != tc.wait {
			t.Errorf("%s: RetryWait %s, want %s", tc.name, got, tc.wait)
		}
	}
}
