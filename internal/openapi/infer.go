package openapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Exchange is one request and its response, as Infer needs them. URL may
// be absolute (its scheme and host become a server) or a path.
type Exchange struct {
	Method              string
	URL                 string
	RequestContentType  string
	RequestBody         []byte
	Status              int
	ResponseContentType string
	ResponseBody        []byte
}

// InferOptions names the draft. Empty fields get "httpsh session" and
// "0.1.0".
type InferOptions struct {
	Title, Version string
}

// Infer writes an OpenAPI 3.1 JSON draft describing the exchanges: paths
// templated where a segment looks like an id (digits, a UUID, a long hex
// or mixed token), query parameters (required when always present),
// request and response schemas inferred from JSON bodies (types, required
// fields where always present, enums for small closed sets of strings),
// every status seen, and an example from the first body of each. Loading
// the draft back validates every exchange it came from. Exchanges whose
// URL does not parse are an error.
func Infer(xs []Exchange, opt InferOptions) ([]byte, error) {
	if opt.Title == "" {
		opt.Title = "httpsh session"
	}
	if opt.Version == "" {
		opt.Version = "0.1.0"
	}
	ops := map[string]*opDraft{}
	var servers []string
	for i, x := range xs {
		u, err := url.Parse(x.URL)
		if err != nil {
			return nil, fmt.Errorf("infer: exchange %d: %w", i+1, err)
		}
		if u.Host != "" && !contains(servers, u.Scheme+"://"+u.Host) {
			servers = append(servers, u.Scheme+"://"+u.Host)
		}
		tmpl, params := templatePath(u.EscapedPath())
		key := tmpl + " " + strings.ToUpper(x.Method)
		d := ops[key]
		if d == nil {
			d = newOpDraft(tmpl, strings.ToLower(x.Method))
			ops[key] = d
		}
		d.add(x, u, params)
	}
	return json.MarshalIndent(draftDoc(opt, servers, ops), "", "  ")
}

func draftDoc(opt InferOptions, servers []string, ops map[string]*opDraft) map[string]any {
	paths := map[string]any{}
	for _, d := range ops {
		item, _ := paths[d.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[d.path] = item
		}
		item[d.method] = d.operation()
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]any{"title": opt.Title, "version": opt.Version, "description": "Drafted by httpsh from the exchanges of a session."},
		"paths":   paths,
	}
	var list []any
	for _, s := range servers {
		list = append(list, map[string]any{"url": s})
	}
	if list != nil {
		doc["servers"] = list
	}
	return doc
}

// templatePath replaces id-like segments with {id} (later ones with
// {<previous segment>Id}) and returns the template and the values.
func templatePath(p string) (string, map[string]string) {
	segs := splitPath(p)
	params := map[string]string{}
	for i, seg := range segs {
		if !isIDSegment(seg) {
			continue
		}
		name := "id"
		if _, taken := params[name]; taken {
			name = "id" + strconv.Itoa(i)
			if i > 0 && !strings.HasPrefix(segs[i-1], "{") {
				name = identifier(segs[i-1]) + "Id"
			}
		}
		params[name] = seg
		segs[i] = "{" + name + "}"
	}
	return "/" + strings.Join(segs, "/"), params
}

func identifier(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "seg"
	}
	return b.String()
}

// opDraft gathers what was seen of one method on one template.
type opDraft struct {
	path, method string
	count        int
	pathParams   map[string]*shape
	query        map[string]*shape
	queryCount   map[string]int
	bodyCount    int
	reqTypes     map[string]*bodyDraft
	responses    map[int]map[string]*bodyDraft
}

// bodyDraft is the bodies seen with one media type.
type bodyDraft struct {
	shape   *shape
	example any
	json    bool
}

func newOpDraft(path, method string) *opDraft {
	return &opDraft{
		path: path, method: method, pathParams: map[string]*shape{}, query: map[string]*shape{},
		queryCount: map[string]int{}, reqTypes: map[string]*bodyDraft{}, responses: map[int]map[string]*bodyDraft{},
	}
}

func (d *opDraft) add(x Exchange, u *url.URL, params map[string]string) {
	d.count++
	for name, v := range params {
		d.param(d.pathParams, name).addText(v)
	}
	for name, vals := range u.Query() {
		if !utf8.ValidString(name) {
			continue // JSON cannot name it: leave it undocumented
		}
		d.queryCount[name]++
		for _, v := range vals {
			d.param(d.query, name).addText(v)
		}
	}
	if len(x.RequestBody) > 0 {
		d.bodyCount++
		addBody(d.reqTypes, x.RequestContentType, x.RequestBody)
	}
	byType := d.responses[x.Status]
	if byType == nil {
		byType = map[string]*bodyDraft{}
		d.responses[x.Status] = byType
	}
	if len(x.ResponseBody) > 0 || x.ResponseContentType != "" {
		addBody(byType, x.ResponseContentType, x.ResponseBody)
	}
}

func (d *opDraft) param(m map[string]*shape, name string) *shape {
	if m[name] == nil {
		m[name] = &shape{}
	}
	return m[name]
}

func addBody(m map[string]*bodyDraft, contentType string, body []byte) {
	mt := mediaType(contentType)
	if mt == "" {
		mt = "application/octet-stream"
	}
	bd := m[mt]
	if bd == nil {
		bd = &bodyDraft{shape: &shape{}, json: isJSON(mt)}
		m[mt] = bd
	}
	if !bd.json {
		return
	}
	v, err := decodeJSON(body)
	if err != nil {
		bd.json = false // not JSON after all: describe it as any content
		return
	}
	if bd.example == nil {
		bd.example = v
	}
	bd.shape.add(v)
}

func (d *opDraft) operation() map[string]any {
	op := map[string]any{"summary": strings.ToUpper(d.method) + " " + d.path}
	var params []any
	for _, name := range sortedNames(d.pathParams) {
		params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": d.pathParams[name].paramSchema()})
	}
	for _, name := range sortedNames(d.query) {
		params = append(params, map[string]any{"name": name, "in": "query", "required": d.queryCount[name] == d.count, "schema": d.query[name].paramSchema()})
	}
	if params != nil {
		op["parameters"] = params
	}
	if len(d.reqTypes) > 0 {
		op["requestBody"] = map[string]any{"required": d.bodyCount == d.count, "content": content(d.reqTypes)}
	}
	responses := map[string]any{}
	for status, byType := range d.responses {
		r := map[string]any{"description": statusText(status)}
		if len(byType) > 0 {
			r["content"] = content(byType)
		}
		responses[strconv.Itoa(status)] = r
	}
	op["responses"] = responses
	return op
}

func content(m map[string]*bodyDraft) map[string]any {
	out := map[string]any{}
	for mt, bd := range m {
		media := map[string]any{}
		if bd.json {
			media["schema"] = bd.shape.schema()
			if bd.example != nil {
				media["example"] = bd.example
			}
		}
		out[mt] = media
	}
	return out
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "status " + strconv.Itoa(code)
}

func sortedNames(m map[string]*shape) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
