// Package charset turns text bodies into UTF-8 for display and for json
// by the charset parameter of their Content-Type (WHATWG names and
// aliases, through golang.org/x/text's htmlindex). It never changes the
// bytes a caller saves: it returns new bytes.
package charset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrUnknown is wrapped when a Content-Type names a charset that has no
// decoder; the body is then shown as it is.
var ErrUnknown = errors.New("unknown charset")

// Name is the charset parameter of contentType, lower-cased, or "".
func Name(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		// A sloppy header ("text/html;charset=latin1;") still names one.
		i := indexFold(contentType, "charset=")
		if i < 0 {
			return ""
		}
		v, _, _ := strings.Cut(contentType[i+len("charset="):], ";")
		return strings.ToLower(strings.Trim(strings.TrimSpace(v), `"'`))
	}
	return strings.ToLower(strings.TrimSpace(params["charset"]))
}

// indexFold is the index of the ASCII word in s, ignoring ASCII case, or
// -1. It works on s's bytes as they are: lower-casing s first would move
// the indexes of invalid UTF-8 (a server's header may hold any byte).
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(word)], word) {
			return i
		}
	}
	return -1
}

// lookup is the encoding of name; nil for UTF-8 and ASCII, which need
// no decoding.
func lookup(name string) (encoding.Encoding, error) {
	switch name {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil, nil
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("%w %q in Content-Type: shown as received", ErrUnknown, name)
	}
	if enc == encoding.Nop || enc == unicode.UTF8 {
		return nil, nil
	}
	return enc, nil
}

// Decode returns body as UTF-8 by the charset of contentType, and the
// charset's name when it was converted ("" when body was already UTF-8
// or declared none: it is then returned as it is, not copied). For an
// unknown charset it returns body unchanged with an error wrapping
// ErrUnknown, which a caller may show as a note. Bytes that do not
// decode become U+FFFD; a byte order mark is dropped.
func Decode(body []byte, contentType string) ([]byte, string, error) {
	name := Name(contentType)
	enc, err := lookup(name)
	if err != nil || enc == nil {
		return body, "", err
	}
	if t := tableFor(enc); t != nil {
		return t.decode(body), name, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body, "", fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), name, nil
}

// NewReader is Decode for a stream: r read through the charset's
// decoder, in constant memory.
func NewReader(r io.Reader, contentType string) (io.Reader, string, error) {
	name := Name(contentType)
	enc, err := lookup(name)
	if err != nil || enc == nil {
		return r, "", err
	}
	return transform.NewReader(r, enc.NewDecoder()), name, nil
}

// Sniff returns a charset for an HTML or XML body without one in its
// Content-Type: the BOM, <meta charset>, or <?xml encoding?> in the first
// 1024 bytes; "" when none is found.
func Sniff(body []byte) string {
	head := body[:min(len(body), 1024)]
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return "utf-8"
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return "utf-16le"
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return "utf-16be"
	}
	lower := bytes.ToLower(head)
	for _, key := range []string{"charset=", "encoding="} {
		i := bytes.Index(lower, []byte(key))
		if i < 0 {
			continue
		}
		v := bytes.TrimLeft(lower[i+len(key):], `"' `)
		end := bytes.IndexAny(v, `"' ;/>?`)
		if end > 0 {
			return string(v[:end])
		}
	}
	return ""
}

// DecodeBody is Decode for a response body: when contentType names no
// charset and its media type is HTML or XML, the charset Sniff finds in
// the body (BOM, <meta charset>, <?xml encoding?>) is used instead.
func DecodeBody(body []byte, contentType string) ([]byte, string, error) {
	if Name(contentType) == "" && markup(contentType) {
		if name := Sniff(body); name != "" {
			return Decode(body, "text/plain; charset="+name)
		}
	}
	return Decode(body, contentType)
}

func markup(contentType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	return mt == "text/html" || mt == "application/xhtml+xml" || strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml")
}

// DecodeString is DecodeBody returning a string, for display: a body that
// was converted is not copied again (the converted bytes are new and
// owned by the string); one that was not is copied once, as string(body)
// would.
func DecodeString(body []byte, contentType string) (string, string, error) {
	out, name, err := DecodeBody(body, contentType)
	if name == "" || len(out) == 0 {
		return string(out), name, err
	}
	return unsafe.String(&out[0], len(out)), name, err
}
