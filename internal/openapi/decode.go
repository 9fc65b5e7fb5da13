package openapi

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodeDoc decodes an OpenAPI 3 JSON document, split at its top level
// (which it changes), into kin-openapi's model.
// kin's own UnmarshalJSON re-validates and re-encodes every nested level
// (paths and components go through map[string]any and back), which made a
// 10 MB spec take a second; here the two big maps, paths and
// components.schemas, are split as raw JSON and their entries decoded
// directly, on a few goroutines. Errors name the entry as a JSON pointer.
func decodeDoc(top map[string]json.RawMessage) (*openapi3.T, error) {
	pathsRaw, schemasRaw, err := takeBigMaps(top)
	if err != nil {
		return nil, err
	}
	rest, err := json.Marshal(top)
	if err != nil {
		return nil, fmt.Errorf("invalid document: %w", err)
	}
	doc := &openapi3.T{}
	if err := json.Unmarshal(rest, doc); err != nil {
		return nil, decodeError(rest, err)
	}
	paths, err := decodePaths(pathsRaw)
	if err != nil {
		return nil, err
	}
	doc.Paths = paths
	if schemasRaw != nil {
		schemas, err := decodeEntries(schemasRaw, "/components/schemas/", decodeSchema)
		if err != nil {
			return nil, err
		}
		if doc.Components == nil {
			doc.Components = &openapi3.Components{}
		}
		doc.Components.Schemas = schemas
	}
	return doc, nil
}

// takeBigMaps removes paths and components.schemas from top, returning
// them split into entries.
func takeBigMaps(top map[string]json.RawMessage) (paths, schemas map[string]json.RawMessage, err error) {
	if raw, ok := top["paths"]; ok {
		if err := json.Unmarshal(raw, &paths); err != nil {
			return nil, nil, fmt.Errorf("/paths: expected an object: %w", err)
		}
		delete(top, "paths")
	}
	raw, ok := top["components"]
	if !ok {
		return paths, nil, nil
	}
	var comps map[string]json.RawMessage
	if err := json.Unmarshal(raw, &comps); err != nil {
		return nil, nil, fmt.Errorf("/components: expected an object: %w", err)
	}
	if s, ok := comps["schemas"]; ok {
		if err := json.Unmarshal(s, &schemas); err != nil {
			return nil, nil, fmt.Errorf("/components/schemas: expected an object: %w", err)
		}
		delete(comps, "schemas")
		b, err := json.Marshal(comps)
		if err != nil {
			return nil, nil, fmt.Errorf("/components: %w", err)
		}
		top["components"] = b
	}
	return paths, schemas, nil
}

func decodePaths(raw map[string]json.RawMessage) (*openapi3.Paths, error) {
	paths := openapi3.NewPaths()
	if raw == nil {
		return paths, nil
	}
	ext := map[string]any{}
	for k, v := range raw {
		if strings.HasPrefix(k, "x-") {
			var x any
			_ = json.Unmarshal(v, &x)
			ext[k] = x
			delete(raw, k)
		}
	}
	items, err := decodeEntries(raw, "/paths/", decodeInto[openapi3.PathItem])
	if err != nil {
		return nil, err
	}
	for k, item := range items {
		paths.Set(k, item)
	}
	if len(ext) > 0 {
		paths.Extensions = ext
	}
	return paths, nil
}

// decodeInto decodes raw into a fresh *T with encoding/json.
func decodeInto[T any](raw []byte) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, err
	}
	return v, nil
}

// decodeEntries decodes each raw entry with decode, on up to four
// goroutines. The first error (in key order) is returned, prefixed by the
// entry's JSON pointer.
func decodeEntries[T any](raw map[string]json.RawMessage, pointer string, decode func([]byte) (*T, error)) (map[string]*T, error) {
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*T, len(keys))
	errs := make([]error, len(keys))
	workers := min(runtime.GOMAXPROCS(0), 4)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(keys); i += workers {
				v, err := decode(raw[keys[i]])
				if err != nil {
					errs[i] = fmt.Errorf("%s%s: %w", pointer, escapePointer(keys[i]), err)
					continue
				}
				out[i] = v
			}
		})
	}
	wg.Wait()
	m := make(map[string]*T, len(keys))
	for i, k := range keys {
		if errs[i] != nil {
			return nil, errs[i]
		}
		m[k] = out[i]
	}
	return m, nil
}

// escapePointer escapes a key for a JSON pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}
