package httpfile

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/httpsh/httpsh/internal/collection"
)

// PeerKnowsMethod reports whether m is one of the methods httpyac's
// request line knows (REST Client and JetBrains know a subset); Write
// warns for any other.
func PeerKnowsMethod(m string) bool {
	switch m {
	case "ACL", "BASELINE-CONTROL", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET",
		"HEAD", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MKWORKSPACE", "MOVE", "OPTIONS", "PATCH",
		"POST", "PROPFIND", "PROPPATCH", "PUT", "REPORT", "SEARCH", "TRACE", "UNLOCK", "VERSION-CONTROL":
		return true
	}
	return false
}

// WriteOptions say where bodies that cannot be text go.
type WriteOptions struct {
	// SideFiles allows bodies to go to files beside the .http file; without
	// it such a body is an error.
	SideFiles bool
	// Prefix starts each side file's name ("export" gives export-1.bin);
	// "" means "body".
	Prefix string
	// Templates says the requests are templates (a prepared request opened
	// in an editor): {{ }} in URLs, headers and text bodies is kept as
	// written, to be resolved when the text is read back.
	Templates bool
}

// SideFile is a file Write wants written beside the .http file, under
// Name (a plain file name, no directory).
type SideFile struct {
	Name string
	Data []byte
}

// Output is Write's result. The caller writes Text and Files (atomically,
// refusing to overwrite, as it writes any file); Warnings are for the user.
type Output struct {
	Text     []byte
	Files    []SideFile
	Warnings []string
}

// Write renders requests as .http text that httpyac, REST Client and
// JetBrains send byte for byte: a body that is not safe as text (binary,
// CR, control characters, a trailing newline, a line those tools would
// read as ###, a comment, a handler or a {{template}}) goes to a side file
// read with "< ./name" (a plain <, so never templated); multipart parts
// likewise. URLs and header values cannot escape {{ in this format: they
// are an error. Request bodies are Text, Bytes or Multipart with Part.Text
// or Part.Bytes (File kinds are written as references as they are); Form
// is written urlencoded; Auth and Cookies become headers (an API key in
// the query goes into the URL).
func Write(reqs []collection.Request, opt WriteOptions) (*Output, error) {
	w := &writer{opt: opt, out: &Output{}}
	if w.opt.Prefix == "" {
		w.opt.Prefix = "body"
	}
	for i := range reqs {
		if err := w.request(i+1, &reqs[i]); err != nil {
			return nil, fmt.Errorf("request %d (%s %s): %w", i+1, reqs[i].Method, reqs[i].URL, err)
		}
	}
	w.out.Text = w.buf.Bytes()
	return w.out, nil
}

type writer struct {
	opt WriteOptions
	out *Output
	buf bytes.Buffer
}

func (w *writer) request(n int, r *collection.Request) error {
	if n > 1 {
		w.buf.WriteString("\n")
	}
	w.buf.WriteString(strings.TrimSpace("### "+oneLine(r.Name)) + "\n")
	if isName(r.Name) {
		fmt.Fprintf(&w.buf, "# @name %s\n", r.Name)
	}
	if !PeerKnowsMethod(r.Method) {
		w.out.Warnings = append(w.out.Warnings, fmt.Sprintf("request %d: httpyac, REST Client and JetBrains do not know the method %s: they will not send it", n, r.Method))
	}
	if !w.opt.Templates && strings.Contains(r.URL, "{{") || strings.ContainsAny(r.URL, " \r\n") {
		return fmt.Errorf("the URL has {{ or a space, which .http cannot escape: percent-encode it first")
	}
	fmt.Fprintf(&w.buf, "%s %s HTTP/1.1\n", r.Method, withAPIKey(r))
	for _, h := range headersOf(r) {
		if !w.opt.Templates && strings.Contains(h.Value, "{{") || strings.ContainsAny(h.Value, "\r\n") || h.Value != strings.TrimSpace(h.Value) {
			return fmt.Errorf("header %s has {{, a line break or spaces at an end, which .http cannot keep", h.Name)
		}
		if !isToken(h.Name) {
			return fmt.Errorf("header name %q is not a token, which .http cannot keep", h.Name)
		}
		fmt.Fprintf(&w.buf, "%s: %s\n", h.Name, h.Value)
	}
	return w.body(n, r)
}

func (w *writer) body(n int, r *collection.Request) error {
	b := r.Body
	switch b.Kind {
	case collection.NoBody:
		return nil
	case collection.Text:
		ct, _ := r.Header("Content-Type")
		return w.payload(n, 0, []byte(b.Text), ct)
	case collection.Bytes:
		ct, _ := r.Header("Content-Type")
		return w.payload(n, 0, b.Bytes, ct)
	case collection.File:
		op := "<"
		if b.Templated {
			op = "<@"
		}
		fmt.Fprintf(&w.buf, "\n%s %s\n", op, b.File)
		return nil
	case collection.Multipart:
		return w.multipart(n, r)
	case collection.Form:
		var parts []string
		for _, p := range b.Params {
			parts = append(parts, url.QueryEscape(p.Name)+"="+url.QueryEscape(p.Value))
		}
		return w.payload(n, 0, []byte(strings.Join(parts, "&")), "application/x-www-form-urlencoded")
	}
	return fmt.Errorf("a body of kind %d cannot be written as .http: give its bytes", b.Kind)
}

