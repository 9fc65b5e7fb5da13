package openapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// ValidateRequest checks a request against the spec before it is sent.
// op may be nil: the operation is then found with Match on u's path
// (relative to the server base). It reports an unknown path or method,
// missing required parameters, parameters of the wrong type or outside
// their enum, a missing required body, and body fields that do not fit
// the request schema (paths start at "body"). nil means no problem.
func (ix *Index) ValidateRequest(op *Operation, method string, u *url.URL, h http.Header, body []byte) []Problem {
	rel := ix.RelativePath(u.EscapedPath())
	if op == nil {
		found, _, err := ix.Match(method, rel)
		if err != nil {
			return []Problem{ix.matchProblem(method, rel, err)}
		}
		op = found
	}
	c := &checker{ix: ix, dir: toServer, regexps: map[string]*regexp.Regexp{}}
	pathVals := templateParams(op.Path, rel)
	query := u.Query()
	cookies := cookieValues(h)
	for _, p := range op.Params {
		var vals []string
		switch p.In {
		case "path":
			if v, ok := pathVals[p.Name]; ok {
				vals = []string{v}
			}
		case "query":
			vals = query[p.Name]
		case "header":
			if skipHeaderParam(p.Name) {
				continue
			}
			vals = h.Values(p.Name)
		case "cookie":
			if v, ok := cookies[p.Name]; ok {
				vals = []string{v}
			}
		}
		c.checkParam(p, vals)
	}
	if op.Body != nil {
		c.checkBody(op.Body, h.Get("Content-Type"), body)
	}
	return c.problems()
}

func (ix *Index) matchProblem(method, path string, err error) Problem {
	if errors.Is(err, ErrNoMethod) {
		return Problem{Where: "method " + strings.ToUpper(method), Msg: fmt.Sprintf("%s has only %s", path, strings.Join(ix.Methods(path), ", "))}
	}
	return Problem{Where: "path " + path, Msg: "not in the spec"}
}

// skipHeaderParam: OpenAPI says these header parameters are ignored.
func skipHeaderParam(name string) bool {
	switch strings.ToLower(name) {
	case "accept", "content-type", "authorization":
		return true
	}
	return false
}

func paramLabel(p Param) string {
	in := p.In
	if in == "query" || in == "path" || in == "cookie" {
		in += " parameter"
	}
	return fmt.Sprintf("%s %q", in, p.Name)
}

// checkParam checks the raw values of one parameter.
func (c *checker) checkParam(p Param, vals []string) {
	where := paramLabel(p)
	if len(vals) == 0 {
		if p.Required {
			c.add(where, "missing (required %s)", p.Type)
		}
		return
	}
	s := c.ix.Schema(p.Schema)
	if s != nil && contains(s.Types, "array") {
		if len(vals) == 1 && strings.Contains(vals[0], ",") {
			vals = strings.Split(vals[0], ",")
		}
		arr := make([]any, len(vals))
		for i, v := range vals {
			arr[i] = c.coerce(s.Items, v)
		}
		c.check(p.Schema, arr, where, 0)
		return
	}
	for _, v := range vals {
		c.check(p.Schema, c.coerce(p.Schema, v), where, 0)
	}
}

// coerce reads a parameter's text as the type its schema wants, leaving
// it a string when it does not parse (the check then says so).
func (c *checker) coerce(id SchemaID, v string) any {
	s := c.ix.Schema(id)
	if s == nil {
		return v
	}
	for _, ty := range s.Types {
		switch ty {
		case "integer", "number":
			if isJSONNumber(v) {
				return json.Number(v)
			}
		case "boolean":
			if b, err := strconv.ParseBool(v); err == nil && (v == "true" || v == "false") {
				return b
			}
		case "null":
			if v == "" || v == "null" {
				return nil
			}
		case "string":
			return v
		}
	}
	return v
}

// checkBody checks a request body's presence, media type and JSON.
func (c *checker) checkBody(b *Body, contentType string, body []byte) {
	if len(body) == 0 {
		if b.Required {
			c.add("body", "missing (required %s)", strings.Join(b.ContentTypes, " or "))
		}
		return
	}
	if b.Schema == 0 {
		b = &Body{ContentTypes: b.ContentTypes} // media type only: no schema to check
	}
	mt := mediaType(contentType)
	if mt != "" && len(b.ContentTypes) > 0 && !mediaListed(b.ContentTypes, mt) {
		c.add("Content-Type", "%s is not what the operation takes (%s)", mt, strings.Join(b.ContentTypes, ", "))
		return
	}
	switch {
	case b.Schema == 0:
	case (mt == "" && len(b.ContentTypes) > 0 && isJSON(b.ContentTypes[0])) || mt != "" && isJSON(mt):
		c.checkJSON(b.Schema, body, "body")
	case mt == "application/x-www-form-urlencoded":
		c.checkForm(b.Schema, body)
	}
}

