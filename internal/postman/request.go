package postman

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

type walker struct {
	file string
	out  *Collection
}

type request struct {
	Method string          `json:"method"`
	Header []kv            `json:"header"`
	URL    json.RawMessage `json:"url"`
	Body   *struct {
		Mode       string `json:"mode"`
		Raw        string `json:"raw"`
		URLEncoded []kv   `json:"urlencoded"`
		FormData   []kv   `json:"formdata"`
		File       *struct {
			Src string `json:"src"`
		} `json:"file"`
		GraphQL *struct {
			Query     string `json:"query"`
			Variables string `json:"variables"`
		} `json:"graphql"`
		Options struct {
			Raw struct {
				Language string `json:"language"`
			} `json:"raw"`
		} `json:"options"`
		Disabled bool `json:"disabled"`
	} `json:"body"`
	Auth *auth `json:"auth"`
}

// items walks a list of items: folders add their name as a prefix and
// may set the auth their requests inherit.
func (w *walker) items(raw []json.RawMessage, path, prefix string, inherited *auth) error {
	for i, r := range raw {
		p := fmt.Sprintf("%s[%d]", path, i)
		var it item
		if err := json.Unmarshal(r, &it); err != nil {
			return typeErr(p, err)
		}
		name := prefix + it.Name
		switch {
		case it.Disabled:
			w.out.Skipped = append(w.out.Skipped, fmt.Sprintf("%s: %q is disabled", p, name))
		case it.Item != nil:
			w.out.Skipped = append(w.out.Skipped, scripts("folder "+name, it.Event)...)
			a := inherited
			if it.Auth != nil {
				a = it.Auth
			}
			if err := w.items(it.Item, p+".item", name+"/", a); err != nil {
				return err
			}
		case it.Request == nil:
			return fmt.Errorf("%s: neither item nor request: each entry is a folder or a request", p)
		default:
			req, err := w.request(it, p, name, inherited)
			if err != nil {
				return err
			}
			w.out.Requests = append(w.out.Requests, *req)
		}
	}
	return nil
}

func (w *walker) request(it item, p, name string, inherited *auth) (*collection.Request, error) {
	var q request
	if s := ""; json.Unmarshal(it.Request, &s) == nil {
		q = request{Method: "GET", URL: it.Request}
	} else if err := json.Unmarshal(it.Request, &q); err != nil {
		return nil, typeErr(p+".request", err)
	}
	u, err := urlOf(q.URL)
	if err != nil {
		return nil, fmt.Errorf("%s.request.url: %w", p, err)
	}
	r := &collection.Request{Name: name, Method: strings.ToUpper(q.Method), URL: u, Pos: collection.Pos{File: w.file, Path: p}}
	if r.Method == "" {
		r.Method = "GET"
	}
	for _, h := range q.Header {
		if !h.Disabled {
			r.Headers = append(r.Headers, collection.Header{Name: h.Key, Value: h.text()})
		}
	}
	a := inherited
	if q.Auth != nil {
		a = q.Auth
	}
	if r.Auth, err = authOf(a); err != nil {
		r.Skipped = append(r.Skipped, fmt.Sprintf("%s: %v", name, err))
	}
	if q.Body != nil && !q.Body.Disabled {
		if err := body(r, &q); err != nil {
			return nil, fmt.Errorf("%s.request.body: %w", p, err)
		}
	}
	r.Skipped = append(r.Skipped, scripts(name, it.Event)...)
	return r, nil
}

// urlOf reads a URL given as a string or as {raw, host, path, query}.
func urlOf(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("missing")
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var u struct {
		Raw      string `json:"raw"`
		Query    []kv   `json:"query"`
		Variable []kv   `json:"variable"`
	}
	if err := json.Unmarshal(raw, &u); err != nil {
		return "", fmt.Errorf("must be a string or an object with raw: %w", err)
	}
	if u.Raw == "" {
		return "", errors.New("raw: missing")
	}
	base, _, _ := strings.Cut(u.Raw, "?")
	base = pathVariables(base, u.Variable)
	var qs []string
	for _, q := range u.Query {
		if q.Disabled {
			continue
		}
		if q.Value == nil {
			qs = append(qs, q.Key)
		} else {
			qs = append(qs, q.Key+"="+q.text())
		}
	}
	if len(qs) > 0 {
		return base + "?" + strings.Join(qs, "&"), nil
	}
	if len(u.Query) > 0 || len(u.Variable) > 0 {
		return base, nil
	}
	return u.Raw, nil
}

