package openapi

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// kinIndex builds an index the slow way, with kin-openapi's own decoder
// for the whole document, to compare with Load's.
func kinIndex(t *testing.T, data []byte, location string) *Index {
	t.Helper()
	js, err := toJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := &openapi3.T{}
	if err := json.Unmarshal(js, doc); err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = (&refReader{ctx: context.Background()}).read
	if err := loader.ResolveRefsIn(doc, locationURL(location)); err != nil {
		t.Fatal(err)
	}
	ix, err := build(doc, doc.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// TestFastSchemaDecoderAgrees: the index from decodeSchema's fast path
// equals the one from kin's decoder, operation by operation.
func TestFastSchemaDecoderAgrees(t *testing.T) {
	files := []string{"testdata/petstore31.yaml", "testdata/petstore30.json", "../playground/openapi.json"}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		compareIndexes(t, name, data)
	}
	compareIndexes(t, "bigSpec(12)", bigSpec(12))
}

func compareIndexes(t *testing.T, name string, data []byte) {
	t.Helper()
	fast, err := Load(context.Background(), Source{Data: data, Location: name}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	slow := kinIndex(t, data, name)
	if len(fast.Operations) != len(slow.Operations) {
		t.Fatalf("%s: %d vs %d operations", name, len(fast.Operations), len(slow.Operations))
	}
	for i, op := range fast.Operations {
		a, b := describeOp(fast, op), describeOp(slow, slow.Operations[i])
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s %s:\nfast %s\n kin %s", name, op, a, b)
		}
	}
}

// describeOp renders an operation with its schemas expanded (IDs differ
// between the two tables), bounded for cycles.
func describeOp(ix *Index, op *Operation) string {
	out := map[string]any{"params": op.Params}
	for i := range out["params"].([]Param) {
		out["params"].([]Param)[i].Schema = 0
	}
	if op.Body != nil {
		out["body"] = expand(ix, op.Body.Schema, 0)
	}
	for _, r := range op.Responses {
		out[r.Status] = expand(ix, r.Schema, 0)
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func expand(ix *Index, id SchemaID, depth int) any {
	s := ix.Schema(id)
	if s == nil || depth > 4 {
		return nil
	}
	c := *s
	props := map[string]any{}
	for _, p := range c.Properties {
		props[p.Name] = expand(ix, p.Schema, depth+1)
	}
	var subs []any
	for _, l := range [][]SchemaID{c.AllOf, c.AnyOf, c.OneOf} {
		for _, sub := range l {
			subs = append(subs, expand(ix, sub, depth+1))
		}
	}
	items, additional := expand(ix, c.Items, depth+1), c.Additional == NoAdditional
	c.Properties, c.AllOf, c.AnyOf, c.OneOf, c.Items, c.Additional = nil, nil, nil, nil, 0, 0
	return map[string]any{"s": c, "props": props, "subs": subs, "items": items, "noAdditional": additional}
}
