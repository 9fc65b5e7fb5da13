package openapi

import (
	"encoding/json"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

// SchemaID names a schema in an Index's schema table. 0 means "no schema"
// (anything goes). IDs let cyclic schemas be stored and cached as plain data.
type SchemaID int32

// Schema is the compact form of a JSON schema kept in an Index: the keywords
// the validator and the completers use, nothing else. Enum and Default hold
// JSON texts. Types is empty when any type is allowed; "null" is in Types
// when null is allowed (OpenAPI 3.0's nullable is folded into it).
type Schema struct {
	Types       []string
	Format      string
	Title       string
	Description string
	Enum        []string
	Const       string
	Default     string
	Example     string

	Properties []Property
	Required   []string
	// Additional is the schema of properties not in Properties: 0 allows
	// anything, NoAdditional forbids them.
	Additional SchemaID
	Items      SchemaID
	AllOf      []SchemaID
	AnyOf      []SchemaID
	OneOf      []SchemaID
	Never      bool // the schema `false`: nothing validates

	Min, Max             *float64
	ExclusiveMin         *float64
	ExclusiveMax         *float64
	MinLength, MaxLength *uint64
	MinItems, MaxItems   *uint64
	Pattern              string
	ReadOnly, WriteOnly  bool
}

// NoAdditional, as Schema.Additional, forbids properties not listed.
const NoAdditional SchemaID = -1

// Property is one named property of an object schema.
type Property struct {
	Name   string
	Schema SchemaID
}

// schemaTable converts kin-openapi schemas to the compact table, sharing
// one entry per distinct *openapi3.Schema so that cycles terminate.
type schemaTable struct {
	list []Schema // index 0 is unused
	seen map[*openapi3.Schema]SchemaID
	v31  bool
	// unresolved lists $refs that led to no schema (a loop of bare $refs).
	unresolved []string
}

func newSchemaTable(v31 bool) *schemaTable {
	return &schemaTable{list: make([]Schema, 1, 256), seen: map[*openapi3.Schema]SchemaID{}, v31: v31}
}

// add returns the ID of ref's schema, converting it (and what it refers
// to) on first sight. A nil ref gives 0.
func (t *schemaTable) add(ref *openapi3.SchemaRef) SchemaID {
	if ref == nil {
		return 0
	}
	if ref.Value == nil {
		if ref.Ref != "" && !contains(t.unresolved, ref.Ref) {
			t.unresolved = append(t.unresolved, ref.Ref)
		}
		return 0
	}
	s := ref.Value
	if id, ok := t.seen[s]; ok {
		return id
	}
	id := SchemaID(len(t.list))
	t.seen[s] = id
	t.list = append(t.list, Schema{})
	c := t.convert(s)
	t.list[id] = c
	return id
}

func (t *schemaTable) convert(s *openapi3.Schema) Schema {
	c := Schema{
		Types: s.Type.Slice(), Format: s.Format, Title: s.Title, Description: s.Description,
		Enum: jsonTexts(s.Enum), Const: jsonText(s.Const), Default: jsonText(s.Default),
		Example: jsonText(s.Example), Required: s.Required,
		Min: s.Min, Max: s.Max, MaxLength: s.MaxLength, MaxItems: s.MaxItems,
		Pattern: s.Pattern, ReadOnly: s.ReadOnly, WriteOnly: s.WriteOnly,
	}
	if s.Always != nil && !*s.Always {
		c.Never = true
	}
	if s.Nullable && len(c.Types) > 0 && !contains(c.Types, "null") {
		c.Types = append(append([]string(nil), c.Types...), "null")
	}
	c.MinLength = nonZero(s.MinLength)
	c.MinItems = nonZero(s.MinItems)
	c.ExclusiveMin, c.ExclusiveMax = exclusive(s.ExclusiveMin, s.Min), exclusive(s.ExclusiveMax, s.Max)
	if s.ExclusiveMin.IsTrue() {
		c.Min = nil
	}
	if s.ExclusiveMax.IsTrue() {
		c.Max = nil
	}
	names := make([]string, 0, len(s.Properties))
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		c.Properties = append(c.Properties, Property{Name: name, Schema: t.add(s.Properties[name])})
	}
	switch ap := s.AdditionalProperties; {
	case ap.Has != nil && !*ap.Has:
		c.Additional = NoAdditional
	case ap.Schema != nil:
		c.Additional = t.add(ap.Schema)
	}
	c.Items = t.add(s.Items)
	c.AllOf, c.AnyOf, c.OneOf = t.addAll(s.AllOf), t.addAll(s.AnyOf), t.addAll(s.OneOf)
	return c
}

func (t *schemaTable) addAll(refs openapi3.SchemaRefs) []SchemaID {
	var ids []SchemaID
	for _, r := range refs {
		ids = append(ids, t.add(r))
	}
	return ids
}

// exclusive returns the exclusive bound as a number, from either the 3.1
// numeric form or the 3.0 boolean one applied to the plain bound.
func exclusive(b openapi3.ExclusiveBound, plain *float64) *float64 {
	if b.Value != nil {
		return b.Value
	}
	if b.IsTrue() {
		return plain
	}
	return nil
}

func nonZero(n uint64) *uint64 {
	if n == 0 {
		return nil
	}
	return &n
}

func jsonText(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

func jsonTexts(vs []any) []string {
	var out []string
	for _, v := range vs {
		out = append(out, jsonText(v))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Schema returns the schema with the given ID, or nil for 0 or an ID not
// in the table.
func (ix *Index) Schema(id SchemaID) *Schema {
	if id <= 0 || int(id) >= len(ix.Schemas) {
		return nil
	}
	return &ix.Schemas[id]
}

// TypeName is a short human name of the schema's type: "integer",
// "string|null", "array of string", "object", or "any".
func (ix *Index) TypeName(id SchemaID) string { return ix.typeName(id, 0) }

func (ix *Index) typeName(id SchemaID, depth int) string {
	s := ix.Schema(id)
	if s == nil || depth > 4 {
		return "any"
	}
	if len(s.Types) == 0 {
		for _, sub := range s.AllOf {
			if n := ix.typeName(sub, depth+1); n != "any" {
				return n
			}
		}
		return "any"
	}
	name := ""
	for i, ty := range s.Types {
		if i > 0 {
			name += "|"
		}
		name += ty
		if ty == "array" && s.Items != 0 {
			name += " of " + ix.typeName(s.Items, depth+1)
		}
	}
	return name
}
