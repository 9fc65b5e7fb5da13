package openapi

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Index is a loaded spec in compact form: everything the shell needs, as
// plain data (so it can be cached), plus lookup tables built by prepare.
// An Index is never modified after Load returns it, so it is safe for
// concurrent use.
type Index struct {
	Location    string // the Source's Location, for BaseURL
	OpenAPI     string // the version the document declared: "3.1.0", "2.0", ...
	Title       string
	Version     string
	Description string
	Servers     []Server
	Operations  []*Operation     // sorted by path, then method
	Schemes     []SecurityScheme // sorted by name
	Security    []Requirement    // the document's default security
	Schemas     []Schema         // indexed by SchemaID; entry 0 unused
	Warnings    []string         // problems found that did not stop the load

	byID   map[string]*Operation
	routes *routeNode
	paths  []pathEntry
}

// Operation is one method on one path.
type Operation struct {
	Method      string // upper case
	Path        string // the template, as in the spec: /pets/{petId}
	ID          string // operationId, may be empty
	Summary     string
	Description string
	Tags        []string
	Deprecated  bool
	Params      []Param // path-level ones merged in; sorted by in, then name
	Body        *Body   // nil when the operation takes no body
	Responses   []Response
	// Security is the effective requirement: the operation's own, else the
	// document's. Any one Requirement satisfies it; an empty list means none.
	Security []Requirement

	fields []Field // body fields, required first; built by prepare
}

// Param is one parameter. Type, Enum and Default are derived from Schema
// for display (Enum and Default as JSON texts).
type Param struct {
	In          string // path, query, header or cookie
	Name        string
	Description string
	Required    bool
	Deprecated  bool
	Schema      SchemaID
	Type        string
	Enum        []string
	Default     string
}

// Body is an operation's request body.
type Body struct {
	Required     bool
	Description  string
	ContentTypes []string // sorted; JSON types first
	Schema       SchemaID // of the JSON content type, else the first one
}

// Response is one documented response. Status is "200", "4XX" or "default".
type Response struct {
	Status       string
	Description  string
	ContentTypes []string
	Schema       SchemaID
	Headers      []string
}

// Requirement is one alternative of a security requirement: all its
// schemes are needed together.
type Requirement []SchemeUse

// SchemeUse names a security scheme and the scopes needed of it.
type SchemeUse struct {
	Scheme string
	Scopes []string
}

// Server is one server. URL has its variables filled from their defaults.
type Server struct {
	URL         string
	Template    string
	Description string
	Variables   []ServerVariable
}

// ServerVariable is one variable of a server URL template.
type ServerVariable struct {
	Name, Default, Description string
	Enum                       []string
}

// SecurityScheme is one entry of components.securitySchemes. Type is
// apiKey, http, oauth2, openIdConnect or mutualTLS; In and ParamName are
// for apiKey, Scheme (basic, bearer, digest) and BearerFormat for http.
type SecurityScheme struct {
	Name         string
	Type         string
	Description  string
	In           string
	ParamName    string
	Scheme       string
	BearerFormat string
	OpenIDURL    string
	Flows        []OAuthFlow
}

// OAuthFlow is one OAuth2 flow of a scheme. Kind is implicit, password,
// clientCredentials or authorizationCode.
type OAuthFlow struct {
	Kind, AuthURL, TokenURL, RefreshURL string
	Scopes                              []string
}

// Summary is what `spec` alone prints.
type Summary struct {
	Title, Version, OpenAPI string
	Servers                 []string
	Operations              int
	Schemes                 []string // "name (type)", e.g. "petstore_auth (oauth2)"
}

// Summary describes the spec in a few fields.
func (ix *Index) Summary() Summary {
	s := Summary{Title: ix.Title, Version: ix.Version, OpenAPI: ix.OpenAPI, Operations: len(ix.Operations)}
	for _, sv := range ix.Servers {
		s.Servers = append(s.Servers, sv.URL)
	}
	for _, sc := range ix.Schemes {
		kind := sc.Type
		if sc.Scheme != "" {
			kind += " " + sc.Scheme
		}
		s.Schemes = append(s.Schemes, sc.Name+" ("+kind+")")
	}
	return s
}

// BaseURL returns server n's URL (variables at their defaults) as an
// absolute URL: a relative one ("/", "/api") is resolved against the
// spec's Location when that is an http(s) URL. With no servers, n 0 is
// the spec's own origin, as OpenAPI says. It fails for an n out of range
// or a relative URL that nothing can resolve.
func (ix *Index) BaseURL(n int) (string, error) {
	raw := "/"
	switch {
	case n >= 0 && n < len(ix.Servers):
		raw = ix.Servers[n].URL
	case n != 0 || len(ix.Servers) > 0:
		return "", fmt.Errorf("no server %d: the spec has %d", n, len(ix.Servers))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("server %d: %w", n, err)
	}
	if u.IsAbs() {
		return strings.TrimRight(raw, "/"), nil
	}
	loc, err := url.Parse(ix.Location)
	if err != nil || (loc.Scheme != "http" && loc.Scheme != "https") {
		return "", fmt.Errorf("server %d is the relative URL %q and the spec was not loaded from a URL: give a base", n, raw)
	}
	return strings.TrimRight(loc.ResolveReference(u).String(), "/"), nil
}

// Scheme returns the security scheme of that name, or nil.
func (ix *Index) Scheme(name string) *SecurityScheme {
	i := sort.Search(len(ix.Schemes), func(i int) bool { return ix.Schemes[i].Name >= name })
	if i < len(ix.Schemes) && ix.Schemes[i].Name == name {
		return &ix.Schemes[i]
	}
	return nil
}

// String is the operation's display name: "GET /pets/{petId}".
func (op *Operation) String() string { return op.Method + " " + op.Path }

// Response returns the response documented for status: the exact code,
// else its class ("4XX"), else "default"; nil when none applies.
func (op *Operation) Response(status int) *Response {
	code := itoa3(status)
	class := code[:1] + "XX"
	var dflt *Response
	for i := range op.Responses {
		r := &op.Responses[i]
		switch strings.ToUpper(r.Status) {
		case code:
			return r
		case "DEFAULT":
			dflt = r
		}
	}
	for i := range op.Responses {
		if strings.ToUpper(op.Responses[i].Status) == class {
			return &op.Responses[i]
		}
	}
	return dflt
}

func itoa3(n int) string {
	if n < 100 || n > 999 {
		return "000"
	}
	return string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
}

// prepare builds the lookup tables from the exported data. It is run once
// by Load and once after reading the cache.
func (ix *Index) prepare() {
	ix.byID = make(map[string]*Operation, len(ix.Operations))
	ix.routes = &routeNode{}
	seen := map[string]bool{}
	for _, op := range ix.Operations {
		if op.ID != "" {
			ix.byID[op.ID] = op
		}
		ix.routes.insert(splitPath(op.Path), op)
		op.fields = ix.bodyFields(op)
		if !seen[op.Path] {
			seen[op.Path] = true
			ix.paths = append(ix.paths, newPathEntry(op))
		}
	}
}
