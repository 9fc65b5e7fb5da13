package spec

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// maxIDs bounds the ids remembered per collection path for completion.
const maxIDs = 20

// maxIDBody bounds the response bodies scanned for ids.
const maxIDBody = 4 << 20

// loaded is a spec in Session.Spec: it implements commands.Spec for the
// other families and the completion.Spec methods (Spec*) for the
// completer. Its Index is never changed; the ids seen in responses are
// behind mu, since the completer reads them between commands.
type loaded struct {
	ix       *openapi.Index
	location string
	s        *session.Session

	mu  sync.Mutex
	ids map[string][]string // collection path ("/pets") → ids seen, newest first
}

func newLoaded(ix *openapi.Index, location string, s *session.Session) *loaded {
	return &loaded{ix: ix, location: location, s: s, ids: map[string][]string{}}
}

// current is the spec the session holds, or nil.
func current(s *session.Session) *loaded {
	l, _ := s.Spec.(*loaded)
	return l
}

// relPaths are the paths u may have relative to the spec's paths: with
// the session base's path cut when u is on the base (first), and with the
// path of the first server that prefixes it cut.
func (l *loaded) relPaths(u *url.URL) []string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	var out []string
	if b := l.s.Base; b != nil && (u.Host == "" || b.Host == u.Host) {
		bp := strings.TrimSuffix(b.EscapedPath(), "/")
		if rest, ok := strings.CutPrefix(p, bp); bp != "" && ok && (rest == "" || rest[0] == '/') {
			if rest == "" {
				rest = "/"
			}
			out = append(out, rest)
		}
	}
	return append(out, l.ix.RelativePath(p))
}

// relPath is u's path relative to the spec's paths: the first of
// relPaths that names an operation (of any method), else the first.
func (l *loaded) relPath(u *url.URL) string {
	paths := l.relPaths(u)
	for _, p := range paths {
		if l.ix.Methods(p) != nil {
			return p
		}
	}
	return paths[0]
}

// resolve turns a URL word as typed (a /path or an absolute URL) into a
// URL; nil when it does not parse or holds a {{variable}}.
func (l *loaded) resolve(target string) *url.URL {
	if target == "" || strings.Contains(target, "{{") {
		return nil
	}
	u, err := session.Resolve(l.s.Base, target)
	if err != nil {
		return nil
	}
	return u
}

// match finds the operation of a request to u.
func (l *loaded) match(method string, u *url.URL) *openapi.Operation {
	op, _, err := l.ix.Match(method, l.relPath(u))
	if err != nil {
		return nil
	}
	return op
}

// CheckRequest implements commands.Spec.
func (l *loaded) CheckRequest(p *session.Prepared) []string {
	rel := l.relPath(p.URL)
	u, err := url.Parse(rel)
	if err != nil {
		u = &url.URL{Path: rel}
	}
	u.RawQuery = p.URL.RawQuery
	h := http.Header{}
	for _, line := range p.Lines {
		h.Add(line.Name, line.Value)
	}
	return lines(l.ix.ValidateRequest(nil, p.Method, u, h, p.Body))
}

// CheckResponse implements commands.Spec.
func (l *loaded) CheckResponse(e *session.Exchange) (problems, hints []string) {
	hop := e.Final()
	op := l.match(hop.Request.Method, hop.Request.URL)
	if op == nil {
		return nil, nil
	}
	r := hop.Response
	body := r.Body
	if r.Streamed || r.Spilled() {
		body = nil // not in memory: the status and type are still checked
	}
	problems = lines(l.ix.ValidateResponse(op, r.StatusCode, r.ContentType(), body))
	if r.StatusCode == 401 {
		if h := l.authHint(op); h != "" {
			hints = append(hints, h)
		}
	}
	if r.StatusCode < 300 {
		l.remember(l.relPath(hop.Request.URL), body)
	}
	return problems, hints
}

// Operation implements commands.Spec.
func (l *loaded) Operation(e *session.Exchange) string {
	if len(e.Hops) == 0 {
		return ""
	}
	op := l.match(e.Hops[0].Request.Method, e.Hops[0].Request.URL)
	if op == nil {
		return ""
	}
	return opName(op)
}

// Explain implements commands.Spec.
func (l *loaded) Explain(word string) (string, bool) {
	op, err := l.ix.Find(word)
	if err != nil {
		return "", false
	}
	return explainText(l.ix, op), true
}

// opName is "listPets (GET /pets)", or "GET /pets" without an id.
func opName(op *openapi.Operation) string {
	if op.ID == "" {
		return render.Sanitize(op.String())
	}
	return render.Sanitize(op.ID + " (" + op.String() + ")")
}

// lines turns problems into printable lines.
func lines(ps []openapi.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = render.Sanitize(p.String())
	}
	return out
}

// remember keeps the ids of a JSON body of a response to rel: items of
// a list under rel itself, an object's own id under its collection (rel
// without its last segment when that segment is the id).
func (l *loaded) remember(rel string, body []byte) {
	if len(body) == 0 || len(body) > maxIDBody {
		return
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return
	}
	rel = strings.TrimSuffix(rel, "/")
	if obj, ok := v.(map[string]any); ok {
		if id, ok := idOf(obj); ok {
			if i := strings.LastIndexByte(rel, '/'); i >= 0 && rel[i+1:] == id {
				rel = rel[:i] // GET /pets/7 answered {"id": 7, ...}
			}
			l.addIDs(rel, []string{id})
			return
		}
	}
	l.addIDs(rel, listIDs(v, 0))
}

// maxIDDepth bounds how deep listIDs looks for lists of objects.
const maxIDDepth = 3

// listIDs finds the ids of the objects of the first lists of objects in
// v (itself a list, or an object holding one), the last items first.
func listIDs(v any, depth int) []string {
	if depth > maxIDDepth {
		return nil
	}
	var out []string
	switch v := v.(type) {
	case []any:
		for i := len(v) - 1; i >= 0 && len(out) < maxIDs; i-- {
			if obj, ok := v[i].(map[string]any); ok {
				if id, ok := idOf(obj); ok {
					out = append(out, id)
				}
			}
		}
	case map[string]any:
		for _, child := range v {
			out = append(out, listIDs(child, depth+1)...)
		}
	}
	return out
}

func (l *loaded) addIDs(dir string, ids []string) {
	if len(ids) == 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	list := l.ids[dir]
	for _, id := range ids {
		kept := list[:0:0]
		for _, old := range list {
			if old != id {
				kept = append(kept, old)
			}
		}
		list = append([]string{id}, kept...)
	}
	if len(list) > maxIDs {
		list = list[:maxIDs]
	}
	l.ids[dir] = list
}

// idOf is an object's "id" when it is a number or a string that can
// go in a path segment as it is.
func idOf(obj map[string]any) (string, bool) {
	var s string
	switch id := obj["id"].(type) {
	case json.Number:
		s = id.String()
	case string:
		s = id
	default:
		return "", false
	}
	if s == "" || len(s) > 64 || url.PathEscape(s) != s || render.Sanitize(s) != s {
		return "", false
	}
	return s, true
}

// seenIDs lists the ids remembered for a collection path.
func (l *loaded) seenIDs(dir string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.ids[dir]...)
}
