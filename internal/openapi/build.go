package openapi

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// methodOrder is the order operations of one path are listed in.
func methodOrder() []string {
	return []string{
		http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete,
		http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace, "QUERY",
	}
}

// build converts a resolved document to an Index (not yet prepared). It
// fails when a $ref leads to no schema at all.
func build(doc *openapi3.T, declared string) (*Index, error) {
	t := newSchemaTable(doc.IsOpenAPI31OrLater())
	ix := &Index{OpenAPI: declared}
	if doc.Info != nil {
		ix.Title, ix.Version, ix.Description = doc.Info.Title, doc.Info.Version, doc.Info.Description
	}
	ix.Servers = buildServers(doc.Servers)
	ix.Security = buildSecurity(&doc.Security)
	if doc.Components != nil {
		ix.Schemes = buildSchemes(doc.Components.SecuritySchemes)
	}
	if doc.Paths != nil {
		keys := doc.Paths.Keys()
		sort.Strings(keys)
		for _, path := range keys {
			item := doc.Paths.Value(path)
			if item == nil { // a path with no item at all (`paths: {"": }`)
				continue
			}
			for _, m := range methodOrder() {
				if op := item.GetOperation(m); op != nil {
					ix.Operations = append(ix.Operations, buildOp(t, ix, path, m, item, op))
				}
			}
		}
	}
	ix.Schemas = t.list
	if len(t.unresolved) > 0 {
		return nil, fmt.Errorf("$ref %s leads to no schema (a cycle of $refs with no schema in it?)", t.unresolved[0])
	}
	return ix, nil
}

func buildOp(t *schemaTable, ix *Index, path, method string, item *openapi3.PathItem, op *openapi3.Operation) *Operation {
	o := &Operation{
		Method: method, Path: path, ID: op.OperationID, Summary: op.Summary,
		Description: op.Description, Tags: op.Tags, Deprecated: op.Deprecated,
	}
	if o.Summary == "" {
		o.Summary = item.Summary
	}
	o.Params = buildParams(t, ix, item.Parameters, op.Parameters)
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		ct, id := pickContent(t, rb.Value.Content)
		o.Body = &Body{Required: rb.Value.Required, Description: rb.Value.Description, ContentTypes: ct, Schema: id}
	}
	if op.Responses != nil {
		for status, rr := range op.Responses.Map() {
			if rr == nil || rr.Value == nil {
				continue
			}
			r := Response{Status: status, Description: deref(rr.Value.Description)}
			r.ContentTypes, r.Schema = pickContent(t, rr.Value.Content)
			for h := range rr.Value.Headers {
				r.Headers = append(r.Headers, h)
			}
			sort.Strings(r.Headers)
			o.Responses = append(o.Responses, r)
		}
		sort.Slice(o.Responses, func(i, j int) bool { return o.Responses[i].Status < o.Responses[j].Status })
	}
	o.Security = ix.Security
	if op.Security != nil {
		o.Security = buildSecurity(op.Security)
	}
	return o
}

// buildParams merges path-level and operation-level parameters (the
// operation's win) and sorts them by location, then name.
func buildParams(t *schemaTable, ix *Index, lists ...openapi3.Parameters) []Param {
	byKey := map[string]Param{}
	for _, list := range lists {
		for _, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			p := pr.Value
			id := t.add(p.Schema)
			if id == 0 && len(p.Content) > 0 {
				_, id = pickContent(t, p.Content)
			}
			byKey[p.In+"\x00"+p.Name] = Param{
				In: p.In, Name: p.Name, Description: p.Description,
				Required: p.Required || p.In == "path", Deprecated: p.Deprecated, Schema: id,
			}
		}
	}
	out := make([]Param, 0, len(byKey))
	for _, p := range byKey {
		if s := t.schema(p.Schema); s != nil {
			p.Enum, p.Default = s.Enum, s.Default
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].In != out[j].In {
			return inOrder(out[i].In) < inOrder(out[j].In)
		}
		return out[i].Name < out[j].Name
	})
	for i := range out {
		out[i].Type = (&Index{Schemas: t.list}).TypeName(out[i].Schema)
	}
	return out
}