// pathVariables replaces Postman's :name path segments with their values
// (a :name without a value stays as written).
func pathVariables(u string, vars []kv) string {
	for _, v := range vars {
		if v.Key == "" || v.Value == nil {
			continue
		}
		seg := "/:" + v.Key
		for i := strings.Index(u, seg); i >= 0; i = strings.Index(u, seg) {
			end := i + len(seg)
			if end < len(u) && u[end] != '/' && u[end] != '#' {
				break
			}
			u = u[:i] + "/" + v.text() + u[end:]
		}
	}
	return u
}

func authOf(a *auth) (*collection.Auth, error) {
	if a == nil {
		return nil, nil
	}
	get := func(list []kv, k string) string {
		for _, x := range list {
			if x.Key == k {
				return x.text()
			}
		}
		return ""
	}
	switch a.Type {
	case "noauth", "":
		return nil, nil
	case "basic":
		return &collection.Auth{Kind: "basic", User: get(a.Basic, "username"), Password: get(a.Basic, "password")}, nil
	case "bearer":
		return &collection.Auth{Kind: "bearer", Token: get(a.Bearer, "token")}, nil
	case "apikey":
		return &collection.Auth{Kind: "apikey", Key: get(a.APIKey, "key"), Value: get(a.APIKey, "value"), InQuery: get(a.APIKey, "in") == "query"}, nil
	}
	return nil, fmt.Errorf("auth type %q is not supported (basic, bearer, apikey): set the header by hand", a.Type)
}

func body(r *collection.Request, q *request) error {
	b := q.Body
	switch b.Mode {
	case "raw":
		r.Body = collection.Body{Kind: collection.Text, Text: b.Raw}
		ct := map[string]string{"json": "application/json", "xml": "application/xml", "html": "text/html",
			"javascript": "application/javascript", "text": "text/plain"}[b.Options.Raw.Language]
		defaultContentType(r, ct)
	case "urlencoded":
		r.Body = collection.Body{Kind: collection.Form}
		for _, p := range b.URLEncoded {
			if !p.Disabled {
				r.Body.Params = append(r.Body.Params, collection.Param{Name: p.Key, Value: p.text()})
			}
		}
	case "formdata":
		formData(r, b.FormData)
	case "file":
		if b.File == nil || b.File.Src == "" {
			r.Skipped = append(r.Skipped, r.Name+": the file body names no file (choose one in Postman and export again): sent without a body")
			return nil
		}
		r.Body = collection.Body{Kind: collection.File, File: b.File.Src}
	case "graphql":
		return graphQL(r, q)
	case "", "none":
	default:
		return fmt.Errorf("mode %q is not supported (raw, urlencoded, formdata, file, graphql)", b.Mode)
	}
	return nil
}

// defaultContentType adds Content-Type: ct unless r has one or ct is "".
func defaultContentType(r *collection.Request, ct string) {
	if _, has := r.Header("Content-Type"); ct != "" && !has {
		r.Headers = append(r.Headers, collection.Header{Name: "Content-Type", Value: ct})
	}
}

// formData reads form-data fields: text values and files; a file field
// without a file is left out and listed in r.Skipped.
func formData(r *collection.Request, fields []kv) {
	r.Body = collection.Body{Kind: collection.Multipart}
	for _, p := range fields {
		if p.Disabled {
			continue
		}
		part := collection.Part{Name: p.Key, ContentType: p.ContentType}
		if p.Type != "file" {
			part.Text = p.text()
			r.Body.Parts = append(r.Body.Parts, part)
			continue
		}
		part.File = srcOf(p.Src)
		part.FileName = baseName(part.File)
		if part.File == "" {
			r.Skipped = append(r.Skipped, fmt.Sprintf("%s: form-data file %q names no file: left out", r.Name, p.Key))
			continue
		}
		r.Body.Parts = append(r.Body.Parts, part)
	}
}

// graphQL sends a GraphQL body as JSON {"query", "variables"}.
func graphQL(r *collection.Request, q *request) error {
	g := q.Body.GraphQL
	if g == nil {
		return errors.New("graphql: missing")
	}
	doc := map[string]any{"query": g.Query}
	if v := strings.TrimSpace(g.Variables); v != "" {
		doc["variables"] = json.RawMessage(v)
	}
	text, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("graphql.variables: not JSON: %w", err)
	}
	r.Body = collection.Body{Kind: collection.Text, Text: string(text)}
	defaultContentType(r, "application/json")
	return nil
}

// srcOf is a formdata file's src: a path, or the first of a list.
func srcOf(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []any:
		if len(s) > 0 {
			f, _ := s[0].(string)
			return f
		}
	}
	return ""
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func typeErr(p string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s.%s: must be a %s, not a %s", p, te.Field, te.Type, te.Value)
	}
	return fmt.Errorf("%s: %w", p, err)
}
