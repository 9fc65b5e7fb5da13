package lesson

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptrace"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// driver runs the subset of httpsh command lines that lessons use as
// answers, with net/http against the playground, and turns each into an
// Attempt. It stands in for the shell until `learn` is wired to it.
type driver struct {
	t        *testing.T
	base     string
	jar      *cookiejar.Jar
	client   *http.Client
	auth     string // session Authorization
	prepared []string
	noSess   bool
}

func newDriver(t *testing.T, base string) *driver {
	d := &driver{t: t, base: base}
	d.clearJar()
	return d
}

func (d *driver) clearJar() {
	d.jar, _ = cookiejar.New(nil)
	d.client = &http.Client{Jar: d.jar, Transport: &http.Transport{DisableCompression: true}}
}

// run runs one line and returns its attempt.
func (d *driver) run(line string) Attempt {
	w, err := splitWords(line)
	if err != nil || len(w) == 0 {
		d.t.Fatalf("%q: %v", line, err)
	}
	a := Attempt{Line: line}
	switch w[0] {
	case "get", "post", "put", "delete", "head", "options", "patch", "download":
		a.Exchange = d.request(strings.ToUpper(w[0]), w[1:], false)
	case "cookies":
		if len(w) > 1 && w[1] == "clear" {
			d.clearJar()
		}
	case "auth":
		d.auth = authHeader(w[1:])
	case "prepare":
		d.noSess = len(w) > 1 && w[1] == "--no-session"
		d.prepared = w[1:]
		if d.noSess {
			d.prepared = w[2:]
		}
	case "send":
		a.Exchange = d.request(d.prepared[0], d.prepared[1:], d.noSess)
	}
	a.Jar = d.cookies()
	return a
}

func authHeader(w []string) string {
	switch {
	case len(w) == 2 && w[0] == "basic":
		u, p, _ := strings.Cut(w[1], ":")
		r, _ := http.NewRequest("GET", "/", nil)
		r.SetBasicAuth(u, p)
		return r.Header.Get("Authorization")
	case len(w) == 2 && w[0] == "bearer":
		return "Bearer " + w[1]
	}
	return ""
}

// cookies lists the jar as far as net/http/cookiejar lets one: the
// cookies for the playground's root and the lessons' paths.
func (d *driver) cookies() []Cookie {
	var out []Cookie
	seen := map[string]bool{}
	for _, p := range []string{"/", "/learn/echo/admin/"} {
		for _, scheme := range []string{"http", "https"} {
			u, _ := url.Parse(strings.Replace(d.base, "http", scheme, 1) + p)
			for _, c := range d.jar.Cookies(u) {
				if !seen[c.Name] {
					seen[c.Name] = true
					out = append(out, Cookie{Name: c.Name, Value: c.Value})
				}
			}
		}
	}
	return out
}

// reqSpec is a request line's method, URL, headers and body.
type reqSpec struct {
	method, url  string
	header       http.Header
	query        url.Values
	fields       map[string]any
	order        []string
	files        map[string]string
	body         []byte
	form, follow bool
	ctype        string
}

func (d *driver) parse(method string, w []string) *reqSpec {
	s := &reqSpec{method: method, header: http.Header{}, query: url.Values{}, fields: map[string]any{}, files: map[string]string{}, follow: true}
	if method == "REQUEST" {
		s.method, w = w[0], w[1:]
	}
	s.url, w = d.base+w[0], w[1:]
	if !strings.HasPrefix(w0(s.url, d.base), "/") {
		s.url = strings.TrimPrefix(s.url, d.base)
	}
	for i := 0; i < len(w); i++ {
		i = s.word(w, i)
	}
	return s
}

func w0(u, base string) string { return strings.TrimPrefix(u, base) }