func (t *schemaTable) schema(id SchemaID) *Schema {
	if id <= 0 || int(id) >= len(t.list) {
		return nil
	}
	return &t.list[id]
}

func inOrder(in string) int {
	switch in {
	case "path":
		return 0
	case "query":
		return 1
	case "header":
		return 2
	}
	return 3
}

// pickContent lists the content types (JSON ones first) and returns the
// schema of the first JSON one, else of the first one.
func pickContent(t *schemaTable, content openapi3.Content) ([]string, SchemaID) {
	var types []string
	for ct := range content {
		types = append(types, ct)
	}
	sort.Slice(types, func(i, j int) bool {
		ji, jj := isJSON(types[i]), isJSON(types[j])
		if ji != jj {
			return ji
		}
		return types[i] < types[j]
	})
	if len(types) == 0 {
		return nil, 0
	}
	mt := content[types[0]]
	if mt == nil {
		return types, 0
	}
	return types, t.add(mt.Schema)
}

// isJSON reports whether a media type is JSON: application/json,
// application/problem+json, */*, and parameters ignored.
func isJSON(mediaType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(mediaType), ";")
	mt = strings.TrimSpace(mt)
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "*/*" || mt == "application/*"
}

func buildServers(list openapi3.Servers) []Server {
	var out []Server
	for _, s := range list {
		if s == nil {
			continue
		}
		sv := Server{Template: s.URL, URL: s.URL, Description: s.Description}
		names := make([]string, 0, len(s.Variables))
		for name := range s.Variables {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			v := s.Variables[name]
			if v == nil {
				continue
			}
			sv.Variables = append(sv.Variables, ServerVariable{Name: name, Default: v.Default, Description: v.Description, Enum: v.Enum})
			sv.URL = strings.ReplaceAll(sv.URL, "{"+name+"}", v.Default)
		}
		out = append(out, sv)
	}
	return out
}

func buildSecurity(reqs *openapi3.SecurityRequirements) []Requirement {
	if reqs == nil {
		return nil
	}
	out := []Requirement{}
	for _, req := range *reqs {
		r := Requirement{}
		for name, scopes := range req {
			r = append(r, SchemeUse{Scheme: name, Scopes: scopes})
		}
		sort.Slice(r, func(i, j int) bool { return r[i].Scheme < r[j].Scheme })
		out = append(out, r)
	}
	return out
}

func buildSchemes(schemes openapi3.SecuritySchemes) []SecurityScheme {
	var out []SecurityScheme
	for name, ref := range schemes {
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		out = append(out, SecurityScheme{
			Name: name, Type: s.Type, Description: s.Description, In: s.In, ParamName: s.Name,
			Scheme: strings.ToLower(s.Scheme), BearerFormat: s.BearerFormat, OpenIDURL: s.OpenIdConnectUrl,
			Flows: buildFlows(s.Flows),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func buildFlows(f *openapi3.OAuthFlows) []OAuthFlow {
	if f == nil {
		return nil
	}
	var out []OAuthFlow
	add := func(kind string, fl *openapi3.OAuthFlow) {
		if fl == nil {
			return
		}
		of := OAuthFlow{Kind: kind, AuthURL: fl.AuthorizationURL, TokenURL: fl.TokenURL, RefreshURL: fl.RefreshURL}
		for s := range fl.Scopes {
			of.Scopes = append(of.Scopes, s)
		}
		sort.Strings(of.Scopes)
		out = append(out, of)
	}
	add("authorizationCode", f.AuthorizationCode)
	add("clientCredentials", f.ClientCredentials)
	add("implicit", f.Implicit)
	add("password", f.Password)
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
