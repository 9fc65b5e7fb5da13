package openapi

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeSchema decodes one JSON schema into kin-openapi's model. kin's
// own decoder scans a schema's bytes two or three times at every level of
// nesting; here the bytes are decoded once, generically, and the common
// keywords are copied across. A schema using anything else (a $ref with
// sibling keywords, 3.1's conditional and tuple keywords, a malformed
// value) is handed to kin's decoder whole, so the result is the same.
func decodeSchema(raw []byte) (*openapi3.SchemaRef, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return schemaFromValue(v)
}

func schemaFromValue(v any) (*openapi3.SchemaRef, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return slowSchema(v)
	}
	if ref, ok := m["$ref"].(string); ok && len(m) == 1 {
		return &openapi3.SchemaRef{Ref: ref}, nil
	}
	s := &openapi3.Schema{}
	for k, x := range m {
		if !setKeyword(s, k, x) {
			return slowSchema(v)
		}
	}
	return &openapi3.SchemaRef{Value: s}, nil
}

// slowSchema is kin-openapi's decoder, for what setKeyword does not know.
func slowSchema(v any) (*openapi3.SchemaRef, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	ref := &openapi3.SchemaRef{}
	if err := json.Unmarshal(b, ref); err != nil {
		return nil, err
	}
	return ref, nil
}

// setKeyword copies one keyword into s; false means "not handled here".
func setKeyword(s *openapi3.Schema, k string, x any) bool {
	switch k {
	case "type":
		return setTypes(s, x)
	case "format", "title", "description", "pattern":
		return setString(s, k, x)
	case "enum":
		list, ok := x.([]any)
		s.Enum = list
		return ok
	case "default":
		s.Default = x
	case "example":
		s.Example = x
	case "required":
		return setRequired(s, x)
	case "properties":
		return setProperties(s, x)
	case "items":
		return setSub(&s.Items, x)
	case "allOf", "anyOf", "oneOf":
		return setList(s, k, x)
	case "additionalProperties":
		return setAdditional(s, x)
	case "nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems":
		return setBool(s, k, x)
	case "minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		return setNumber(s, k, x)
	default:
		if strings.HasPrefix(k, "x-") {
			if s.Extensions == nil {
				s.Extensions = map[string]any{}
			}
			s.Extensions[k] = x
			return true
		}
		return false
	}
	return true
}

func setTypes(s *openapi3.Schema, x any) bool {
	switch x := x.(type) {
	case string:
		s.Type = &openapi3.Types{x}
	case []any:
		types := openapi3.Types{}
		for _, t := range x {
			ts, ok := t.(string)
			if !ok {
				return false
			}
			types = append(types, ts)
		}
		s.Type = &types
	default:
		return false
	}
	return true
}

func setString(s *openapi3.Schema, k string, x any) bool {
	v, ok := x.(string)
	switch k {
	case "format":
		s.Format = v
	case "title":
		s.Title = v
	case "description":
		s.Description = v
	case "pattern":
		s.Pattern = v
	}
	return ok
}

func setBool(s *openapi3.Schema, k string, x any) bool {
	v, ok := x.(bool)
	switch k {
	case "nullable":
		s.Nullable = v
	case "readOnly":
		s.ReadOnly = v
	case "writeOnly":
		s.WriteOnly = v
	case "deprecated":
		s.Deprecated = v
	case "uniqueItems":
		s.UniqueItems = v
	}
	return ok
}

func setNumber(s *openapi3.Schema, k string, x any) bool {
	f, ok := x.(float64)
	if !ok {
		return false
	}
	switch k {
	case "minimum":
		s.Min = &f
	case "maximum":
		s.Max = &f
	case "multipleOf":
		s.MultipleOf = &f
	default:
		if f < 0 || f != float64(uint64(f)) {
			return false
		}
		n := uint64(f)
		setCount(s, k, n)
	}
	return true
}

func setCount(s *openapi3.Schema, k string, n uint64) {
	switch k {
	case "minLength":
		s.MinLength = n
	case "maxLength":
		s.MaxLength = &n
	case "minItems":
		s.MinItems = n
	case "maxItems":
		s.MaxItems = &n
	case "minProperties":
		s.MinProps = n
	case "maxProperties":
		s.MaxProps = &n
	}
}

func setRequired(s *openapi3.Schema, x any) bool {
	list, ok := x.([]any)
	if !ok {
		return false
	}
	for _, r := range list {
		name, ok := r.(string)
		if !ok {
			return false
		}
		s.Required = append(s.Required, name)
	}
	return true
}

func setProperties(s *openapi3.Schema, x any) bool {
	m, ok := x.(map[string]any)
	if !ok {
		return false
	}
	s.Properties = make(openapi3.Schemas, len(m))
	for name, p := range m {
		ref, err := schemaFromValue(p)
		if err != nil {
			return false
		}
		s.Properties[name] = ref
	}
	return true
}

func setSub(dst **openapi3.SchemaRef, x any) bool {
	ref, err := schemaFromValue(x)
	*dst = ref
	return err == nil
}

func setList(s *openapi3.Schema, k string, x any) bool {
	list, ok := x.([]any)
	if !ok {
		return false
	}
	refs := make(openapi3.SchemaRefs, 0, len(list))
	for _, item := range list {
		ref, err := schemaFromValue(item)
		if err != nil {
			return false
		}
		refs = append(refs, ref)
	}
	switch k {
	case "allOf":
		s.AllOf = refs
	case "anyOf":
		s.AnyOf = refs
	case "oneOf":
		s.OneOf = refs
	}
	return true
}

func setAdditional(s *openapi3.Schema, x any) bool {
	switch x := x.(type) {
	case bool:
		s.AdditionalProperties = openapi3.AdditionalProperties{Has: &x}
	case map[string]any:
		ref, err := schemaFromValue(x)
		if err != nil {
			return false
		}
		s.AdditionalProperties = openapi3.AdditionalProperties{Schema: ref}
	default:
		return false
	}
	return true
}
