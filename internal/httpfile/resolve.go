package httpfile

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// Ready is a request with every template resolved and its body built:
// what goes on the wire, as httpyac would send it.
type Ready struct {
	Name, Method, URL string
	Headers           []collection.Header
	Body              []byte
}

// ReadFile reads a file a body refers to; the caller bounds its size and
// decides which folders may be read.
type ReadFile func(path string) ([]byte, error)

// Resolve expands r's URL, headers and body in res and reads the files
// its body refers to, relative to dir. A multipart body is encoded as
// httpyac does: parts separated by CRLF, no CRLF after the closing
// boundary. A URL that is only a path is joined to the variable host, as
// httpyac does; the URL is made ready for the wire by WireURL. Errors name
// r's file:line.
func Resolve(r *collection.Request, dir string, res Resolver, read ReadFile) (*Ready, error) {
	fail := func(err error) error {
		return &collection.Error{Pos: r.Pos, Msg: "cannot prepare " + r.Method + " " + r.URL, Err: err}
	}
	out := &Ready{Name: r.Name, Method: r.Method}
	var err error
	if out.URL, err = Expand(r.URL, res); err != nil {
		return nil, fail(err)
	}
	if strings.HasPrefix(out.URL, "/") {
		// httpyac's rule: a URL that is only a path goes to {{host}}
		if host, ok, err := res.Lookup("host"); err == nil && ok {
			out.URL = strings.TrimSuffix(host, "/") + out.URL
		}
	}
	out.URL = WireURL(out.URL)
	for _, h := range r.Headers {
		v, err := Expand(h.Value, res)
		if err != nil {
			return nil, fail(fmt.Errorf("header %s: %w", h.Name, err))
		}
		out.Headers = append(out.Headers, collection.Header{Name: h.Name, Value: v})
	}
	if out.Body, err = resolveBody(&r.Body, dir, res, read); err != nil {
		return nil, fail(err)
	}
	return out, nil
}

func resolveBody(b *collection.Body, dir string, res Resolver, read ReadFile) ([]byte, error) {
	switch b.Kind {
	case collection.NoBody:
		return nil, nil
	case collection.Text:
		s, err := Expand(b.Text, res)
		return []byte(s), err
	case collection.Bytes:
		return b.Bytes, nil
	case collection.File:
		name, err := Expand(b.File, res)
		if err != nil {
			return nil, err
		}
		data, err := read(join(dir, name))
		if err != nil || !b.Templated {
			return data, err
		}
		s, err := Expand(string(data), res)
		return []byte(s), err
	case collection.Multipart:
		return resolveMultipart(b, dir, res, read)
	}
	return nil, fmt.Errorf("body kind %d is not a .http body", b.Kind)
}

func resolveMultipart(b *collection.Body, dir string, res Resolver, read ReadFile) ([]byte, error) {
	var buf bytes.Buffer
	for _, p := range b.Parts {
		fmt.Fprintf(&buf, "--%s\r\nContent-Disposition: form-data; name=%q", b.Boundary, p.Name)
		if p.FileName != "" {
			fmt.Fprintf(&buf, "; filename=%q", p.FileName)
		}
		buf.WriteString("\r\n")
		if p.ContentType != "" {
			fmt.Fprintf(&buf, "Content-Type: %s\r\n", p.ContentType)
		}
		for _, h := range p.Headers {
			fmt.Fprintf(&buf, "%s: %s\r\n", h.Name, h.Value)
		}
		buf.WriteString("\r\n")
		switch {
		case p.File != "":
			data, err := read(join(dir, p.File))
			if err != nil {
				return nil, fmt.Errorf("part %q: %w", p.Name, err)
			}
			buf.Write(data)
		case p.Bytes != nil:
			buf.Write(p.Bytes)
		default:
			s, err := Expand(p.Text, res)
			if err != nil {
				return nil, fmt.Errorf("part %q: %w", p.Name, err)
			}
			buf.WriteString(s)
		}
		buf.WriteString("\r\n")
	}
	fmt.Fprintf(&buf, "--%s--", b.Boundary)
	return buf.Bytes(), nil
}

func join(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// WireURL percent-encodes what a browser's URL parser (WHATWG, which
// httpyac uses) encodes: in the path controls, space, non-ASCII and
// " < > ` { }; in the query controls, space, non-ASCII and " < > '. The
// fragment is dropped; existing %XX escapes are kept.
func WireURL(s string) string {
	s, _, _ = strings.Cut(s, "#")
	path, query, hasQuery := strings.Cut(s, "?")
	out := encodeSet(path, "\"<>`{}")
	if hasQuery {
		out += "?" + encodeSet(query, "\"<>'")
	}
	return out
}

func encodeSet(s, set string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || strings.IndexByte(set, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
