// Package har reads browser HAR 1.2 archives (Chrome, Firefox) into
// collection.Requests and writes HAR 1.2 that is valid under the HAR
// schema (github.com/ahmadnassri/har-schema, checked by har-validator).
package har

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/httpsh/httpsh/internal/collection"
)

type nv struct {
	Name        string  `json:"name"`
	Value       string  `json:"value"`
	FileName    string  `json:"fileName,omitempty"`
	ContentType string  `json:"contentType,omitempty"`
	Path        string  `json:"path,omitempty"`
	Domain      string  `json:"domain,omitempty"`
	Expires     *string `json:"expires,omitempty"`
	HTTPOnly    *bool   `json:"httpOnly,omitempty"`
	Secure      *bool   `json:"secure,omitempty"`
	SameSite    string  `json:"sameSite,omitempty"`
	Comment     string  `json:"comment,omitempty"`
}

type inEntry struct {
	Request *struct {
		Method   *string `json:"method"`
		URL      *string `json:"url"`
		Headers  []nv    `json:"headers"`
		Cookies  []nv    `json:"cookies"`
		PostData *struct {
			MimeType string `json:"mimeType"`
			Text     string `json:"text"`
			Params   []nv   `json:"params"`
		} `json:"postData"`
	} `json:"request"`
	Response *struct {
		Status int `json:"status"`
	} `json:"response"`
}

// ReadOptions filter what Read returns.
type ReadOptions struct {
	Match string // keep only entries whose URL contains this text ("" keeps all)
}

// Result is what Read found: a request per kept entry, with the entry's
// recorded status as a "status" Check and its request cookies in
// Request.Cookies (for the caller's jar, not a Cookie header), and one
// line per entry left out.
type Result struct {
	Requests []collection.Request
	Skipped  []string
}

// Read reads the HAR file called name. Errors name the JSON path
// (x.har: log.entries[3].request.url: missing) and leave nothing read.
// HTTP/2 pseudo-headers, hop-by-hop headers, Host, Content-Length and
// Cookie are dropped (cookies go to Request.Cookies); sec-fetch-* and
// other browser headers are kept. A body comes from postData.text, or
// from postData.params when there is no text.
func Read(name string, data []byte, opt ReadOptions) (*Result, error) {
	var top struct {
		Log *struct {
			Version string            `json:"version"`
			Entries []json.RawMessage `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%s: not a HAR file: %w", name, collection.JSONError(data, err))
	}
	if top.Log == nil {
		return nil, fmt.Errorf("%s: log: missing: this is not a HAR file", name)
	}
	if top.Log.Entries == nil {
		return nil, fmt.Errorf("%s: log.entries: missing: this is not a HAR file", name)
	}
	res := &Result{}
	for i, raw := range top.Log.Entries {
		path := fmt.Sprintf("log.entries[%d]", i)
		r, err := readEntry(raw, path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		r.Pos = collection.Pos{File: name, Path: path}
		switch {
		case !strings.HasPrefix(r.URL, "http://") && !strings.HasPrefix(r.URL, "https://"):
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s is not http(s)", path, trunc(r.URL)))
		case opt.Match == "" || strings.Contains(r.URL, opt.Match):
			res.Requests = append(res.Requests, *r)
		}
	}
	return res, nil
}

func readEntry(raw json.RawMessage, path string) (*collection.Request, error) {
	var e inEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s.%s: must be a %s, not a %s", path, te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case e.Request == nil:
		return nil, fmt.Errorf("%s.request: missing", path)
	case e.Request.Method == nil || *e.Request.Method == "":
		return nil, fmt.Errorf("%s.request.method: missing", path)
	case e.Request.URL == nil || *e.Request.URL == "":
		return nil, fmt.Errorf("%s.request.url: missing", path)
	}
	q := e.Request
	r := &collection.Request{Method: *q.Method, URL: *q.URL}
	r.Headers, r.Cookies = headersAndCookies(q.Headers, q.Cookies)
	if pd := q.PostData; pd != nil {
		r.Body = body(pd.MimeType, pd.Text, pd.Params)
		if r.Body.Kind == collection.Multipart {
			ct, _ := r.Header("Content-Type")
			r.Body.Boundary = boundaryOf(ct, pd.MimeType)
		}
		if _, has := r.Header("Content-Type"); !has && pd.MimeType != "" && r.Body.Kind != collection.NoBody {
			r.Headers = append(r.Headers, collection.Header{Name: "Content-Type", Value: pd.MimeType})
		}
	}
	if e.Response != nil && e.Response.Status > 0 {
		r.Checks = append(r.Checks, collection.Check{Kind: "status", Value: strconv.Itoa(e.Response.Status)})
	}
	return r, nil
}

// headersAndCookies keeps the headers a replay sends and takes the
// cookies from the cookie list, or from Cookie headers when there is none.
func headersAndCookies(headers, cookies []nv) ([]collection.Header, []collection.Cookie) {
	var hs []collection.Header
	var cs []collection.Cookie
	for _, h := range headers {
		switch {
		case strings.HasPrefix(h.Name, ":") || dropped(h.Name):
		case strings.EqualFold(h.Name, "Cookie"):
			if len(cookies) == 0 {
				cs = append(cs, cookiePairs(h.Value)...)
			}
		default:
			hs = append(hs, collection.Header{Name: h.Name, Value: h.Value})
		}
	}
	for _, c := range cookies {
		cs = append(cs, collection.Cookie{Name: c.Name, Value: c.Value})
	}
	return hs, cs
}

func body(mimeType, text string, params []nv) collection.Body {
	switch {
	case text != "" && utf8.ValidString(text):
		return collection.Body{Kind: collection.Text, Text: text}
	case text != "":
		return collection.Body{Kind: collection.Bytes, Bytes: []byte(text)}
	case len(params) == 0:
		return collection.Body{}
	case strings.HasPrefix(mimeType, "multipart/"):
		b := collection.Body{Kind: collection.Multipart}
		for _, p := range params {
			b.Parts = append(b.Parts, collection.Part{Name: p.Name, Text: p.Value, FileName: p.FileName, ContentType: p.ContentType})
		}
		return b
	}
	b := collection.Body{Kind: collection.Form}
	for _, p := range params {
		b.Params = append(b.Params, collection.Param{Name: p.Name, Value: p.Value})
	}
	return b
}

// boundaryOf is the boundary parameter of the first media type that has one.
func boundaryOf(types ...string) string {
	for _, t := range types {
		if _, p, err := mime.ParseMediaType(t); err == nil && p["boundary"] != "" {
			return p["boundary"]
		}
	}
	return ""
}

// dropped names the headers a replay must not copy: hop-by-hop ones and
// those the client computes.
func dropped(name string) bool {
	switch strings.ToLower(name) {
	case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
		"content-length", "host":
		return true
	}
	return false
}

func cookiePairs(v string) []collection.Cookie {
	var out []collection.Cookie
	for _, p := range strings.Split(v, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
		if name != "" {
			out = append(out, collection.Cookie{Name: name, Value: value})
		}
	}
	return out
}

func trunc(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}
