package openapi

import (
	"encoding/json"
	"strings"
)

// exampleDepth bounds Example's walk, so cyclic schemas give finite values.
const exampleDepth = 5

// Example builds a value that fits schema id, for `spec show`: the
// schema's own example, default, const or first enum value where it has
// one, else a placeholder by type ("string", 0, true, objects with every
// property, arrays of one item). Cycles and depth stop at null.
func (ix *Index) Example(id SchemaID) any { return ix.example(id, 0, false) }

// RequestExample is Example without readOnly properties, for a body to
// send.
func (ix *Index) RequestExample(id SchemaID) any { return ix.example(id, 0, true) }

func (ix *Index) example(id SchemaID, depth int, request bool) any {
	s := ix.Schema(id)
	if s == nil || depth > exampleDepth {
		return nil
	}
	for _, text := range []string{s.Example, s.Default, s.Const, first(s.Enum)} {
		var v any
		if text != "" && json.Unmarshal([]byte(text), &v) == nil {
			return v
		}
	}
	if len(s.Types) == 0 && len(s.AllOf)+len(s.OneOf)+len(s.AnyOf) > 0 {
		return ix.exampleObject(id, depth, request)
	}
	switch firstType(s.Types) {
	case "object":
		return ix.exampleObject(id, depth, request)
	case "array":
		return []any{ix.example(s.Items, depth+1, request)}
	case "integer":
		return 0
	case "number":
		return 0.5
	case "boolean":
		return true
	case "string":
		return exampleString(s.Format)
	}
	return nil
}

func (ix *Index) exampleObject(id SchemaID, depth int, request bool) any {
	props, _ := ix.objectShape(id, 0)
	if s := ix.Schema(id); len(props) == 0 && s != nil && len(s.OneOf)+len(s.AnyOf) > 0 {
		alts := append(append([]SchemaID(nil), s.OneOf...), s.AnyOf...)
		return ix.example(alts[0], depth+1, request)
	}
	obj := map[string]any{}
	for _, p := range props {
		if ps := ix.Schema(p.Schema); request && ps != nil && ps.ReadOnly {
			continue
		}
		obj[p.Name] = ix.example(p.Schema, depth+1, request)
	}
	return obj
}

func firstType(types []string) string {
	for _, t := range types {
		if t != "null" {
			return t
		}
	}
	return ""
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

func exampleString(format string) string {
	switch strings.ToLower(format) {
	case "date-time":
		return "2025-01-31T12:00:00Z"
	case "date":
		return "2025-01-31"
	case "uuid":
		return "3f2b8c1e-0a4d-4c7e-9b1a-2f6d8e9c0b1a"
	case "email":
		return "ada@example.com"
	case "uri", "url":
		return "https://example.com/"
	}
	return "string"
}

// Search lists the operations whose path, operationId, summary or tags
// contain text (case-insensitively); "" lists them all. A text of the form
// "tag:NAME" matches the tag exactly.
func (ix *Index) Search(text string) []*Operation {
	text = strings.ToLower(strings.TrimSpace(text))
	tag, byTag := strings.CutPrefix(text, "tag:")
	var out []*Operation
	for _, op := range ix.Operations {
		if byTag && containsFold(op.Tags, tag) || !byTag && opMentions(op, text) {
			out = append(out, op)
		}
	}
	return out
}

func opMentions(op *Operation, text string) bool {
	if text == "" {
		return true
	}
	hay := strings.ToLower(op.Method + " " + op.Path + " " + op.ID + " " + op.Summary + " " + strings.Join(op.Tags, " "))
	return strings.Contains(hay, text)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
