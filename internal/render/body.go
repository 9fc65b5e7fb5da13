package render

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/httpsh/httpsh/internal/charset"
	"github.com/httpsh/httpsh/session"
)

// Body prints a response or request body as its media type asks, and ends
// with a newline if it printed anything:
//
//   - an empty body prints nothing;
//   - a valid JSON body whose type IsJSON is indented with IndentJSON,
//     coloured (with colour) up to MaxJSONHighlight bytes;
//   - a body IsBinary judges binary prints one line such as
//     "[binary, 1.2 MB, image/png: save FILE to keep it]";
//   - anything else is text as DisplayText makes it (decoded by its
//     charset, XML and HTML indented, sanitised) and, with colour,
//     highlighted by media type when it is at most MaxHighlight bytes.
//     text/plain and unknown types are never highlighted.
//
// It returns only errors from w.
func (r *Renderer) Body(w io.Writer, contentType string, body []byte) error {
	if len(body) == 0 {
		return nil
	}
	mt := MediaType(contentType)
	switch {
	case IsJSON(mt):
		if charset.Name(contentType) != "" {
			body, _, _ = charset.Decode(body, contentType)
		}
		// Validated while printed: invalid JSON prints nothing here.
		if ok, err := r.jsonBody(w, body); ok || err != nil {
			return err
		}
		if IsBinary(mt, body) {
			return binaryLine(w, mt, len(body))
		}
	case IsBinary(mt, body) && !decodable(body, contentType):
		return binaryLine(w, mt, len(body))
	}
	return r.textBody(w, mt, contentType, body)
}

// jsonBody prints body as indented JSON if it is valid JSON, and reports
// whether it was; invalid JSON prints nothing.
func (r *Renderer) jsonBody(w io.Writer, body []byte) (bool, error) {
	ok, err := indentValidJSON(w, body, r.palette, r.maxJSON)
	if !ok || err != nil {
		return ok, err
	}
	_, err = io.WriteString(w, "\n")
	return true, err
}

// SpilledLine prints the one line that stands for a body too large to
// keep in memory, such as "[body of 150.2 MB kept in a temporary file:
// save FILE to keep it, or use -o FILE next time]".
func SpilledLine(w io.Writer, n int64) error {
	line := "[body of " + HumanBytes(n) + " kept in a temporary file: save FILE to keep it, or use -o FILE next time]\n"
	_, err := io.WriteString(w, line)
	return err
}

// EncodedLine prints the one line shown for a body in a content coding
// httpsh did not undo, such as "[compress-encoded, 1.2 kB, text/plain:
// save FILE to keep it]": the bytes are the coding's, not binary data.
func EncodedLine(w io.Writer, coding, contentType string, n int) error {
	mt := MediaType(contentType)
	if mt == "" {
		mt = "application/octet-stream"
	}
	line := "[" + Sanitize(coding) + "-encoded, " + HumanBytes(int64(n)) + ", " + Sanitize(mt) + ": save FILE to keep it]\n"
	_, err := io.WriteString(w, line)
	return err
}

// MovedLine prints the one line that stands for a body keep-limit moved
// out of memory (how is session.Response.Moved), such as "[body of 1.0 MB
// spilled to temporary file by keep-limit: save FILE to keep it]".
func MovedLine(w io.Writer, n int64, how string) error {
	line := "[body of " + HumanBytes(n) + " spilled to temporary file by keep-limit: save FILE to keep it]\n"
	if how == session.MovedDropped {
		line = "[body of " + HumanBytes(n) + " dropped: keep-limit (no temporary file could be written): send the request again to see it]\n"
	}
	_, err := io.WriteString(w, line)
	return err
}

func binaryLine(w io.Writer, mediaType string, n int) error {
	if mediaType == "" {
		mediaType = "application/octet-stream"
	}
	line := "[binary, " + HumanBytes(int64(n)) + ", " + Sanitize(mediaType) + ": save FILE to keep it]\n"
	_, err := io.WriteString(w, line)
	return err
}