// headersOf is r's headers with its Auth and Cookies as headers, and a
// form's Content-Type when it has none.
func headersOf(r *collection.Request) []collection.Header {
	hs := append([]collection.Header(nil), r.Headers...)
	if a := r.Auth; a != nil {
		switch {
		case a.Kind == "basic":
			hs = append(hs, collection.Header{Name: "Authorization", Value: "Basic " + base64.StdEncoding.EncodeToString([]byte(a.User+":"+a.Password))})
		case a.Kind == "bearer":
			hs = append(hs, collection.Header{Name: "Authorization", Value: "Bearer " + a.Token})
		case a.Kind == "apikey" && !a.InQuery:
			hs = append(hs, collection.Header{Name: a.Key, Value: a.Value})
		}
	}
	if len(r.Cookies) > 0 {
		var cs []string
		for _, c := range r.Cookies {
			cs = append(cs, c.Name+"="+c.Value)
		}
		hs = append(hs, collection.Header{Name: "Cookie", Value: strings.Join(cs, "; ")})
	}
	if _, ok := r.Header("Content-Type"); !ok && r.Body.Kind == collection.Form {
		hs = append(hs, collection.Header{Name: "Content-Type", Value: "application/x-www-form-urlencoded"})
	}
	return hs
}

// withAPIKey is r's URL with an API key in the query, if its Auth says so.
func withAPIKey(r *collection.Request) string {
	a := r.Auth
	if a == nil || a.Kind != "apikey" || !a.InQuery {
		return r.URL
	}
	sep := "?"
	if strings.Contains(r.URL, "?") {
		sep = "&"
	}
	return r.URL + sep + url.QueryEscape(a.Key) + "=" + url.QueryEscape(a.Value)
}

// payload writes data as the body text, or as a side file.
func (w *writer) payload(n, part int, data []byte, ct string) error {
	w.buf.WriteString("\n")
	if why := unsafeText(data, w.opt.Templates); why == "" {
		w.buf.Write(data)
		w.buf.WriteString("\n")
		return nil
	} else if !w.opt.SideFiles {
		return fmt.Errorf("the body %s: it can only go to a file beside the .http file (write the export to a file)", why)
	}
	name := fmt.Sprintf("%s-%d%s", w.opt.Prefix, n, extension(ct))
	if part > 0 {
		name = fmt.Sprintf("%s-%d-%d%s", w.opt.Prefix, n, part, extension(ct))
	}
	w.out.Files = append(w.out.Files, SideFile{Name: name, Data: data})
	fmt.Fprintf(&w.buf, "< ./%s\n", name)
	return nil
}

func (w *writer) multipart(n int, r *collection.Request) error {
	b := r.Body
	ct, _ := r.Header("Content-Type")
	if _, p, err := mime.ParseMediaType(ct); err != nil || p["boundary"] != b.Boundary || b.Boundary == "" {
		return fmt.Errorf("a multipart body needs its Content-Type header with boundary=%s", b.Boundary)
	}
	w.buf.WriteString("\n")
	for i, p := range b.Parts {
		fmt.Fprintf(&w.buf, "--%s\nContent-Disposition: form-data; name=%q", b.Boundary, p.Name)
		if p.FileName != "" {
			fmt.Fprintf(&w.buf, "; filename=%q", p.FileName)
		}
		w.buf.WriteString("\n")
		if p.ContentType != "" {
			fmt.Fprintf(&w.buf, "Content-Type: %s\n", p.ContentType)
		}
		for _, h := range p.Headers {
			fmt.Fprintf(&w.buf, "%s: %s\n", h.Name, h.Value)
		}
		data := p.Bytes
		if data == nil {
			data = []byte(p.Text)
		}
		if p.File != "" {
			fmt.Fprintf(&w.buf, "\n< %s\n", p.File)
			continue
		}
		if err := w.payload(n, i+1, data, p.ContentType); err != nil {
			return fmt.Errorf("part %q: %w", p.Name, err)
		}
	}
	fmt.Fprintf(&w.buf, "--%s--\n", b.Boundary)
	return nil
}

// unsafeText says why data cannot be written as body lines, or "".
func unsafeText(data []byte, templates bool) string {
	s := string(data)
	switch {
	case len(data) == 0:
		return "is empty"
	case !utf8.Valid(data):
		return "is not UTF-8 text"
	case strings.HasSuffix(s, "\n") || strings.HasPrefix(s, "\n") || strings.TrimSpace(s) == "":
		return "starts or ends with a line break, which the format drops"
	case !templates && strings.Contains(s, "{{"):
		return "contains {{, which httpyac and REST Client read as a variable"
	case strings.Contains(s, "\n--") || strings.HasPrefix(s, "--"):
		return "has a line starting with --, which a multipart body would cut at"
	}
	for _, c := range s {
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return fmt.Sprintf("contains the control character %U", c)
		}
	}
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "<") || isScriptStart(t) || t == "" && l != "" {
			return fmt.Sprintf("has the line %q, which those tools read as a separator, comment, handler or file", l)
		}
		if m, _, ok := strings.Cut(t, " "); ok && PeerKnowsMethod(strings.ToUpper(m)) || strings.HasPrefix(t, "HTTP/") {
			return fmt.Sprintf("has the line %q, which httpyac reads as a new request or a response", l)
		}
		if strings.HasPrefix(t, "@") && strings.Contains(t, "=") {
			return fmt.Sprintf("has the line %q, which httpyac reads as a variable", l)
		}
	}
	return ""
}

func extension(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "application/json":
		return ".json"
	case "text/plain":
		return ".txt"
	case "application/xml", "text/xml":
		return ".xml"
	case "image/png":
		return ".png"
	}
	return ".bin"
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune("\"(),/:;<=>?@[\\]{}", c) {
			return false
		}
	}
	return true
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
