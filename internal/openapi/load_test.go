package openapi

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func loadFile(t testing.TB, path string, opt Options) (*Index, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Load(context.Background(), Source{Data: data, Location: path}, opt)
}

func mustLoad(t testing.TB, path string) *Index {
	t.Helper()
	ix, err := loadFile(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestLoadBroken(t *testing.T) {
	tests := []struct{ file, want string }{
		{"syntax.json", "line 3 column 25: invalid JSON"},
		{"syntax.yaml", "invalid YAML: yaml: line 4"},
		{"version.json", `/openapi: unknown version "4.0.0"`},
		{"noversion.json", `no "openapi" or "swagger" field`},
		{"array.json", "the top level is a JSON array"},
		{"missingfile.yaml", "missing.yaml"},
		{"remote.yaml", "remote $ref refused"},
		{"badpointer.yaml", "#/components/schemas/Nope"},
		{"pathstype.json", "paths"},
		{"empty.yaml", "the spec is empty"},
		{"devref.yaml", "/dev/null: not a regular file"},
		{"refloop.yaml", "#/components/schemas/"},
		{"schematype.json", "/components/schemas/Pet: "},
		{"optype.json", "/paths/~1a: "},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ix, err := loadFile(t, filepath.Join("testdata", "broken", tt.file), Options{})
			if err == nil || ix != nil {
				t.Fatalf("got index %v, err %v; want an error only", ix != nil, err)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q: want one line containing %q", msg, tt.want)
			}
		})
	}
}
