package har

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/httpsh/httpsh/internal/collection"
)

// Exchange is one request and its response, as sent and received.
type Exchange struct {
	Start    time.Time
	Request  Message
	Response *Message // nil: no response (the entry gets status 0)
	Timings  Timings
	// ServerIP and Connection (the port, or a connection id) may be "".
	ServerIP, Connection string
	Comment              string
}

// Message is a request or a response on the wire.
type Message struct {
	Method, URL string // request
	Status      int    // response
	Reason      string // response
	Proto       string // "HTTP/1.1"
	Headers     []collection.Header
	Body        []byte
	// WireSize is the response body's size on the wire (compressed), or -1.
	WireSize int64
	// Omitted says why Body is not the whole body ("streamed to a file");
	// it becomes the content's comment and the body is left out.
	Omitted string
}

// Timings are the phases of an exchange; a negative value means "does not
// apply" (-1 in HAR). SSL is part of Connect, as HAR 1.2 requires.
type Timings struct {
	Blocked, DNS, Connect, SSL, Send, Wait, Receive time.Duration
}

// Marshal encodes exchanges as a HAR 1.2 log: one Host header (from the
// URL unless the request has one), entry time the sum of the timings that
// apply (ssl excluded, being inside connect), request cookies from the
// Cookie header, response cookies with every attribute of Set-Cookie,
// postData.params for urlencoded and multipart forms, and a binary
// response body as base64 with content.encoding. A request body that is
// not UTF-8 cannot be carried by postData (HAR 1.2 has no encoding there):
// its text is left out and a comment says so.
func Marshal(creator, version string, exchanges []Exchange) ([]byte, error) {
	log := outLog{Version: "1.2", Creator: outCreator{Name: creator, Version: version}, Pages: []any{}, Entries: []outEntry{}}
	for i := range exchanges {
		log.Entries = append(log.Entries, entry(&exchanges[i]))
	}
	b, err := json.MarshalIndent(map[string]outLog{"log": log}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("har: %w", err)
	}
	return append(b, '\n'), nil
}

type outLog struct {
	Version string     `json:"version"`
	Creator outCreator `json:"creator"`
	Pages   []any      `json:"pages"`
	Entries []outEntry `json:"entries"`
}

type outCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type outEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         outRequest  `json:"request"`
	Response        outResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         outTimings  `json:"timings"`
	ServerIPAddress string      `json:"serverIPAddress,omitempty"`
	Connection      string      `json:"connection,omitempty"`
	Comment         string      `json:"comment,omitempty"`
}

type outRequest struct {
	Method      string       `json:"method"`
	URL         string       `json:"url"`
	HTTPVersion string       `json:"httpVersion"`
	Cookies     []nv         `json:"cookies"`
	Headers     []nv         `json:"headers"`
	QueryString []nv         `json:"queryString"`
	PostData    *outPostData `json:"postData,omitempty"`
	HeadersSize int          `json:"headersSize"`
	BodySize    int          `json:"bodySize"`
}

type outPostData struct {
	MimeType string `json:"mimeType"`
	Params   []nv   `json:"params,omitempty"`
	Text     string `json:"text"`
	Comment  string `json:"comment,omitempty"`
}

type outResponse struct {
	Status      int        `json:"status"`
	StatusText  string     `json:"statusText"`
	HTTPVersion string     `json:"httpVersion"`
	Cookies     []nv       `json:"cookies"`
	Headers     []nv       `json:"headers"`
	Content     outContent `json:"content"`
	RedirectURL string     `json:"redirectURL"`
	HeadersSize int        `json:"headersSize"`
	BodySize    int64      `json:"bodySize"`
}

type outContent struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

type outTimings struct {
	Blocked float64 `json:"blocked"`
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
	SSL     float64 `json:"ssl"`
}

func entry(x *Exchange) outEntry {
	t := outTimings{ms(x.Timings.Blocked), ms(x.Timings.DNS), ms(x.Timings.Connect), max(ms(x.Timings.Send), 0),
		max(ms(x.Timings.Wait), 0), max(ms(x.Timings.Receive), 0), ms(x.Timings.SSL)}
	total := 0.0
	for _, v := range []float64{t.Blocked, t.DNS, t.Connect, t.Send, t.Wait, t.Receive} {
		if v > 0 {
			total += v
		}
	}
	e := outEntry{StartedDateTime: x.Start.UTC().Format("2006-01-02T15:04:05.000Z"), Time: total,
		Request: request(&x.Request), Timings: t, ServerIPAddress: x.ServerIP, Connection: x.Connection, Comment: x.Comment}
	if x.Response != nil {
		e.Response = response(x.Response)
	} else {
		e.Response = outResponse{Cookies: []nv{}, Headers: []nv{}, Content: outContent{MimeType: "x-unknown"}, HeadersSize: -1, BodySize: -1}
	}
	return e
}

