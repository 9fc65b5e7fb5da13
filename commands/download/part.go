package download

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
)

// partMeta is what FILE.part.meta records about the response that began
// FILE.part, so that --resume can send If-Range and notice a changed
// file.
type partMeta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Total        int64  `json:"total"` // -1 when unknown
}

// validator is the If-Range value: a strong, well-formed entity tag, else
// a valid HTTP-date, else "" (RFC 9110 section 13.1.5 forbids weak tags,
// and a malformed one makes servers answer 200).
func (m partMeta) validator() string {
	if validStrongETag(m.ETag) {
		return m.ETag
	}
	if _, err := http.ParseTime(m.LastModified); err == nil && m.LastModified != "" {
		return m.LastModified
	}
	return ""
}

// validStrongETag reports whether s is `"…"` with only etagc characters.
func validStrongETag(s string) bool {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		c := s[i]
		if c == '"' || c < 0x21 || c == 0x7f {
			return false
		}
	}
	return true
}

func (d *download) metaPath() string { return d.path + ".part.meta" }

// loadPart reads the size of FILE.part and its meta, if any.
func (d *download) loadPart() {
	st, err := os.Lstat(d.part())
	if err != nil || !st.Mode().IsRegular() {
		return
	}
	d.offset = st.Size()
	b, err := os.ReadFile(d.metaPath())
	if err != nil {
		return
	}
	var m partMeta
	if json.Unmarshal(b, &m) == nil {
		d.meta, d.hasMeta = m, true
	}
}

// saveMeta records the validators of a response that begins a part file.
// It is best effort: without it, a resume sends Range alone.
func (d *download) saveMeta(resp *session.Response) {
	m := partMeta{
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		Total:        d.total,
		URL:          d.url, // this exchange's: the session records it only after the body
	}
	b, err := json.Marshal(m)
	if err == nil {
		err = fileout.WriteFileAtomic(d.metaPath(), b, 0o644, true)
	}
	if err != nil {
		d.env.Warnf("cannot record %s (a resume will send Range alone): %v", d.metaPath(), err)
	}
}

// parseContentRange reads "bytes FIRST-LAST/TOTAL" (TOTAL may be "*":
// -1) and "bytes */TOTAL" (first -1). ok is false for anything else.
func parseContentRange(v string) (first, total int64, ok bool) {
	rest, found := strings.CutPrefix(strings.TrimSpace(v), "bytes ")
	if !found {
		return 0, 0, false
	}
	span, size, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	total = -1
	if size != "*" {
		n, err := strconv.ParseInt(size, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, false
		}
		total = n
	}
	if span == "*" {
		return -1, total, total >= 0
	}
	a, b, found := strings.Cut(span, "-")
	if !found {
		return 0, 0, false
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first || (total >= 0 && last >= total) {
		return 0, 0, false
	}
	return first, total, true
}

// serverName is the file name for a response: Content-Disposition's
// filename when it gives one, else the URL's, reduced to a safe base name.
func (d *download) serverName(resp *session.Response) string {
	if n := fileout.DispositionName(resp.Header.Get("Content-Disposition")); n != "" {
		return n
	}
	return d.fromURL
}

// lastSegment is the last path segment of an escaped path, unescaped.
func lastSegment(escaped string) string {
	seg := escaped[strings.LastIndexByte(escaped, '/')+1:]
	if s, err := url.PathUnescape(seg); err == nil {
		return s
	}
	return seg
}
