// Package explain is the knowledge behind httpsh's `explain STATUS|HEADER`
// command: what each registered HTTP status code and each common header
// field means, when it is sent, what a client should do about it, and where
// it is defined.
//
// The text lives in statuses.txt and headers.txt next to this file, embedded
// in the binary and parsed by [Load]. See parse.go for the format.
package explain

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/textdist"
)

//go:embed statuses.txt
var statusesText string

//go:embed headers.txt
var headersText string

// Entry explains one status code or one header field.
type Entry struct {
	Key     string   // "405" or "Content-Type" (canonical spelling)
	Title   string   // "Method Not Allowed" or "Content-Type"
	Kind    string   // "status", "request header", "response header" or "request and response header"
	Summary string   // what it means
	When    string   // when servers (or clients) send it
	Client  string   // what a client should do about it
	Spec    string   // where it is defined, e.g. "RFC 9110, section 15.5.6"
	Related []string // keys of related entries, e.g. "Allow"
}

// IsStatus reports whether e explains a status code.
func (e Entry) IsStatus() bool { return e.Kind == "status" }

// Book holds every entry. It is read-only once loaded and safe for
// concurrent use.
type Book struct {
	statuses map[int]Entry
	headers  map[string]Entry // by lower-case name
	keys     []string         // statuses in numeric order, then headers A-Z
}

// Load parses the embedded data files.
func Load() (*Book, error) {
	return load(statusesText, headersText)
}

func load(statuses, headers string) (*Book, error) {
	st, err := parseFile("statuses.txt", statuses, true)
	if err != nil {
		return nil, err
	}
	hd, err := parseFile("headers.txt", headers, false)
	if err != nil {
		return nil, err
	}
	b := &Book{statuses: map[int]Entry{}, headers: map[string]Entry{}}
	for _, e := range st {
		code, _ := strconv.Atoi(e.Key) // checked by parseFile
		if _, dup := b.statuses[code]; dup {
			return nil, fmt.Errorf("statuses.txt: status %d described twice", code)
		}
		b.statuses[code] = e
	}
	for _, e := range hd {
		k := strings.ToLower(e.Key)
		if _, dup := b.headers[k]; dup {
			return nil, fmt.Errorf("headers.txt: header %s described twice", e.Key)
		}
		b.headers[k] = e
	}
	codes := make([]int, 0, len(b.statuses))
	for c := range b.statuses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		b.keys = append(b.keys, strconv.Itoa(c))
	}
	names := make([]string, 0, len(b.headers))
	for _, e := range b.headers {
		names = append(names, e.Key)
	}
	slices.SortFunc(names, func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
	b.keys = append(b.keys, names...)
	return b, nil
}

// Status returns the entry for a registered status code.
func (b *Book) Status(code int) (Entry, bool) {
	e, ok := b.statuses[code]
	return clone(e), ok
}

// Header returns the entry for a header field, whatever the case of name.
// Surrounding space and a trailing colon are ignored ("content-type:").
func (b *Book) Header(name string) (Entry, bool) {
	e, ok := b.headers[strings.ToLower(cleanName(name))]
	return clone(e), ok
}

func cleanName(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
}

// clone keeps callers from writing into the book's Related slices.
func clone(e Entry) Entry {
	e.Related = slices.Clone(e.Related)
	return e
}

// Keys returns every key, for completion: status codes in numeric order,
// then header names in alphabetical order. The slice is the caller's.
func (b *Book) Keys() []string { return slices.Clone(b.keys) }

// NotFoundError is what [Book.Lookup] returns when it has no entry.
type NotFoundError struct {
	Arg        string // the argument as given
	Kind       string // "status" when Arg is a number, else "header"
	Class      string // Book.Class(code) for an unregistered code in 100..599
	Suggestion string // the nearest header name, or "" when none is close
}

func (e *NotFoundError) Error() string {
	switch {
	case e.Kind == "status" && e.Class != "":
		return fmt.Sprintf("status %s is not registered: %s", e.Arg, e.Class)
	case e.Kind == "status":
		return fmt.Sprintf("no status %s: status codes run from 100 to 599", e.Arg)
	case e.Suggestion != "":
		return fmt.Sprintf("unknown header %q: did you mean %s?", e.Arg, e.Suggestion)
	default:
		return fmt.Sprintf("unknown header %q", e.Arg)
	}
}

// Lookup finds arg: a number is a status code, anything else a header name.
// When there is no entry the error is a *[NotFoundError] whose message says
// how to read an unregistered code, or suggests the nearest header name.
func (b *Book) Lookup(arg string) (Entry, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return Entry{}, fmt.Errorf("explain what? give a status code like 404 or a header like Content-Type")
	}
	if code, err := strconv.Atoi(arg); err == nil {
		if e, ok := b.Status(code); ok {
			return e, nil
		}
		return Entry{}, &NotFoundError{Arg: arg, Kind: "status", Class: b.Class(code)}
	}
	if e, ok := b.Header(arg); ok {
		return e, nil
	}
	return Entry{}, &NotFoundError{Arg: arg, Kind: "header", Suggestion: b.suggest(cleanName(arg))}
}

// Class describes the class of a status code: for a registered code its
// class name ("2xx success"); for an unregistered code in 100..599 how a
// client must read it, following RFC 9110 section 15 ("an unregistered 2xx:
// treat it as 200 OK, as RFC 9110 section 15 says"); "" outside 100..599.
func (b *Book) Class(code int) string {
	if code < 100 || code > 599 {
		return ""
	}
	first := code / 100
	if _, ok := b.statuses[code]; ok {
		return fmt.Sprintf("%dxx %s", first, className(first))
	}
	base := first * 100
	title := "?"
	if e, ok := b.statuses[base]; ok {
		title = e.Title
	}
	s := fmt.Sprintf("an unregistered %dxx: treat it as %d %s, as RFC 9110 section 15 says", first, base, title)
	if first == 1 {
		s += "; a client may also ignore an unexpected 1xx and wait for the final response (section 15.2)"
	}
	return s
}

func className(first int) string {
	switch first {
	case 1:
		return "informational"
	case 2:
		return "success"
	case 3:
		return "redirection"
	case 4:
		return "client error"
	default:
		return "server error"
	}
}

// suggest returns the header name nearest to name by edit distance (case
// ignored), or "" when nothing is near enough to be a likely typo. Failing
// that, it offers the first name that starts with name ("sec-fetch").
func (b *Book) suggest(name string) string {
	name = strings.ToLower(name)
	if name == "" {
		return ""
	}
	limit := max(2, len(name)/4)
	best, bestD, prefix := "", limit+1, ""
	for _, key := range b.keys { // sorted, so ties go to the first name A-Z
		e, ok := b.headers[strings.ToLower(key)]
		if !ok {
			continue
		}
		lower := strings.ToLower(e.Key)
		if d := textdist.Distance(name, lower); d < bestD {
			best, bestD = e.Key, d
		}
		if prefix == "" && len(name) >= 3 && strings.HasPrefix(lower, name) {
			prefix = e.Key
		}
	}
	if best == "" {
		return prefix
	}
	return best
}
