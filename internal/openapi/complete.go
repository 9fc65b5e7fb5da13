package openapi

import (
	"sort"
	"strings"
)

// Suggestion is one completion: the text to insert and a short note.
type Suggestion struct {
	Text, Description string
}

// pathEntry is a path template split once, for completion.
type pathEntry struct {
	path  string
	segs  []string
	notes []string // per templated segment: the parameter's description
	summ  string
}

func newPathEntry(op *Operation) pathEntry {
	e := pathEntry{path: op.Path, segs: splitPath(op.Path), summ: op.Summary}
	e.notes = make([]string, len(e.segs))
	for i, seg := range e.segs {
		if _, name, _, ok := parseSegment(seg); ok {
			e.notes[i] = "{" + name + "}"
			for _, p := range op.Params {
				if p.In == "path" && p.Name == name {
					e.notes[i] = "{" + name + "} " + p.Type
					if p.Description != "" {
						e.notes[i] += ": " + p.Description
					}
				}
			}
		}
	}
	return e
}

// CompletePaths returns the paths that can follow prefix (a path relative
// to the server base, as typed so far). Segments already typed in full
// keep the user's text, so "/pets/7/" offers "/pets/7/photos"; segments
// not yet typed are shown as templates, "/pets/{petId}", and the note
// describes the first template parameter still to fill (or gives the
// path's summary). Results are sorted and unique.
func (ix *Index) CompletePaths(prefix string) []Suggestion {
	if !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	typed := strings.Split(prefix[1:], "/")
	last := typed[len(typed)-1]
	full := typed[:len(typed)-1]
	var out []Suggestion
	seen := map[string]bool{}
	for i := range ix.paths {
		e := &ix.paths[i]
		if s, ok := e.complete(full, last); ok && !seen[s.Text] {
			seen[s.Text] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

func (e *pathEntry) complete(full []string, last string) (Suggestion, bool) {
	if len(e.segs) < len(full)+1 && (len(e.segs) != 0 || len(full) != 0 || last != "") {
		return Suggestion{}, false
	}
	var b strings.Builder
	for i, seg := range full {
		if !segMatches(seg, e.segs[i]) {
			return Suggestion{}, false
		}
		b.WriteString("/" + seg)
	}
	rest := e.segs[len(full):]
	if len(rest) > 0 {
		if _, _, _, tmpl := parseSegment(rest[0]); !tmpl && !strings.HasPrefix(rest[0], last) {
			return Suggestion{}, false
		} else if tmpl && last != "" && !segMatches(last, rest[0]) {
			return Suggestion{}, false
		} else if tmpl && last != "" {
			rest = append([]string{last}, rest[1:]...)
		}
	}
	for _, seg := range rest {
		b.WriteString("/" + seg)
	}
	note := e.summ
	for i := len(full); i < len(e.segs); i++ {
		if e.notes[i] != "" && (i > len(full) || last == "") {
			note = e.notes[i]
			break
		}
	}
	text := b.String()
	if text == "" {
		text = "/"
	}
	return Suggestion{Text: text, Description: note}, true
}

// segMatches reports whether a typed segment fits a template segment.
func segMatches(typed, tmpl string) bool {
	pre, _, suf, ok := parseSegment(tmpl)
	if !ok {
		return typed == tmpl
	}
	return len(typed) >= len(pre)+len(suf) && strings.HasPrefix(typed, pre) && strings.HasSuffix(typed, suf)
}

// ParamHints returns the operation's parameters located in `in` (query,
// header, path or cookie; "" for all), required ones first. Each has its
// Type, Enum and Default for display.
func (op *Operation) ParamHints(in string) []Param {
	var req, opt []Param
	for _, p := range op.Params {
		if in != "" && p.In != in {
			continue
		}
		if p.Required {
			req = append(req, p)
		} else {
			opt = append(opt, p)
		}
	}
	return append(req, opt...)
}

// Field is a top-level field of a request body (allOf merged).
type Field struct {
	Name        string
	Type        string // "string", "integer", "array of string", ...
	Required    bool
	Enum        []string // JSON texts
	Description string
	// Raw is true when the field is not a string, so httpie-style items
	// give it as `name:=json` rather than `name=text`.
	Raw bool
}

// BodyFields returns the fields of the operation's request body, required
// ones first, then by name; nil when the body is not an object schema.
// The list is computed once, at load.
func (op *Operation) BodyFields() []Field { return op.fields }

func (ix *Index) bodyFields(op *Operation) []Field {
	if op.Body == nil {
		return nil
	}
	props, required := ix.objectShape(op.Body.Schema, 0)
	var out []Field
	for _, p := range props {
		s := ix.Schema(p.Schema)
		if s != nil && s.ReadOnly {
			continue
		}
		f := Field{Name: p.Name, Type: ix.TypeName(p.Schema), Required: required[p.Name]}
		if s != nil {
			f.Enum, f.Description = s.Enum, s.Description
		}
		f.Raw = f.Type != "string" && f.Type != "any"
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Required != out[j].Required {
			return out[i].Required
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// objectShape gathers the properties and required names of an object
// schema, merging allOf (and the first branch of anyOf/oneOf).
func (ix *Index) objectShape(id SchemaID, depth int) ([]Property, map[string]bool) {
	s := ix.Schema(id)
	required := map[string]bool{}
	if s == nil || depth > 8 {
		return nil, required
	}
	props := append([]Property(nil), s.Properties...)
	for _, r := range s.Required {
		required[r] = true
	}
	subs := append([]SchemaID(nil), s.AllOf...)
	if len(s.OneOf) > 0 {
		subs = append(subs, s.OneOf[0])
	}
	if len(s.AnyOf) > 0 {
		subs = append(subs, s.AnyOf[0])
	}
	for _, sub := range subs {
		p, r := ix.objectShape(sub, depth+1)
		props = append(props, p...)
		for k := range r {
			required[k] = true
		}
	}
	return dedupe(props), required
}

func dedupe(props []Property) []Property {
	seen := map[string]bool{}
	out := props[:0]
	for _, p := range props {
		if !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p)
		}
	}
	return out
}

// ResponsePaths lists jq-style paths into the JSON body documented for
// status (0: the first 2xx response): ".id", ".items", ".items[]",
// ".items[].name". Cycles and depth are cut at 6 levels and the list at
// 500 entries.
func (ix *Index) ResponsePaths(op *Operation, status int) []string {
	r := ix.successResponse(op, status)
	if r == nil {
		return nil
	}
	var out []string
	ix.walkPaths(r.Schema, "", 0, &out)
	return out
}

func (ix *Index) successResponse(op *Operation, status int) *Response {
	if status != 0 {
		return op.Response(status)
	}
	for i := range op.Responses {
		if strings.HasPrefix(op.Responses[i].Status, "2") {
			return &op.Responses[i]
		}
	}
	return nil
}

func (ix *Index) walkPaths(id SchemaID, prefix string, depth int, out *[]string) {
	s := ix.Schema(id)
	if s == nil || depth >= 6 || len(*out) >= 500 {
		return
	}
	if contains(s.Types, "array") && s.Items != 0 {
		*out = append(*out, prefix+"[]")
		ix.walkPaths(s.Items, prefix+"[]", depth+1, out)
		return
	}
	props, _ := ix.objectShape(id, 0)
	sort.Slice(props, func(i, j int) bool { return props[i].Name < props[j].Name })
	for _, p := range props {
		if len(*out) >= 500 {
			return
		}
		path := prefix + "." + jqKey(p.Name)
		*out = append(*out, path)
		ix.walkPaths(p.Schema, path, depth+1, out)
	}
}

// jqKey quotes a key that is not a plain identifier: .["x-y"].
func jqKey(k string) string {
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return `["` + strings.ReplaceAll(k, `"`, `\"`) + `"]`
		}
	}
	if k == "" {
		return `[""]`
	}
	return k
}
