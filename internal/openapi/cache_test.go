package openapi

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copySpec copies the 3.1 petstore and its referenced file to a new folder.
func copySpec(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"petstore31.yaml", "schemas/pet.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "petstore31.yaml")
}

func petKinds(t *testing.T, ix *Index) string {
	t.Helper()
	op, err := ix.Find("createPet")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range op.BodyFields() {
		if f.Name == "kind" {
			return strings.Join(f.Enum, ",")
		}
	}
	return ""
}

func TestCacheFollowsReferencedFiles(t *testing.T) {
	spec := copySpec(t)
	cache := t.TempDir()
	opt := Options{CacheDir: cache}
	first, err := loadFile(t, spec, opt)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*.gob"))
	if len(entries) != 1 {
		t.Fatalf("cache holds %q", entries)
	}
	cached, err := loadFile(t, spec, opt)
	if err != nil || petKinds(t, cached) != petKinds(t, first) {
		t.Fatalf("cached load: %v, kinds %q", err, petKinds(t, cached))
	}
	// The referenced file changes: the cache entry must not be used.
	pet := filepath.Join(filepath.Dir(spec), "schemas", "pet.yaml")
	b, _ := os.ReadFile(pet)
	if err := os.WriteFile(pet, []byte(strings.Replace(string(b), "fish]", "fish, bird]", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := loadFile(t, spec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := petKinds(t, changed); got != `"cat","dog","fish","bird"` {
		t.Errorf("after the change, kinds %q", got)
	}
	// A corrupt entry is ignored, not an error.
	entries, _ = filepath.Glob(filepath.Join(cache, "*.gob"))
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("garbage"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := loadFile(t, spec, opt); err != nil {
		t.Errorf("corrupt cache: %v", err)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg-test")
	dir, err := DefaultCacheDir()
	if err != nil || dir != "/tmp/xdg-test/httpsh/openapi" {
		t.Errorf("DefaultCacheDir = %q, %v", dir, err)
	}
}

func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	base := time.Now().Add(-time.Hour)
	for i := range 5 {
		name := filepath.Join(dir, fmt.Sprintf("%d.gob", i))
		if err := os.WriteFile(name, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		when := base.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(name, when, when); err != nil {
			t.Fatal(err)
		}
	}
	pruneCache(dir, 2)
	left, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if len(left) != 2 || filepath.Base(left[0]) != "3.gob" || filepath.Base(left[1]) != "4.gob" {
		t.Errorf("left %q, want the two newest", left)
	}
}
