package jar

import (
	"net/http"
	"net/url"
	"strings"
)

// SetCookieLines stores the cookies of a response from u given as its raw
// Set-Cookie header values. net/http drops a line it cannot parse without
// a word; here such a line is recorded as a rejection (see Rejected) with
// net/http's reason, and the others go through SetCookies.
func (j *Jar) SetCookieLines(u *url.URL, lines []string) {
	var ok []*http.Cookie
	for _, line := range lines {
		c, err := http.ParseSetCookie(line)
		if err != nil {
			j.rejectLine(u, line, err)
			continue
		}
		ok = append(ok, c)
	}
	j.SetCookies(u, ok)
}

func (j *Jar) rejectLine(u *url.URL, line string, err error) {
	name, _, _ := strings.Cut(line, "=")
	name = strings.TrimSpace(name)
	if len(name) > 64 {
		name = name[:64] + "..."
	}
	reason := "Set-Cookie not understood: " + strings.TrimPrefix(err.Error(), "http: ")
	now := j.now()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.reject(name, strings.ToLower(u.Hostname()), jarOrigin(u), reason, now)
}
