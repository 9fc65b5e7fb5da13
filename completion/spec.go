package completion

import (
	"encoding/json"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/openapi"
)

// Spec is what completion asks of a loaded API description. The spec
// family's value in Session.Spec has these methods; Source.Spec returns
// it (by default, read from Session.Spec). Every method is pure over the
// loaded spec and never touches the network: they run on each key.
type Spec interface {
	// SpecPaths offers the paths extending prefix (a URL word as typed):
	// templates such as /pets/{petId} described by the parameter to fill,
	// and ids seen in earlier responses for a templated segment.
	SpecPaths(prefix string) []openapi.Suggestion
	// SpecOperation is the operation of a request line (its method and
	// URL word as typed), or nil.
	SpecOperation(method, target string) *openapi.Operation
	// SpecResponsePaths lists jq paths into the JSON the spec documents
	// for that request at status (0: its first 2xx).
	SpecResponsePaths(method, target string, status int) []string
	// SpecOperations offers the operationIds.
	SpecOperations() []openapi.Suggestion
}

// sessionSpec reads the spec the session holds, if it has one.
func (c *Completer) sessionSpec() Spec {
	if c.src.Session == nil {
		return nil
	}
	sp, _ := c.src.Session.Spec.(Spec)
	return sp
}

// spec is the loaded spec, or nil.
func (c *Completer) spec() Spec {
	if c.src.Spec == nil {
		return nil
	}
	return c.src.Spec()
}

// httpMethods are the methods a command named after one sends.
var httpMethods = map[string]bool{"GET": true, "HEAD": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "OPTIONS": true}

// lineOperation finds the spec operation of the line being typed: its
// method is the command's name when that is an HTTP method and the first
// word is a URL, or the first word when the command takes METHOD URL.
func (c *Completer) lineOperation(cmd *commands.Command, pos []string) *openapi.Operation {
	sp := c.spec()
	if sp == nil || len(cmd.Args) == 0 {
		return nil
	}
	switch cmd.Args[0].Hint {
	case commands.HintURL:
		if m := strings.ToUpper(cmd.Name); httpMethods[m] && len(pos) > 0 {
			return sp.SpecOperation(m, pos[0])
		}
	case commands.HintMethod:
		if len(pos) > 1 {
			return sp.SpecOperation(strings.ToUpper(pos[0]), pos[1])
		}
	}
	return nil
}

// specURLs offers the spec's paths for a URL word.
func (c *Completer) specURLs(word string) []candidate {
	sp := c.spec()
	if sp == nil || word != "" && !strings.HasPrefix(word, "/") {
		return nil
	}
	if word == "" {
		word = "/"
	}
	var out []candidate
	for i, sg := range sp.SpecPaths(word) {
		if safeWord(sg.Text) {
			out = append(out, cand(sg.Text, sg.Description, 2, i))
		}
	}
	return out
}

// specItems offers the line's operation's query and header parameters
// (with their enum values once `name==` or `Name:` is typed) and its body
// fields, `name=` or `name:=`, required ones first.
func (c *Completer) specItems(word string) []candidate {
	op := c.lineOp
	if op == nil {
		return nil
	}
	if name, _, ok := strings.Cut(word, "=="); ok {
		return paramValues(op, "query", name, "==")
	}
	if name, _, ok := strings.Cut(word, ":="); ok {
		return fieldValues(op, name, ":=", true)
	}
	if name, _, ok := strings.Cut(word, ":"); ok {
		return paramValues(op, "header", name, ":")
	}
	if name, _, ok := strings.Cut(word, "="); ok {
		return fieldValues(op, name, "=", false)
	}
	var out []candidate
	add := func(text, desc string, required bool, i int) {
		group := -1
		if required {
			group = -2
		}
		if safeWord(text) {
			out = append(out, cand(text, desc, group, i))
		}
	}
	for i, p := range op.ParamHints("query") {
		add(p.Name+"==", paramDesc(p), p.Required, i)
	}
	for i, p := range op.ParamHints("header") {
		add(p.Name+":", paramDesc(p), p.Required, 50+i)
	}
	for i, f := range op.BodyFields() {
		sep := "="
		if f.Raw {
			sep = ":="
		}
		add(f.Name+sep, fieldDesc(f), f.Required, 100+i)
	}
	return out
}

