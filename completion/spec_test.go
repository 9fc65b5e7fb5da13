package completion

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// specFixture is the playground with testdata/pets.yaml loaded (its
// paths live under /anything, which the playground echoes) after lines.
func specFixture(t testing.TB, spec string, lines ...string) *fixture {
	t.Helper()
	abs, err := filepath.Abs(spec)
	if err != nil {
		t.Fatal(err)
	}
	return newFixture(t, nil, append([]string{"spec load --no-cache " + abs}, lines...)...)
}

// TestSpecCompletion drives the completer with a loaded spec: paths with
// their templates and the ids seen, parameters and body fields of the
// line's operation (required first), enum values, response paths from
// the schema before any response exists, operationIds.
func TestSpecCompletion(t *testing.T) {
	f := specFixture(t, "testdata/pets.yaml", "prepare GET /anything/pets/1")
	tests := []struct {
		line string
		want []string
	}{
		{"get /anything/p", []string{"/anything/pets", "/anything/pets/{petId}"}},
		{"get /anything/pets ", []string{"status==", "limit==", "X-Trace:"}},
		{"get /anything/pets status==", []string{"status==available", "status==sold"}},
		{"get /anything/pets X-Trace:", []string{"X-Trace:on", "X-Trace:off"}},
		{"post /anything/pets ", []string{"kind=", "name=", "age:="}},
		{"post /anything/pets kind=", []string{"kind=cat", "kind=dog"}},
		{"request GET /anything/pets st", []string{"status=="}},
		{"json .", []string{".id", ".name", ".owner", ".owner.email"}},
		{"spec show ", []string{"createPet", "listPets", "showPet"}},
	}
	for _, tc := range tests {
		got := texts(f.c.Complete(tc.line, len(tc.line)))
		if len(got) > len(tc.want) {
			got = got[:len(tc.want)]
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: got %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestSpecPathDescriptions: a template is described by its parameter and
// the methods the path has.
func TestSpecPathDescriptions(t *testing.T) {
	f := specFixture(t, "testdata/pets.yaml")
	for _, s := range f.c.Complete("get /anything/pets/", len("get /anything/pets/")) {
		if s.Text == "/anything/pets/{petId}" {
			if !strings.Contains(s.Description, "the pet's id") || !strings.Contains(s.Description, "GET") {
				t.Errorf("description %q: want the parameter's and the methods", s.Description)
			}
			return
		}
	}
	t.Error("no /anything/pets/{petId}")
}

// TestSpecSeenIDs: ids in an earlier response are offered for the
// templated segment after their collection.
func TestSpecSeenIDs(t *testing.T) {
	f := specFixture(t, "testdata/pets.yaml",
		`post /anything/pets --json '{"items":[{"id":7,"name":"rex"},{"id":12,"name":"tom"}]}' --show status`)
	line := "get /anything/pets/"
	got := texts(f.c.Complete(line, len(line)))
	for _, want := range []string{"/anything/pets/{petId}", "/anything/pets/7", "/anything/pets/12"} {
		if !contains(got, want) {
			t.Errorf("%q: %q missing from %q", line, want, got)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// writeBigSpec writes a spec of n operations (n/4 paths of 4 methods,
// each with parameters and a body) for the benchmark.
func writeBigSpec(tb testing.TB, n int) string {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: big, version: '1'}\npaths:\n")
	for i := 0; i < n/4; i++ {
		fmt.Fprintf(&b, "  /res%03d/{id%d}/items:\n", i, i)
		fmt.Fprintf(&b, "    parameters: [{name: id%d, in: path, required: true, description: the id, schema: {type: integer}}]\n", i)
		for _, m := range []string{"get", "post", "put", "delete"} {
			fmt.Fprintf(&b, "    %s:\n      operationId: %s%d\n", m, m, i)
			b.WriteString("      parameters:\n        - {name: limit, in: query, schema: {type: integer}}\n        - {name: sort, in: query, schema: {type: string, enum: [asc, desc]}}\n")
			if m == "post" || m == "put" {
				b.WriteString("      requestBody: {content: {application/json: {schema: {type: object, required: [name], properties: {name: {type: string}, size: {type: integer}, tags: {type: array, items: {type: string}}}}}}}\n")
			}
			b.WriteString("      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: integer}, name: {type: string}}}}}}}\n")
		}
	}
	p := filepath.Join(tb.TempDir(), "big.yaml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkSpecCompletion is one keystroke with a 1,000-operation spec
// loaded, for each kind of spec completion (target: under 5 ms).
func BenchmarkSpecCompletion(b *testing.B) {
	f := specFixture(b, writeBigSpec(b, 1000), "prepare GET /res200/1/items")
	for _, line := range []string{"get /", "get /res2", "get /res200/1/", "post /res200/1/items ", "get /res200/1/items sort==", "json ."} {
		b.Run(strings.ReplaceAll(line, "/", "_"), func(b *testing.B) {
			for b.Loop() {
				if len(f.c.Complete(line, len(line))) == 0 {
					b.Fatal("no suggestions for " + line)
				}
			}
		})
	}
}
