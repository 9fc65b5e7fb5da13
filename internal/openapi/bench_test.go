package openapi

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v4"
)

// bigSpec generates an OpenAPI 3.1 JSON document with ops operations over
// ops/4 resources, each with its own schemas padded by descriptions to
// reach roughly 10 KB per operation (10.2 MB for 1000).
func bigSpec(ops int) []byte {
	paths := map[string]any{}
	schemas := map[string]any{}
	pad := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 12)
	for r := 0; r < ops/4; r++ {
		name := fmt.Sprintf("Res%d", r)
		props := map[string]any{"id": map[string]any{"type": "integer"}}
		for f := 0; f < 50; f++ {
			props[fmt.Sprintf("field%d", f)] = map[string]any{
				"type": []string{"string", "integer", "boolean", "number"}[f%4], "description": pad[:len(pad)-f],
			}
		}
		props["status"] = map[string]any{"type": "string", "enum": []string{"new", "open", "done"}}
		props["parent"] = map[string]any{"$ref": "#/components/schemas/" + name}
		schemas[name] = map[string]any{"type": "object", "required": []string{"id", "field0"}, "properties": props, "description": pad}
		ref := map[string]any{"$ref": "#/components/schemas/" + name}
		jsonOf := func(s any) map[string]any {
			return map[string]any{"application/json": map[string]any{"schema": s}}
		}
		list := map[string]any{"type": "object", "properties": map[string]any{"items": map[string]any{"type": "array", "items": ref}}}
		q := func(n string) map[string]any {
			return map[string]any{"name": n, "in": "query", "description": pad[:80], "schema": map[string]any{"type": "integer"}}
		}
		base := fmt.Sprintf("/v1/res%d", r)
		paths[base] = map[string]any{
			"get":  map[string]any{"operationId": "list" + name, "summary": "List " + name, "description": pad, "parameters": []any{q("limit"), q("offset")}, "responses": map[string]any{"200": map[string]any{"description": "ok", "content": jsonOf(list)}}},
			"post": map[string]any{"operationId": "create" + name, "summary": "Create " + name, "description": pad, "requestBody": map[string]any{"required": true, "content": jsonOf(ref)}, "responses": map[string]any{"201": map[string]any{"description": "ok", "content": jsonOf(ref)}}},
		}
		idParam := map[string]any{"name": "id", "in": "path", "required": true, "description": "the id", "schema": map[string]any{"type": "integer"}}
		paths[base+"/{id}"] = map[string]any{
			"parameters": []any{idParam},
			"get":        map[string]any{"operationId": "get" + name, "summary": "Get " + name, "description": pad, "responses": map[string]any{"200": map[string]any{"description": "ok", "content": jsonOf(ref)}}},
			"delete":     map[string]any{"operationId": "delete" + name, "summary": "Delete " + name, "description": pad, "responses": map[string]any{"204": map[string]any{"description": "gone"}}},
		}
	}
	doc := map[string]any{
		"openapi": "3.1.0", "info": map[string]any{"title": "Big", "version": "1"},
		"servers": []any{map[string]any{"url": "https://big.example"}},
		"paths":   paths, "components": map[string]any{"schemas": schemas},
	}
	b, _ := json.Marshal(doc)
	return b
}

// bigBody is a ~1 MB list response for bigSpec's listRes0.
func bigBody() []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < 1<<20; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"field0":"abcdefgh","field1":%d,"field2":true,"field3":1.5,"status":"open","field4":"some text here"}`, i, i)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

func BenchmarkLoadCold(b *testing.B) {
	data := bigSpec(1000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCached(b *testing.B) {
	data := bigSpec(1000)
	opt := Options{CacheDir: b.TempDir()}
	if _, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, opt); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func loadBig(b *testing.B) *Index {
	ix, err := Load(context.Background(), Source{Data: bigSpec(1000), Location: "big.json"}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

func BenchmarkCompletePaths(b *testing.B) {
	ix := loadBig(b)
	for b.Loop() {
		ix.CompletePaths("/v1/res12")
	}
}

func BenchmarkCompleteFields(b *testing.B) {
	ix := loadBig(b)
	op, _ := ix.Find("createRes7")
	for b.Loop() {
		op.BodyFields()
		op.ParamHints("query")
		ix.ResponsePaths(op, 201)
	}
}

func BenchmarkValidateResponse1MB(b *testing.B) {
	ix := loadBig(b)
	op, _ := ix.Find("listRes0")
	body := bigBody()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if ps := ix.ValidateResponse(op, 200, "application/json", body); len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}

// TestBigSpecRSS prints the size of the generated spec and the peak
// resident memory after loading it; run with HTTPSH_RSS=1, or with
// HTTPSH_RSS=FILE to load that file instead (such as the YAML form that
// HTTPSH_WRITE_YAML=FILE writes with TestWriteBigYAML).
func TestBigSpecRSS(t *testing.T) {
	if os.Getenv("HTTPSH_RSS") == "" {
		t.Skip("set HTTPSH_RSS=1 to measure")
	}
	data := bigSpec(1000)
	if name := os.Getenv("HTTPSH_RSS"); name != "1" {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			t.Fatal(err)
		}
	}
	var before, after syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	start := time.Now()
	ix, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	cpu := time.Duration(after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano())
	t.Logf("load: %v wall, %v CPU (all threads, GC included)", took, cpu)
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM") {
			t.Logf("spec %.1f MB, %d operations, loaded in %v, peak %s", float64(len(data))/1e6, len(ix.Operations), took, strings.Join(strings.Fields(line)[1:], " "))
		}
	}
}

func TestBigSpecAndCache(t *testing.T) {
	data := bigSpec(40)
	opt := Options{CacheDir: t.TempDir()}
	cold, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	warm, err := Load(context.Background(), Source{Data: data, Location: "big.json"}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(cold.Operations) != 40 || len(warm.Operations) != 40 || len(warm.Schemas) != len(cold.Schemas) {
		t.Fatalf("ops %d/%d schemas %d/%d", len(cold.Operations), len(warm.Operations), len(cold.Schemas), len(warm.Schemas))
	}
	op, _ := warm.Find("listRes3")
	if ps := warm.ValidateResponse(op, 200, "application/json", []byte(`{"items":[{"id":"x","field0":"a"}]}`)); len(ps) != 1 || ps[0].String() != `.items[0].id: expected integer, got "x"` {
		t.Errorf("cached index validates %q", problemStrings(ps))
	}
}

// bigYAML is bigSpec(1000) as YAML.
func bigYAML(t testing.TB) []byte {
	var v any
	if err := json.Unmarshal(bigSpec(1000), &v); err != nil {
		t.Fatal(err)
	}
	data, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestWriteBigYAML writes bigSpec(1000) as YAML to $HTTPSH_WRITE_YAML.
func TestWriteBigYAML(t *testing.T) {
	name := os.Getenv("HTTPSH_WRITE_YAML")
	if name == "" {
		t.Skip("set HTTPSH_WRITE_YAML=FILE to write the YAML spec")
	}
	if err := os.WriteFile(name, bigYAML(t), 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkLoadColdYAML(b *testing.B) {
	data := bigYAML(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Load(context.Background(), Source{Data: data, Location: "big.yaml"}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
