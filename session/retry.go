package session

import (
	"net/http"
	"strconv"
	"time"
)

// MaxRetryAfter caps the wait a Retry-After header can ask for: a server
// cannot park a CI run for an hour.
const MaxRetryAfter = 30 * time.Second

// RetrySettings say how a request is sent again after a transport failure
// or a 5xx/429 answer (`set retry`, `set retry-delay`, --retry,
// --retry-delay).
type RetrySettings struct {
	Count int           // attempts after the first; 0: none
	Delay time.Duration // wait between attempts unless Retry-After says more
}

func retrySettings() []Setting {
	return []Setting{
		{Name: "retry", Kind: "count", Default: "0", Values: []string{"0", "1", "3", "5"},
			Help: "send a request again up to N times after a transport failure or a 5xx/429 answer: a number",
			get:  func(s *Settings) string { return strconv.Itoa(s.Retry.Count) },
			set: func(s *Settings, v string) (err error) {
				s.Retry.Count, err = parseCount(v)
				return err
			}},
		{Name: "retry-delay", Kind: "duration", Default: "1s", Values: []string{"100ms", "1s", "5s"},
			Help: "wait between retries: a duration such as 1s (a Retry-After header may ask for more, up to 30s)",
			get:  func(s *Settings) string { return formatTimeout(s.Retry.Delay) },
			set:  durationSetter(func(s *Settings) *time.Duration { return &s.Retry.Delay })},
	}
}

// Retryable says whether an attempt that ended with e and err is worth
// sending again: a transport failure (no response), a 5xx or a 429.
func Retryable(e *Exchange, err error) bool {
	if e == nil || len(e.Hops) == 0 || e.Response() == nil {
		return err != nil
	}
	code := e.Response().StatusCode
	return code >= 500 || code == http.StatusTooManyRequests
}

// RetryWait is how long to wait before the next attempt: the
// Retry-After of the response (seconds or an HTTP date, capped at
// MaxRetryAfter) when it asks for more than delay, else delay.
func RetryWait(e *Exchange, delay time.Duration, now time.Time) time.Duration {
	if e == nil || len(e.Hops) == 0 || e.Response() == nil {
		return delay
	}
	ra := e.Response().Header.Get("Retry-After")
	if ra == "" {
		return delay
	}
	var want time.Duration
	if n, err := strconv.Atoi(ra); err == nil && n >= 0 {
		want = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(ra); err == nil {
		want = t.Sub(now)
	}
	want = min(want, MaxRetryAfter)
	return max(want, delay)
}