// word reads the item or flag at w[i]; it returns the index of the last
// word it used.
func (s *reqSpec) word(w []string, i int) int {
	x := w[i]
	next := func() string { i++; return w[i] }
	switch {
	case x == "--form":
		s.form = true
	case x == "--no-follow":
		s.follow = false
	case x == "--show" || x == "--timeout":
		next()
	case x == "--json":
		s.body, s.ctype = []byte(next()), "application/json"
	case x == "--auth":
		s.header.Set("Authorization", authHeader([]string{"basic", next()}))
	case x == "--bearer":
		s.header.Set("Authorization", "Bearer "+next())
	case x == "-H":
		k, v, _ := strings.Cut(next(), ":")
		s.header.Set(k, strings.TrimSpace(v))
	case strings.Contains(x, "=="):
		k, v, _ := strings.Cut(x, "==")
		s.query.Add(k, v)
	case strings.Contains(x, ":="):
		k, v, _ := strings.Cut(x, ":=")
		s.fields[k], s.order = json.RawMessage(v), append(s.order, k)
	case strings.Contains(x, "@") && !strings.ContainsAny(x[:strings.Index(x, "@")], "=:"):
		k, v, _ := strings.Cut(x, "@")
		s.files[k] = v
	case strings.Contains(x, "=") && !strings.Contains(x[:strings.Index(x, "=")], ":"):
		k, v, _ := strings.Cut(x, "=")
		s.fields[k], s.order = v, append(s.order, k)
	case strings.Contains(x, ":"):
		k, v, _ := strings.Cut(x, ":")
		s.header.Set(k, v)
	}
	return i
}

// encode builds the body from fields and files, as httpsh does.
func (s *reqSpec) encode(t *testing.T) {
	switch {
	case len(s.files) > 0:
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, p := range s.files {
			data, err := os.ReadFile(filepath.Join("..", "..", p))
			if err != nil {
				t.Fatal(err)
			}
			fw, _ := mw.CreateFormFile(k, filepath.Base(p))
			fw.Write(data)
		}
		mw.Close()
		s.body, s.ctype = b.Bytes(), mw.FormDataContentType()
	case len(s.order) > 0 && s.form:
		v := url.Values{}
		for _, k := range s.order {
			v.Set(k, s.fields[k].(string))
		}
		s.body, s.ctype = []byte(v.Encode()), "application/x-www-form-urlencoded"
	case len(s.order) > 0:
		s.body, _ = json.Marshal(s.fields)
		s.ctype = "application/json"
	}
}

// request sends a request line and records the exchange.
func (d *driver) request(method string, w []string, noSession bool) *Exchange {
	s := d.parse(method, w)
	s.encode(d.t)
	u, _ := url.Parse(s.url)
	q := u.Query()
	for k, v := range s.query {
		q[k] = append(q[k], v...)
	}
	u.RawQuery = strings.ReplaceAll(q.Encode(), "%2F", "/")
	if len(s.query) == 0 {
		u.RawQuery, _ = strings.CutPrefix(s.url[len(strings.Split(s.url, "?")[0]):], "?")
	}
	req, _ := http.NewRequest(s.method, u.String(), bytes.NewReader(s.body))
	req.Header.Set("Accept", "*/*")
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if d.auth != "" && !noSession {
		req.Header.Set("Authorization", d.auth)
	}
	if s.ctype != "" {
		req.Header.Set("Content-Type", s.ctype)
	}
	for k, v := range s.header {
		req.Header[k] = v
	}
	return d.do(req, s, noSession)
}

func (d *driver) do(req *http.Request, s *reqSpec, noSession bool) *Exchange {
	x := &Exchange{}
	c := *d.client
	if noSession {
		c.Jar = nil
	}
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if !s.follow {
			return http.ErrUseLastResponse
		}
		x.Redirects = len(via)
		return nil
	}
	trace := &httptrace.ClientTrace{GotConn: func(i httptrace.GotConnInfo) { x.Reused = i.Reused }}
	req = req.WithContext(httptrace.WithClientTrace(context.Background(), trace))
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		d.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		body, _ = gzip.NewReader(resp.Body)
	}
	b, _ := io.ReadAll(body)
	x.Elapsed = time.Since(start)
	final := resp.Request
	x.Request = Request{Method: final.Method, URL: final.URL.String(), Header: final.Header.Clone()}
	if final.Method == req.Method {
		x.Request.Body = s.body
	}
	if resp.Close {
		resp.Header.Set("Connection", "close")
	}
	x.Response = Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
	return x
}
