package fileout

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// PartMeta is what FILE.part.meta records about the response that began
// FILE.part, so that a resume can send If-Range and notice a changed
// file. download and `-o FILE --resume` share it.
type PartMeta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Total        int64  `json:"total"` // -1 when unknown
}

// MetaPath is the meta file of path's part: path + ".part.meta".
func MetaPath(path string) string { return path + ".part.meta" }

// Validator is the If-Range value: a strong, well-formed entity tag, else
// a valid HTTP-date, else "" (RFC 9110 section 13.1.5 forbids weak tags,
// and a malformed one makes servers answer 200).
func (m PartMeta) Validator() string {
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

// LoadPart reads the size of path.part (0 when there is no regular file)
// and its meta; hasMeta is false when the meta is missing or unreadable.
func LoadPart(path string) (size int64, meta PartMeta, hasMeta bool) {
	st, err := os.Lstat(path + ".part")
	if err != nil || !st.Mode().IsRegular() {
		return 0, PartMeta{}, false
	}
	b, err := os.ReadFile(MetaPath(path))
	if err != nil {
		return st.Size(), PartMeta{}, false
	}
	if json.Unmarshal(b, &meta) != nil {
		return st.Size(), PartMeta{}, false
	}
	return st.Size(), meta, true
}

// NewPartMeta is the meta of a response that begins a part, total being
// the whole file's expected size (-1: unknown).
func NewPartMeta(url string, h http.Header, total int64) PartMeta {
	return PartMeta{URL: url, ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified"), Total: total}
}

// SavePartMeta writes m to path's meta file, atomically.
func SavePartMeta(path string, m PartMeta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return WriteFileAtomic(MetaPath(path), b, 0o644, true)
}

// ParseContentRange reads "bytes FIRST-LAST/TOTAL" (TOTAL may be "*":
// -1) and "bytes */TOTAL" (first -1). ok is false for anything else.
func ParseContentRange(v string) (first, total int64, ok bool) {
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