func request(m *Message) outRequest {
	r := outRequest{Method: m.Method, URL: m.URL, HTTPVersion: proto(m.Proto), Cookies: []nv{}, Headers: []nv{},
		QueryString: []nv{}, HeadersSize: -1, BodySize: len(m.Body)}
	hasHost := false
	for _, h := range m.Headers {
		hasHost = hasHost || strings.EqualFold(h.Name, "Host")
	}
	if u, err := url.Parse(m.URL); err == nil {
		if !hasHost {
			r.Headers = append(r.Headers, nv{Name: "Host", Value: u.Host})
		}
		r.QueryString = query(u.RawQuery)
	}
	ct := ""
	for _, h := range m.Headers {
		r.Headers = append(r.Headers, nv{Name: h.Name, Value: h.Value})
		switch strings.ToLower(h.Name) {
		case "cookie":
			for _, c := range cookiePairs(h.Value) {
				r.Cookies = append(r.Cookies, nv{Name: c.Name, Value: c.Value})
			}
		case "content-type":
			ct = h.Value
		}
	}
	if len(m.Body) > 0 {
		r.PostData = postData(ct, m.Body)
	}
	return r
}

func query(raw string) []nv {
	out := []nv{}
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		out = append(out, nv{Name: k, Value: v})
	}
	return out
}

func postData(ct string, body []byte) *outPostData {
	pd := &outPostData{MimeType: ct}
	if utf8.Valid(body) {
		pd.Text = string(body)
	} else {
		pd.Comment = fmt.Sprintf("binary body of %d bytes left out: HAR 1.2 postData has no encoding", len(body))
	}
	mt, params, _ := mime.ParseMediaType(ct)
	switch {
	case mt == "application/x-www-form-urlencoded":
		pd.Params = query(string(body))
	case mt == "multipart/form-data" && params["boundary"] != "":
		pd.Params = multipartParams(body, params["boundary"])
	}
	return pd
}

// multipartParams lists the parts of a multipart body; a file part's value
// is its text when it is UTF-8, else left out.
func multipartParams(body []byte, boundary string) []nv {
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	var out []nv
	for {
		p, err := mr.NextRawPart()
		if err != nil {
			return out
		}
		b, _ := io.ReadAll(io.LimitReader(p, int64(len(body))))
		v := nv{Name: p.FormName(), FileName: p.FileName(), ContentType: p.Header.Get("Content-Type")}
		if utf8.Valid(b) {
			v.Value = string(b)
		}
		out = append(out, v)
	}
}

func response(m *Message) outResponse {
	r := outResponse{Status: m.Status, StatusText: m.Reason, HTTPVersion: proto(m.Proto), Cookies: []nv{}, Headers: []nv{},
		HeadersSize: -1, BodySize: m.WireSize}
	ct := ""
	for _, h := range m.Headers {
		r.Headers = append(r.Headers, nv{Name: h.Name, Value: h.Value})
		switch strings.ToLower(h.Name) {
		case "set-cookie":
			if c, err := http.ParseSetCookie(h.Value); err == nil {
				r.Cookies = append(r.Cookies, setCookie(c))
			}
		case "content-type":
			ct = h.Value
		case "location":
			r.RedirectURL = h.Value
		}
	}
	if ct == "" {
		ct = "x-unknown"
	}
	r.Content = outContent{Size: int64(len(m.Body)), MimeType: ct, Comment: m.Omitted}
	if m.Omitted == "" && len(m.Body) > 0 {
		if utf8.Valid(m.Body) {
			r.Content.Text = string(m.Body)
		} else {
			r.Content.Text, r.Content.Encoding = base64.StdEncoding.EncodeToString(m.Body), "base64"
		}
	}
	return r
}

func setCookie(c *http.Cookie) nv {
	v := nv{Name: c.Name, Value: c.Value, Path: c.Path, Domain: c.Domain}
	exp := c.Expires
	if c.MaxAge > 0 && exp.IsZero() {
		v.Comment = fmt.Sprintf("Max-Age=%d", c.MaxAge)
	}
	if !exp.IsZero() {
		s := exp.UTC().Format("2006-01-02T15:04:05.000Z")
		v.Expires = &s
	}
	v.HTTPOnly, v.Secure = &c.HttpOnly, &c.Secure
	switch c.SameSite {
	case http.SameSiteLaxMode:
		v.SameSite = "Lax"
	case http.SameSiteStrictMode:
		v.SameSite = "Strict"
	case http.SameSiteNoneMode:
		v.SameSite = "None"
	}
	return v
}

func proto(p string) string {
	if p == "" {
		return "HTTP/1.1"
	}
	return p
}

// ms is d in milliseconds, -1 for a negative d (not applicable).
func ms(d time.Duration) float64 {
	if d < 0 {
		return -1
	}
	return float64(d.Microseconds()) / 1000
}
