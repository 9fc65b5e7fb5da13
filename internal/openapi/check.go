package openapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one way a request or response departs from the spec. Where
// names the place (`query parameter "limit"`, `.items[3].id`, `status`);
// Msg says what the spec wants. String joins them on one line.
type Problem struct {
	Where string
	Msg   string
}

func (p Problem) String() string { return p.Where + ": " + p.Msg }

// maxProblems bounds the problems one check reports; the last one then
// says how many more there were.
const maxProblems = 100

// direction decides which of readOnly and writeOnly fields may be missing.
type direction int

const (
	toServer direction = iota
	fromServer
)

// checker validates decoded JSON values (UseNumber) against the schema
// table, collecting problems.
type checker struct {
	ix      *Index
	dir     direction
	out     []Problem
	dropped int
	regexps map[string]*regexp.Regexp
}

func (c *checker) add(where, format string, args ...any) {
	if len(c.out) >= maxProblems {
		c.dropped++
		return
	}
	c.out = append(c.out, Problem{Where: orRoot(where), Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) problems() []Problem {
	if c.dropped > 0 {
		c.out = append(c.out, Problem{Where: "...", Msg: fmt.Sprintf("%d more problems", c.dropped)})
	}
	return c.out
}

// decodeJSON decodes a body keeping numbers exact.
func decodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// jsonType is the JSON Schema type of a decoded value.
func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return "integer"
		}
		if f, err := v.Float64(); err == nil && f == float64(int64(f)) && !strings.ContainsAny(string(v), ".") {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// show renders a value for a message: strings and numbers as JSON, big
// things by kind.
func show(v any) string {
	switch v := v.(type) {
	case []any:
		return fmt.Sprintf("an array of %d", len(v))
	case map[string]any:
		return "an object"
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	if len(b) > 40 {
		return string(b[:37]) + `..."`
	}
	return string(b)
}

func typeAllowed(types []string, got string) bool {
	return len(types) == 0 || contains(types, got) || got == "integer" && contains(types, "number")
}

// check validates v against schema id; where is the JSON path so far.
func (c *checker) check(id SchemaID, v any, where string, depth int) {
	s := c.ix.Schema(id)
	if s == nil || depth > 64 {
		return
	}
	if s.Never {
		c.add(where, "no value is allowed here, got %s", show(v))
		return
	}
	got := jsonType(v)
	if !typeAllowed(s.Types, got) {
		c.add(where, "expected %s, got %s", strings.Join(s.Types, " or "), show(v))
		return
	}
	if len(s.Enum) > 0 && !enumHas(s.Enum, v) {
		c.add(where, "%s is not one of %s", show(v), strings.Join(s.Enum, ", "))
	}
	if s.Const != "" && !enumHas([]string{s.Const}, v) {
		c.add(where, "expected %s, got %s", s.Const, show(v))
	}
	switch v := v.(type) {
	case map[string]any:
		c.checkObject(s, v, where, depth)
	case []any:
		c.checkArray(s, v, where, depth)
	case string:
		c.checkString(s, v, where)
	case json.Number:
		c.checkNumber(s, v, where)
	}
	for _, sub := range s.AllOf {
		c.check(sub, v, where, depth+1)
	}
	c.checkAlternatives("anyOf", s.AnyOf, v, where, depth)
	c.checkAlternatives("oneOf", s.OneOf, v, where, depth)
}

// checkAlternatives passes when v fits at least one of the schemas (oneOf
// is checked as anyOf: ambiguity is the spec's problem, not the data's).
func (c *checker) checkAlternatives(kw string, ids []SchemaID, v any, where string, depth int) {
	if len(ids) == 0 {
		return
	}
	var first []Problem
	for i, sub := range ids {
		trial := &checker{ix: c.ix, dir: c.dir, regexps: c.regexps}
		trial.check(sub, v, where, depth+1)
		if len(trial.out) == 0 {
			return
		}
		if i == 0 {
			first = trial.out
		}
	}
	c.add(where, "matches none of the %d %s schemas (the first says %s)", len(ids), kw, first[0])
}

func (c *checker) checkObject(s *Schema, obj map[string]any, where string, depth int) {
	for _, name := range s.Required {
		if _, ok := obj[name]; ok {
			continue
		}
		if p := c.property(s, name); p != nil && (c.dir == toServer && p.ReadOnly || c.dir == fromServer && p.WriteOnly) {
			continue
		}
		c.add(orRoot(where), "missing required field %q", name)
	}
	for _, name := range sortedKeys(obj) {
		sub, known := c.propertyID(s, name)
		path := where + "." + jqKey(name)
		switch {
		case known:
			c.check(sub, obj[name], path, depth+1)
		case s.Additional == NoAdditional:
			c.add(path, "field not in the schema")
		case s.Additional > 0:
			c.check(s.Additional, obj[name], path, depth+1)
		}
	}
}

func (c *checker) propertyID(s *Schema, name string) (SchemaID, bool) {
	for _, p := range s.Properties {
		if p.Name == name {
			return p.Schema, true
		}
	}
	return 0, false
}

func (c *checker) property(s *Schema, name string) *Schema {
	id, _ := c.propertyID(s, name)
	return c.ix.Schema(id)
}

func (c *checker) checkArray(s *Schema, arr []any, where string, depth int) {
	if s.MinItems != nil && uint64(len(arr)) < *s.MinItems {
		c.add(orRoot(where), "expected at least %d items, got %d", *s.MinItems, len(arr))
	}
	if s.MaxItems != nil && uint64(len(arr)) > *s.MaxItems {
		c.add(orRoot(where), "expected at most %d items, got %d", *s.MaxItems, len(arr))
	}
	if s.Items == 0 {
		return
	}
	for i, item := range arr {
		c.check(s.Items, item, where+"["+strconv.Itoa(i)+"]", depth+1)
	}
}

func (c *checker) checkString(s *Schema, v, where string) {
	n := uint64(utf8.RuneCountInString(v))
	if s.MinLength != nil && n < *s.MinLength {
		c.add(orRoot(where), "expected at least %d characters, got %s", *s.MinLength, show(v))
	}
	if s.MaxLength != nil && n > *s.MaxLength {
		c.add(orRoot(where), "expected at most %d characters, got %d", *s.MaxLength, n)
	}
	if s.Pattern != "" {
		re, ok := c.regexps[s.Pattern]
		if !ok {
			re, _ = regexp.Compile(s.Pattern) // an invalid pattern checks nothing
			c.regexps[s.Pattern] = re
		}
		if re != nil && !re.MatchString(v) {
			c.add(orRoot(where), "%s does not match the pattern %s", show(v), s.Pattern)
		}
	}
}

func (c *checker) checkNumber(s *Schema, v json.Number, where string) {
	f, err := v.Float64()
	if err != nil {
		return
	}
	switch {
	case s.Min != nil && f < *s.Min:
		c.add(orRoot(where), "expected at least %v, got %s", *s.Min, v)
	case s.Max != nil && f > *s.Max:
		c.add(orRoot(where), "expected at most %v, got %s", *s.Max, v)
	case s.ExclusiveMin != nil && f <= *s.ExclusiveMin:
		c.add(orRoot(where), "expected more than %v, got %s", *s.ExclusiveMin, v)
	case s.ExclusiveMax != nil && f >= *s.ExclusiveMax:
		c.add(orRoot(where), "expected less than %v, got %s", *s.ExclusiveMax, v)
	}
}

// enumHas compares v with JSON texts; numbers by value.
func enumHas(enum []string, v any) bool {
	if n, ok := v.(json.Number); ok {
		f, err := n.Float64()
		for _, e := range enum {
			if g, gerr := strconv.ParseFloat(e, 64); err == nil && gerr == nil && f == g {
				return true
			}
		}
		return false
	}
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	for _, e := range enum {
		if e == string(b) {
			return true
		}
	}
	return false
}

func orRoot(where string) string {
	if where == "" {
		return "."
	}
	return where
}