// checkForm checks a URL-encoded form against the body schema, each
// field read as its property's type.
func (c *checker) checkForm(id SchemaID, body []byte) {
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		c.add("body", "not a valid form: %v", err)
		return
	}
	props, _ := c.ix.objectShape(id, 0)
	obj := make(map[string]any, len(vals))
	for name, vs := range vals {
		var pid SchemaID
		for _, p := range props {
			if p.Name == name {
				pid = p.Schema
			}
		}
		if s := c.ix.Schema(pid); s != nil && contains(s.Types, "array") {
			arr := make([]any, len(vs))
			for i, v := range vs {
				arr[i] = c.coerce(s.Items, v)
			}
			obj[name] = arr
			continue
		}
		obj[name] = c.coerce(pid, vs[0])
	}
	c.check(id, obj, "body", 0)
}

func (c *checker) checkJSON(id SchemaID, body []byte, where string) {
	v, err := decodeJSON(body)
	if err != nil {
		c.add(orRoot(where), "not valid JSON: %v", err)
		return
	}
	c.check(id, v, where, 0)
}

// ValidateResponse checks a response against the operation: the status
// must be documented (exactly, by class like 4XX, or by default), the
// media type must be one documented, and a JSON body must fit the schema.
// Paths in problems are jq-style from the body's root: ".items[3].id".
// An empty body (HEAD, 204) or one with no schema documented is not
// parsed; a nil op
// has nothing to check against, so it gives nil.
func (ix *Index) ValidateResponse(op *Operation, status int, contentType string, body []byte) []Problem {
	if op == nil {
		return nil
	}
	r := op.Response(status)
	if r == nil {
		return []Problem{{Where: "status " + strconv.Itoa(status), Msg: fmt.Sprintf("not documented for %s (documented: %s)", op, documented(op))}}
	}
	c := &checker{ix: ix, dir: fromServer, regexps: map[string]*regexp.Regexp{}}
	mt := mediaType(contentType)
	if len(r.ContentTypes) == 0 || len(body) == 0 && mt == "" {
		return nil
	}
	if mt != "" && !mediaListed(r.ContentTypes, mt) {
		c.add("Content-Type", "%s is not documented for status %d (%s)", mt, status, strings.Join(r.ContentTypes, ", "))
		return c.problems()
	}
	if len(body) > 0 && r.Schema != 0 && isJSON(r.ContentTypes[0]) && (mt == "" || isJSON(mt)) {
		c.checkJSON(r.Schema, body, "")
	}
	return c.problems()
}

func documented(op *Operation) string {
	var list []string
	for _, r := range op.Responses {
		list = append(list, r.Status)
	}
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// mediaType is the lower-cased type/subtype of a Content-Type value.
func mediaType(ct string) string {
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(ct), ";")
	}
	return strings.TrimSpace(mt)
}

// mediaListed matches mt against documented media types, with wildcards.
func mediaListed(list []string, mt string) bool {
	for _, l := range list {
		l = mediaType(l)
		if l == mt || l == "*/*" || strings.HasSuffix(l, "/*") && strings.HasPrefix(mt, strings.TrimSuffix(l, "*")) {
			return true
		}
	}
	return false
}

// templateParams extracts the values of a template's parameters from a
// concrete path, segment by segment; a segment that does not fit is left
// out (the parameter then counts as missing).
func templateParams(tmpl, path string) map[string]string {
	out := map[string]string{}
	ts, ps := splitPath(tmpl), splitPath(path)
	for i := 0; i < len(ts) && i < len(ps); i++ {
		pre, name, suf, ok := parseSegment(ts[i])
		if ok && segMatches(ps[i], ts[i]) && len(ps[i]) > len(pre)+len(suf) {
			v := ps[i][len(pre) : len(ps[i])-len(suf)]
			if uv, err := url.PathUnescape(v); err == nil {
				v = uv
			}
			out[name] = v
		}
	}
	return out
}

func cookieValues(h http.Header) map[string]string {
	out := map[string]string{}
	for _, line := range h.Values("Cookie") {
		cs, err := http.ParseCookie(line)
		if err != nil {
			continue
		}
		for _, ck := range cs {
			out[ck.Name] = ck.Value
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
