package openapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"
)

const errRemoteRefused = "remote $ref refused (allow remote refs to follow it)"

// refReader reads the files that $refs name, remembering each local one
// with its hash (for the cache) and whether any was remote.
type refReader struct {
	ctx    context.Context
	opt    Options
	deps   []dep
	remote bool
}

// dep is a file a spec refers to, and the sha256 of its bytes.
type dep struct {
	Path, Sum string
}

func (r *refReader) read(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
	switch u.Scheme {
	case "http", "https":
		if !r.opt.AllowRemoteRefs || r.opt.Fetch == nil {
			return nil, fmt.Errorf("%s: %s", errRemoteRefused, u.Redacted())
		}
		r.remote = true
		b, err := r.opt.Fetch(r.ctx, u)
		if err != nil {
			return nil, fmt.Errorf("fetch $ref %s: %w", u.Redacted(), err)
		}
		return b, nil
	case "", "file":
	default:
		return nil, fmt.Errorf("$ref %s: unsupported scheme %q", u.Redacted(), u.Scheme)
	}
	path := filepath.FromSlash(u.Path)
	b, err := readLimited(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("$ref file %s: %w", path, err)
	}
	sum := sha256.Sum256(b)
	r.deps = append(r.deps, dep{Path: path, Sum: hex.EncodeToString(sum[:])})
	return b, nil
}

// readLimited reads a regular file of at most maxSpecBytes; devices,
// FIFOs and directories are refused (a $ref to /dev/stdin must not block).
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	b, err := io.ReadAll(io.LimitReader(f, maxSpecBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxSpecBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxSpecBytes>>20)
	}
	return b, nil
}

// toJSON returns data as JSON: JSON input as it is (decodeTop checks its
// syntax), YAML converted.
func toJSON(data []byte) ([]byte, error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil, errors.New("the spec is empty")
	}
	if trimmed[0] == '{' || trimmed[0] == '[' {
		return trimmed, nil
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	out, err := json.Marshal(normalize(v))
	if err != nil {
		return nil, fmt.Errorf("YAML that has no JSON form: %w", err)
	}
	return out, nil
}

// normalize gives YAML's maps string keys (status codes are numbers to
// YAML), so that the value has a JSON form.
func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = normalize(x)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = normalize(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = normalize(x)
		}
		return v
	}
	return v
}