func paramDesc(p openapi.Param) string {
	d := p.In + " " + p.Type
	if p.Required {
		d += ", required"
	}
	if len(p.Enum) > 0 {
		d += ": " + strings.Join(p.Enum, "|")
	} else if p.Description != "" {
		d += ": " + p.Description
	}
	return d
}

func fieldDesc(f openapi.Field) string {
	d := "body " + f.Type
	if f.Required {
		d += ", required"
	}
	if len(f.Enum) > 0 {
		d += ": " + strings.Join(f.Enum, "|")
	} else if f.Description != "" {
		d += ": " + f.Description
	}
	return d
}

// paramValues offers name+sep+value for a parameter's enum and default.
func paramValues(op *openapi.Operation, in, name, sep string) []candidate {
	var out []candidate
	for _, p := range op.ParamHints(in) {
		if !strings.EqualFold(p.Name, name) {
			continue
		}
		vals := p.Enum
		if len(vals) == 0 && p.Default != "" {
			vals = []string{p.Default}
		}
		for i, v := range vals {
			if text := name + sep + unquote(v); safeWord(text) {
				out = append(out, cand(text, paramDesc(p), -1, i))
			}
		}
	}
	return out
}

// fieldValues offers a body field's enum values: JSON texts after :=,
// strings unquoted after =.
func fieldValues(op *openapi.Operation, name, sep string, raw bool) []candidate {
	var out []candidate
	for _, f := range op.BodyFields() {
		if f.Name != name {
			continue
		}
		for i, v := range f.Enum {
			if !raw {
				v = unquote(v)
			}
			if text := name + sep + v; safeWord(text) {
				out = append(out, cand(text, fieldDesc(f), -1, i))
			}
		}
	}
	return out
}

// unquote is a JSON string's text; other JSON texts stay as they are.
func unquote(v string) string {
	var s string
	if json.Unmarshal([]byte(v), &s) == nil {
		return s
	}
	return v
}

// specJSONPaths offers the response paths the spec documents for the
// last exchange (or, before any, the last prepared request) when its
// body is not JSON to walk.
func (c *Completer) specJSONPaths(word string) []candidate {
	sp := c.spec()
	if sp == nil || c.src.Session == nil {
		return nil
	}
	var paths []string
	if e := c.src.Session.Last(); e != nil {
		h := e.Final()
		paths = sp.SpecResponsePaths(h.Request.Method, h.Request.URL.String(), h.Response.StatusCode)
	} else if p := c.src.Session.Prepared[""]; p != nil {
		paths = sp.SpecResponsePaths(p.Method, p.URL.String(), 0)
	}
	quote, expr := "", word
	if strings.HasPrefix(expr, "'") || strings.HasPrefix(expr, `"`) {
		quote, expr = expr[:1], expr[1:]
	}
	var out []candidate
	for _, p := range paths {
		if strings.HasPrefix(p, expr) && safeWord(p) {
			depth := strings.Count(p, ".") + strings.Count(p, "[")
			out = append(out, candidate{Suggestion{quote + p, "from the spec"}, 0, depth, true})
		}
	}
	return out
}

// specOperations offers the spec's operationIds.
func (c *Completer) specOperations() []candidate {
	sp := c.spec()
	if sp == nil {
		return nil
	}
	var out []candidate
	for _, sg := range sp.SpecOperations() {
		if safeWord(sg.Text) {
			out = append(out, cand(sg.Text, sg.Description, 0, 0))
		}
	}
	return out
}
