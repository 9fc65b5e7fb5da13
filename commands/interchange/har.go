package interchange

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts
// browsers' dev tools need to import an archive.
type harLog struct {
	Log harBody `json:"log"`
}

type harBody struct {
	Version string     `json:"version"`
	Creator harCreator `json:"creator"`
	Pages   []any      `json:"pages"`
	Entries []harEntry `json:"entries"`
}

type harCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type harEntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"`
	Request         harRequest  `json:"request"`
	Response        harResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         harTimings  `json:"timings"`
	ServerIPAddress string      `json:"serverIPAddress,omitempty"`
	Connection      string      `json:"connection,omitempty"`
	Comment         string      `json:"comment,omitempty"`
}

type harNV struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harRequest struct {
	Method      string       `json:"method"`
	URL         string       `json:"url"`
	HTTPVersion string       `json:"httpVersion"`
	Cookies     []harNV      `json:"cookies"`
	Headers     []harNV      `json:"headers"`
	QueryString []harNV      `json:"queryString"`
	PostData    *harPostData `json:"postData,omitempty"`
	HeadersSize int          `json:"headersSize"`
	BodySize    int          `json:"bodySize"`
}

type harPostData struct {
	MimeType string  `json:"mimeType"`
	Params   []harNV `json:"params,omitempty"`
	Text     string  `json:"text"`
	Encoding string  `json:"encoding,omitempty"` // not in HAR 1.2 for postData; Chrome reads it
}

type harResponse struct {
	Status      int        `json:"status"`
	StatusText  string     `json:"statusText"`
	HTTPVersion string     `json:"httpVersion"`
	Cookies     []harNV    `json:"cookies"`
	Headers     []harNV    `json:"headers"`
	Content     harContent `json:"content"`
	RedirectURL string     `json:"redirectURL"`
	HeadersSize int        `json:"headersSize"`
	BodySize    int64      `json:"bodySize"`
}

type harContent struct {
	Size     int64  `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

type harTimings struct {
	Blocked float64 `json:"blocked"`
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
	SSL     float64 `json:"ssl"`
}

// har encodes every kept exchange, each hop an entry.
func har(env *commands.Env) ([]byte, error) {
	log := harLog{Log: harBody{Version: "1.2", Creator: harCreator{Name: "httpsh", Version: env.Version}, Pages: []any{}, Entries: []harEntry{}}}
	for _, e := range env.Session.Exchanges() {
		for _, h := range e.Hops {
			log.Log.Entries = append(log.Log.Entries, harEntryOf(e, h))
		}
	}
	b, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return nil, commands.Failf("export har: %w", err)
	}
	return append(b, '\n'), nil
}

func harEntryOf(e *session.Exchange, h *session.Hop) harEntry {
	t := h.Timing
	start := t.Start
	if start.IsZero() {
		start = e.Start
	}
	ent := harEntry{
		StartedDateTime: start.UTC().Format(time.RFC3339Nano),
		Time:            ms(t.Total()),
		Request:         harRequestOf(&h.Request),
		Response:        harResponseOf(h.Response),
		Timings:         harTimingsOf(t),
	}
	if t.RemoteAddr != "" {
		host, port := splitHostPort(t.RemoteAddr)
		ent.ServerIPAddress, ent.Connection = host, port
	}
	return ent
}

func harRequestOf(w *session.Wire) harRequest {
	r := harRequest{Method: w.Method, URL: w.URL.String(), HTTPVersion: w.Proto, Cookies: []harNV{}, Headers: []harNV{},
		QueryString: []harNV{}, HeadersSize: -1, BodySize: len(w.Body)}
	ct := ""
	r.Headers = append(r.Headers, harNV{"Host", w.URL.Host})
	for _, l := range w.Lines {
		r.Headers = append(r.Headers, harNV{l.Name, l.Value})
		switch strings.ToLower(l.Name) {
		case "cookie":
			r.Cookies = append(r.Cookies, cookiePairs(l.Value)...)
		case "content-type":
			ct = l.Value
		}
	}
	for _, kv := range strings.Split(w.URL.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		r.QueryString = append(r.QueryString, harNV{k, v})
	}
	if len(w.Body) > 0 {
		pd := &harPostData{MimeType: ct}
		pd.Text, pd.Encoding = harText(w.Body)
		r.PostData = pd
	}
	return r
}

func harResponseOf(resp *session.Response) harResponse {
	r := harResponse{Status: resp.StatusCode, StatusText: resp.Reason, HTTPVersion: resp.Proto, Cookies: []harNV{}, Headers: []harNV{},
		HeadersSize: -1, BodySize: resp.WireSize, RedirectURL: resp.Header.Get("Location")}
	for _, f := range resp.Fields {
		r.Headers = append(r.Headers, harNV{f.Name, f.Value})
	}
	for _, sc := range resp.Header.Values("Set-Cookie") {
		name, rest, _ := strings.Cut(sc, "=")
		value, _, _ := strings.Cut(rest, ";")
		r.Cookies = append(r.Cookies, harNV{strings.TrimSpace(name), value})
	}
	r.Content = harContent{Size: resp.Size, MimeType: resp.ContentType()}
	switch {
	case resp.Streamed:
		r.Content.Comment = "the body was streamed to a file or the screen, not kept"
	case resp.Moved != "":
		r.Content.Comment = "the body was " + resp.Moved + " and is left out"
	case resp.Spilled():
		r.Content.Comment = "the body was over body-limit and is left out"
	default:
		r.Content.Text, r.Content.Encoding = harText(resp.Body)
	}
	return r
}

// harText is b as text, or base64 when it is not UTF-8.
func harText(b []byte) (string, string) {
	if utf8.Valid(b) {
		return string(b), ""
	}
	return base64.StdEncoding.EncodeToString(b), "base64"
}

func cookiePairs(v string) []harNV {
	var out []harNV
	for _, p := range strings.Split(v, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(p), "=")
		if name != "" {
			out = append(out, harNV{name, value})
		}
	}
	return out
}

func harTimingsOf(t session.Timing) harTimings {
	h := harTimings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1}
	if t.DNSDone > 0 {
		h.DNS = ms(t.DNSDone - t.DNSStart)
	}
	if t.ConnectDone > 0 {
		h.Connect = ms(t.ConnectDone - t.ConnectStart)
	}
	if t.TLSDone > 0 {
		h.SSL = ms(t.TLSDone - t.TLSStart)
	}
	if t.WroteRequest > t.GotConn {
		h.Send = ms(t.WroteRequest - t.GotConn)
	}
	if t.FirstByte > t.WroteRequest {
		h.Wait = ms(t.FirstByte - t.WroteRequest)
	}
	if t.BodyDone > t.FirstByte {
		h.Receive = ms(t.BodyDone - t.FirstByte)
	}
	return h
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func splitHostPort(addr string) (string, string) {
	i := strings.LastIndexByte(addr, ':')
	if i < 0 {
		return addr, ""
	}
	return strings.Trim(addr[:i], "[]"), addr[i+1:]
}
