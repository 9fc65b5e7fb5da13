package playground

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// The /learn/ routes serve the lessons of internal/lesson what go-httpbin
// lacks. Each is small, fixed and documented here:
//
//	/learn/echo/ANY          any method: a JSON echo of the request as it
//	                         came: method, path, query, headers, cookies,
//	                         body (text), json (when the body is JSON) and
//	                         form (when it is form-encoded)
//	/learn/cookies/path      sets area=staff; Path=/learn/echo/admin: sent
//	                         to /learn/echo/admin/..., not to /learn/echo/
//	/learn/cookies/domain    sets tracker=1; Domain=example.com: a cookie
//	                         for a domain the host is not in, so a jar
//	                         refuses it (RFC 6265, section 5.3, step 6)
//	/learn/cookies/secure    sets token=s3cret; Path=/; Secure; HttpOnly
//	/learn/redirect/CODE     any method: CODE (301, 302, 303, 307, 308)
//	                         with Location /learn/echo/landed?from=CODE, so
//	                         the echo shows the method and body that
//	                         followed the redirect
//	/learn/cache             ETag "v1", Cache-Control: max-age=60 and a
//	                         fixed Last-Modified; If-None-Match "v1" (or
//	                         W/"v1", or *) gets 304 Not Modified, no body
//	/learn/auth/admin        Basic auth, realm "learn": no or wrong
//	                         credentials get 401 with WWW-Authenticate;
//	                         luke:force is known but not allowed, 403;
//	                         admin:secret gets 200
//	/learn/conn/close        200 with Connection: close: the server closes
//	                         the connection, the next request opens another
//
// Any other /learn/ path is 404.
func learnHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/learn/echo/", learnEcho)
	mux.HandleFunc("/learn/cookies/path", setCookie("area=staff; Path=/learn/echo/admin"))
	mux.HandleFunc("/learn/cookies/domain", setCookie("tracker=1; Path=/; Domain=example.com"))
	mux.HandleFunc("/learn/cookies/secure", setCookie("token=s3cret; Path=/; Secure; HttpOnly"))
	mux.HandleFunc("/learn/redirect/{code}", learnRedirect)
	mux.HandleFunc("/learn/cache", learnCache)
	mux.HandleFunc("/learn/auth/admin", learnAuth)
	mux.HandleFunc("/learn/conn/close", learnClose)
	return mux
}

// withLearn sends /learn/ to the lesson routes and the rest to next.
func withLearn(next http.Handler) http.Handler {
	learn := learnHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/learn/") {
			learn.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, _ := json.MarshalIndent(v, "", "  ")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// learnEcho answers with the request as it came.
func learnEcho(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	out := map[string]any{
		"method":  r.Method,
		"path":    r.URL.Path,
		"query":   r.URL.Query(),
		"headers": r.Header,
		"cookies": cookieMap(r),
		"body":    string(body),
	}
	var js any
	if json.Unmarshal(body, &js) == nil {
		out["json"] = js
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		if r.ParseForm() == nil {
			out["form"] = r.PostForm
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func cookieMap(r *http.Request) map[string]string {
	m := map[string]string{}
	for _, c := range r.Cookies() {
		m[c.Name] = c.Value
	}
	return m
}

// setCookie answers 200 with one Set-Cookie header, as written.
func setCookie(header string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", header)
		writeJSON(w, http.StatusOK, map[string]string{"set-cookie": header})
	}
}

func learnRedirect(w http.ResponseWriter, r *http.Request) {
	code, _ := strconv.Atoi(r.PathValue("code"))
	switch code {
	case 301, 302, 303, 307, 308:
	default:
		http.Error(w, "redirect codes: 301, 302, 303, 307, 308", http.StatusNotFound)
		return
	}
	w.Header().Set("Location", "/learn/echo/landed?from="+strconv.Itoa(code))
	w.WriteHeader(code)
}

const learnETag = `"v1"`

func learnCache(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("ETag", learnETag)
	h.Set("Cache-Control", "max-age=60")
	h.Set("Last-Modified", "Mon, 02 Nov 2026 09:00:00 GMT")
	for _, tag := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == learnETag || tag == "*" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"version": 1, "etag": learnETag})
}

func learnAuth(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	switch {
	case ok && user == "admin" && pass == "secret":
		writeJSON(w, http.StatusOK, map[string]any{"authenticated": true, "user": user})
	case ok && user == "luke" && pass == "force":
		writeJSON(w, http.StatusForbidden, map[string]any{"authenticated": true, "user": user, "error": "luke may not see the admin page"})
	default:
		w.Header().Set("WWW-Authenticate", `Basic realm="learn"`)
		writeJSON(w, http.StatusUnauthorized, map[string]any{"authenticated": false})
	}
}

func learnClose(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "close")
	writeJSON(w, http.StatusOK, map[string]any{"connection": "close"})
}
