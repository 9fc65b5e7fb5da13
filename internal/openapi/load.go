package openapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// Source is a spec's bytes and where they came from. Location is a file
// path or an http(s) URL; relative $refs are resolved against it. An empty
// Location resolves them against the current directory.
type Source struct {
	Data     []byte
	Location string
}

// Options controls Load. The zero value refuses remote $refs and does not
// cache.
type Options struct {
	// AllowRemoteRefs lets $refs to http(s) URLs be fetched (with Fetch).
	AllowRemoteRefs bool
	// Fetch reads a remote $ref; nil means refuse them even if allowed.
	Fetch func(ctx context.Context, u *url.URL) ([]byte, error)
	// CacheDir, when not empty, keeps parsed indexes there, keyed by the
	// sha256 of the spec's bytes and location (see DefaultCacheDir).
	CacheDir string
	// Validate runs kin-openapi's document validation; its complaints go
	// to Index.Warnings (they never fail the load). It costs time on big
	// specs, so it is off by default.
	Validate bool
}

// maxSpecBytes bounds one document and each file it refers to.
const maxSpecBytes = 64 << 20

// Load parses src into a fresh Index. It either returns a complete Index
// or an error of one line that names the place (a line and column, or a
// JSON pointer) and the problem; it never returns both. Errors wrap their
// cause with %w.
func Load(ctx context.Context, src Source, opt Options) (*Index, error) {
	ix, err := load(ctx, src, opt)
	if err != nil {
		return nil, oneLine{fmt.Errorf("load spec %s: %w", displayName(src.Location), err)}
	}
	return ix, nil
}

func load(ctx context.Context, src Source, opt Options) (*Index, error) {
	if len(src.Data) > maxSpecBytes {
		return nil, fmt.Errorf("spec is larger than %d MiB", maxSpecBytes>>20)
	}
	key := cacheKey(src, opt.Validate)
	if ix := readCache(opt.CacheDir, key); ix != nil {
		return ix, nil
	}
	data, err := toJSON(src.Data)
	if err != nil {
		return nil, err
	}
	top, err := decodeTop(data)
	if err != nil {
		return nil, err
	}
	declared, err := version(top)
	if err != nil {
		return nil, err
	}
	rd := &refReader{ctx: ctx, opt: opt}
	doc, err := parse(ctx, data, top, declared, src.Location, rd)
	if err != nil {
		return nil, err
	}
	ix, err := build(doc, declared)
	if err != nil {
		return nil, err
	}
	ix.Location = src.Location
	if opt.Validate {
		if verr := doc.Validate(ctx, openapi3.DisableExamplesValidation()); verr != nil {
			ix.Warnings = append(ix.Warnings, flatten(verr.Error()))
		}
	}
	ix.prepare()
	if !rd.remote {
		writeCache(opt.CacheDir, key, rd.deps, ix)
	}
	return ix, nil
}

// parse decodes and resolves a JSON document of the declared version.
func parse(ctx context.Context, data []byte, top map[string]json.RawMessage, declared, location string, rd *refReader) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.Context = ctx
	loader.IsExternalRefsAllowed = true
	loader.ReadFromURIFunc = rd.read
	loc := locationURL(location)
	if strings.HasPrefix(declared, "2.") {
		var doc2 openapi2.T
		if err := json.Unmarshal(data, &doc2); err != nil {
			return nil, decodeError(data, err)
		}
		doc, err := openapi2conv.ToV3WithLoader(&doc2, loader, loc)
		if err != nil {
			return nil, fmt.Errorf("convert swagger 2.0: %w", err)
		}
		return doc, nil
	}
	doc, err := decodeDoc(top)
	if err != nil {
		return nil, err
	}
	if err := loader.ResolveRefsIn(doc, loc); err != nil {
		return nil, refError(err)
	}
	return doc, nil
}

// decodeTop splits the document's top level; this is where invalid JSON
// is found, and reported with its line and column.
func decodeTop(data []byte) (map[string]json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			return nil, fmt.Errorf("not an OpenAPI document: the top level is a JSON %s, not an object", te.Value)
		}
		return nil, decodeError(data, err)
	}
	if top == nil {
		return nil, errors.New("not an OpenAPI document: the top level is null")
	}
	return top, nil
}

// version reads the openapi or swagger field and checks it is one Load
// knows.
func version(top map[string]json.RawMessage) (string, error) {
	raw, field := top["openapi"], "openapi"
	if raw == nil {
		raw, field = top["swagger"], "swagger"
	}
	if raw == nil {
		return "", errors.New("not an OpenAPI document: no \"openapi\" or \"swagger\" field at the top level")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("/%s: the version must be a string, like \"3.1.0\"", field)
	}
	switch {
	case field == "openapi" && (strings.HasPrefix(s, "3.0") || strings.HasPrefix(s, "3.1") || strings.HasPrefix(s, "3.2")):
		return s, nil
	case field == "swagger" && s == "2.0":
		return s, nil
	}
	return "", fmt.Errorf("/%s: unknown version %q (3.0, 3.1 and swagger 2.0 are known)", field, s)
}

// decodeError turns a JSON error into one naming the line and column.
func decodeError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, se.Offset-1)
		return fmt.Errorf("line %d column %d: invalid JSON: %w", line, col, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("/%s: expected %s, got a JSON %s: %w", strings.ReplaceAll(te.Field, ".", "/"), te.Type, te.Value, err)
	}
	return fmt.Errorf("invalid document: %w", err)
}

// refError labels kin-openapi's resolution errors, which name the $ref.
func refError(err error) error {
	return fmt.Errorf("resolve $ref: %w", err)
}

func lineCol(data []byte, off int64) (int, int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

func locationURL(location string) *url.URL {
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		if u, err := url.Parse(location); err == nil {
			return u
		}
	}
	if location == "" {
		location = "spec.json"
	}
	abs, err := filepath.Abs(location)
	if err != nil {
		abs = location
	}
	return &url.URL{Path: filepath.ToSlash(abs)}
}

func displayName(location string) string {
	if location == "" {
		return "(data)"
	}
	return location
}

// oneLine keeps an error's text on one line, whatever its causes say.
type oneLine struct{ err error }

func (e oneLine) Error() string { return flatten(e.err.Error()) }
func (e oneLine) Unwrap() error { return e.err }

func flatten(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
