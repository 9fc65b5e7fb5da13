package openapi

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// shape accumulates the JSON values seen at one place, to infer a schema
// that every one of them fits.
type shape struct {
	kinds    map[string]int // JSON Schema type -> values seen
	strs     map[string]bool
	strCount int
	objects  int
	props    map[string]*shape
	propSeen map[string]int
	items    *shape
}

// enum limits: a string set becomes an enum when it is small, repeated
// and made of short words.
const (
	enumMaxValues = 5
	enumMinSeen   = 4
	enumMaxLen    = 24
)

// add records a value decoded with UseNumber.
func (s *shape) add(v any) {
	if s.kinds == nil {
		s.kinds = map[string]int{}
	}
	kind := jsonType(v)
	s.kinds[kind]++
	switch v := v.(type) {
	case string:
		s.addString(v)
	case map[string]any:
		s.objects++
		if s.props == nil {
			s.props, s.propSeen = map[string]*shape{}, map[string]int{}
		}
		for k, x := range v {
			if s.props[k] == nil {
				s.props[k] = &shape{}
			}
			s.props[k].add(x)
			s.propSeen[k]++
		}
	case []any:
		if s.items == nil {
			s.items = &shape{}
		}
		for _, x := range v {
			s.items.add(x)
		}
	}
}

func (s *shape) addString(v string) {
	s.strCount++
	if s.strs == nil {
		s.strs = map[string]bool{}
	}
	if len(s.strs) <= enumMaxValues {
		s.strs[v] = true
	}
}

// addText records a parameter's text as the value a check would read it
// as (see checker.coerce).
func (s *shape) addText(v string) {
	switch {
	case isJSONNumber(v):
		s.add(json.Number(v))
	case v == "true" || v == "false":
		s.add(v == "true")
	default:
		s.add(v)
	}
}

func isJSONNumber(v string) bool {
	if v == "" || !(v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil && json.Valid([]byte(v))
}

func (s *shape) types() []string {
	var out []string
	for k := range s.kinds {
		if k == "integer" && s.kinds["number"] > 0 {
			continue
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// schema is the JSON Schema (as a map for encoding) that fits every value.
func (s *shape) schema() map[string]any {
	out := map[string]any{}
	types := s.types()
	switch len(types) {
	case 0:
		return out
	case 1:
		out["type"] = types[0]
	default:
		out["type"] = types
	}
	if s.objects > 0 {
		props := map[string]any{}
		var required []string
		for k, p := range s.props {
			props[k] = p.schema()
			if s.propSeen[k] == s.objects {
				required = append(required, k)
			}
		}
		sort.Strings(required)
		out["properties"] = props
		if required != nil {
			out["required"] = required
		}
	}
	if s.items != nil && len(s.items.kinds) > 0 {
		out["items"] = s.items.schema()
	}
	if enum := s.enum(); enum != nil && len(types) == 1 && types[0] == "string" {
		out["enum"] = enum
	}
	return out
}

// paramSchema is schema for a parameter's values.
func (s *shape) paramSchema() map[string]any { return s.schema() }

func (s *shape) enum() []string {
	if s.strCount < enumMinSeen || len(s.strs) > enumMaxValues || len(s.strs)*2 > s.strCount {
		return nil
	}
	var out []string
	for v := range s.strs {
		// Not UTF-8: JSON would write it as U+FFFD, an enum that the very
		// value it came from does not match.
		if len(v) > enumMaxLen || v == "" || strings.ContainsAny(v, " \t\n") || !utf8.ValidString(v) {
			return nil
		}
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// isIDSegment reports whether a path segment looks like an identifier:
// all digits, a UUID, 16+ hex digits, or a 20+ character token with
// digits in it.
func isIDSegment(seg string) bool {
	switch {
	case seg == "":
		return false
	case allOf(seg, isDigit):
		return true
	case isUUID(seg):
		return true
	case len(seg) >= 16 && allOf(seg, isHex):
		return true
	}
	return len(seg) >= 20 && strings.IndexFunc(seg, isDigit) >= 0 && allOf(seg, isTokenChar)
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if r != '-' {
				return false
			}
		} else if !isHex(r) {
			return false
		}
	}
	return true
}

func allOf(s string, f func(rune) bool) bool {
	for _, r := range s {
		if !f(r) {
			return false
		}
	}
	return true
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
func isHex(r rune) bool   { return isDigit(r) || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F' }
func isTokenChar(r rune) bool {
	return isHex(r) || r >= 'g' && r <= 'z' || r >= 'G' && r <= 'Z' || r == '_' || r == '-'
}
