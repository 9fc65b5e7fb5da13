// Package postman reads Postman Collection v2.1 files and Postman
// environment files into collection.Requests and variables. Postman's
// {{var}} syntax is the .http one, so URLs, headers and bodies stay
// templates for httpfile.Expand. Scripts (pre-request, test) are
// JavaScript and never run: each is listed in the request's Skipped.
package postman

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/envfile"
)

// Collection is a read collection.
type Collection struct {
	Name     string
	Vars     []envfile.Var        // collection variables, in order
	Requests []collection.Request // depth first; Name is "Folder/Sub/Request"
	// Skipped lists disabled items and folder or collection scripts.
	Skipped []string
}

type item struct {
	Name     string            `json:"name"`
	Item     []json.RawMessage `json:"item"`
	Request  json.RawMessage   `json:"request"`
	Auth     *auth             `json:"auth"`
	Event    []event           `json:"event"`
	Disabled bool              `json:"disabled"`
}

type event struct {
	Listen   string `json:"listen"`
	Disabled bool   `json:"disabled"`
	Script   struct {
		Exec json.RawMessage `json:"exec"`
	} `json:"script"`
}

type kv struct {
	Key         string `json:"key"`
	Value       any    `json:"value"`
	Disabled    bool   `json:"disabled"`
	Type        string `json:"type"`
	Src         any    `json:"src"`
	ContentType string `json:"contentType"`
	Enabled     *bool  `json:"enabled"`
}

func (k kv) text() string {
	switch v := k.Value.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	b, _ := json.Marshal(k.Value)
	return string(b)
}

type auth struct {
	Type   string `json:"type"`
	Basic  []kv   `json:"basic"`
	Bearer []kv   `json:"bearer"`
	APIKey []kv   `json:"apikey"`
}

// Read reads the Postman collection called name. A v2.0 or v1 collection
// is an error naming its version; other errors name the JSON path
// (item[2].item[0].request.url: missing). Nothing is returned on error.
func Read(name string, data []byte) (*Collection, error) {
	var top struct {
		Info *struct {
			Name   string `json:"name"`
			Schema string `json:"schema"`
		} `json:"info"`
		Item     []json.RawMessage `json:"item"`
		Variable []kv              `json:"variable"`
		Auth     *auth             `json:"auth"`
		Event    []event           `json:"event"`
		Requests json.RawMessage   `json:"requests"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("%s: not a Postman collection: %w", name, collection.JSONError(data, err))
	}
	if err := checkVersion(top.Info != nil, schemaOf(top.Info), top.Requests != nil); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := &Collection{Name: top.Info.Name}
	for _, v := range top.Variable {
		if !v.Disabled {
			c.Vars = append(c.Vars, envfile.Var{Name: v.Key, Value: v.text(), Secret: v.Type == "secret", Source: name})
		}
	}
	c.Skipped = append(c.Skipped, scripts("collection", top.Event)...)
	w := &walker{file: name, out: c}
	if err := w.items(top.Item, "item", "", top.Auth); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
}

func schemaOf(info *struct {
	Name   string `json:"name"`
	Schema string `json:"schema"`
}) string {
	if info == nil {
		return ""
	}
	return info.Schema
}

func checkVersion(hasInfo bool, schema string, v1 bool) error {
	switch {
	case v1 && !hasInfo:
		return errors.New("this is a Postman Collection v1 file: export it again from Postman as Collection v2.1")
	case !hasInfo:
		return errors.New("info: missing: this is not a Postman collection")
	case strings.Contains(schema, "/v2.1."):
		return nil
	case strings.Contains(schema, "/v2.0."):
		return errors.New("info.schema: this is a Postman Collection v2.0 file: export it again from Postman as Collection v2.1")
	}
	return fmt.Errorf("info.schema: %q is not Postman Collection v2.1: export it again from Postman as Collection v2.1", schema)
}

// scripts lists the scripts of events as skipped.
func scripts(where string, evs []event) []string {
	var out []string
	for _, e := range evs {
		if e.Disabled || len(e.Script.Exec) == 0 || string(e.Script.Exec) == "[]" || string(e.Script.Exec) == `""` {
			continue
		}
		kind := map[string]string{"prerequest": "pre-request", "test": "test"}[e.Listen]
		if kind == "" {
			kind = e.Listen
		}
		out = append(out, fmt.Sprintf("%s: %s script skipped (JavaScript is not run)", where, kind))
	}
	return out
}

// envFile is a Postman environment export.
type envFile struct {
	Name   *string `json:"name"`
	Values []kv    `json:"values"`
}

// ReadEnvironment reads a Postman environment file: its name and its
// enabled values, those of type "secret" marked Secret.
func ReadEnvironment(name string, data []byte) (string, []envfile.Var, error) {
	var e envFile
	if err := json.Unmarshal(data, &e); err != nil {
		return "", nil, fmt.Errorf("%s: not a Postman environment: %w", name, collection.JSONError(data, err))
	}
	if e.Name == nil || e.Values == nil {
		return "", nil, fmt.Errorf("%s: name or values: missing: this is not a Postman environment", name)
	}
	var vars []envfile.Var
	for _, v := range e.Values {
		if v.Enabled != nil && !*v.Enabled {
			continue
		}
		vars = append(vars, envfile.Var{Name: v.Key, Value: v.text(), Secret: v.Type == "secret", Source: name})
	}
	return *e.Name, vars, nil
}