func (r *Renderer) textBody(w io.Writer, mediaType, contentType string, body []byte) error {
	text := DisplayText(mediaType, contentType, body)
	if r.color && len(body) <= r.maxHighlight {
		if out, ok := r.hl.highlight(mediaType, text); ok {
			text = out
		}
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	_, err := io.WriteString(w, text)
	return err
}

// HumanBytes formats a byte count with SI units as HTTPie does: "512 B",
// "1.2 kB", "3.4 MB", "1.0 GB". Counts below zero are formatted as zero.
func HumanBytes(n int64) string {
	if n < 1000 {
		return strconv.FormatInt(max(n, 0), 10) + " B"
	}
	const units = "kMGTPE"
	v := float64(n)
	for i := range len(units) {
		v /= 1000
		if v < 999.95 || i == len(units)-1 {
			return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i:i+1] + "B"
		}
	}
	panic("unreachable")
}

// MediaType returns the lower-case type/subtype of a Content-Type value,
// without parameters or surrounding space. It does not validate.
func MediaType(contentType string) string {
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// IsJSON reports whether a media type (as from MediaType) denotes JSON:
// application/json, text/json, application/x-json and any type with the
// +json suffix, such as application/problem+json.
func IsJSON(mediaType string) bool {
	switch mediaType {
	case "application/json", "text/json", "application/x-json":
		return true
	}
	return strings.HasSuffix(mediaType, "+json")
}

// binaryTypes are media types that are binary whatever the bytes look like.
var binaryTypes = map[string]bool{
	"application/octet-stream":        true,
	"application/pdf":                 true,
	"application/zip":                 true,
	"application/gzip":                true,
	"application/x-gzip":              true,
	"application/x-tar":               true,
	"application/x-bzip2":             true,
	"application/x-xz":                true,
	"application/zstd":                true,
	"application/x-7z-compressed":     true,
	"application/vnd.rar":             true,
	"application/x-rar-compressed":    true,
	"application/wasm":                true,
	"application/protobuf":            true,
	"application/x-protobuf":          true,
	"application/vnd.google.protobuf": true,
	"application/grpc":                true,
	"application/cbor":                true,
	"application/msgpack":             true,
	"application/x-msgpack":           true,
	"application/vnd.ms-excel":        true,
	"application/msword":              true,
	"application/java-archive":        true,
	"application/x-sqlite3":           true,
	"application/vnd.sqlite3":         true,
}

// sniffLen is how much of a body IsBinary looks at.
const sniffLen = 8 << 10

// IsBinary reports whether a body should not be printed as text. Types
// image/*, audio/*, video/*, font/* (but not image/svg+xml), the archive,
// document and serialisation types in binaryTypes and
// application/vnd.openxmlformats-* are binary whatever the bytes. For any
// other type the first 8 KiB decide: binary if they contain a NUL byte, or
// if more than a quarter of them are bytes invalid in UTF-8 or control
// characters other than \t \n \r \f \b and ESC.
func IsBinary(mediaType string, body []byte) bool {
	if binaryType(mediaType) {
		return true
	}
	return looksBinary(body)
}

func binaryType(mt string) bool {
	if binaryTypes[mt] || strings.HasPrefix(mt, "application/vnd.openxmlformats-") {
		return true
	}
	top, sub, _ := strings.Cut(mt, "/")
	switch top {
	case "image":
		return !strings.HasSuffix(sub, "+xml")
	case "audio", "video", "font":
		return true
	}
	return false
}

func looksBinary(body []byte) bool {
	sample := body[:min(len(body), sniffLen)]
	bad := 0
	for i := 0; i < len(sample); {
		c := sample[i]
		if c < 0x80 {
			if c == 0 {
				return true
			}
			if c < 0x20 && !textControl(c) || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 && !truncatedAtEnd(sample[i:], len(sample) < len(body)) {
			bad++
		}
		i += size
	}
	return bad*4 > len(sample)
}

func textControl(c byte) bool {
	switch c {
	case '\t', '\n', '\r', '\f', '\b', 0x1b:
		return true
	}
	return false
}

// truncatedAtEnd reports whether b is the start of a UTF-8 sequence that
// the sample cut short.
func truncatedAtEnd(b []byte, cut bool) bool {
	return cut && len(b) < utf8.UTFMax && !utf8.FullRune(b)
}
