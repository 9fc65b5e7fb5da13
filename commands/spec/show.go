package spec

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/internal/render"
)

// clean escapes server text for the terminal.
func clean(s string) string { return render.Sanitize(s) }

// cleanLines is clean for text of several lines: the newlines stay.
func cleanLines(s string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = clean(l)
	}
	return strings.Join(ls, "\n")
}

// printSummary is `spec` alone: title, version, where it came from, the
// servers (the one that is the base marked), the operations and the
// security schemes with how to give each.
func printSummary(env *commands.Env, l *loaded) {
	s := l.ix.Summary()
	env.Printf("%s %s (OpenAPI %s) from %s\n", clean(s.Title), clean(s.Version), clean(s.OpenAPI), clean(l.location))
	base := ""
	if env.Session.Base != nil {
		base = strings.TrimRight(env.Session.Base.String(), "/")
	}
	for i := range l.ix.Servers {
		u, err := l.ix.BaseURL(i)
		mark := ""
		if err == nil && u == base {
			mark = " (base)"
		}
		env.Printf("server %d: %s%s\n", i+1, clean(l.ix.Servers[i].URL), mark)
	}
	env.Printf("%s; `spec ops` lists them, `spec show OP` shows one\n", commands.Plural(s.Operations, "operation"))
	for _, sc := range l.ix.Schemes {
		env.Printf("security %s: %s\n", clean(sc.Name), schemeHow(&sc))
	}
	if n := len(l.ix.Warnings); n > 0 {
		env.Printf("%s while loading (the first: %s)\n", commands.Plural(n, "warning"), clean(l.ix.Warnings[0]))
	}
}

// schemeHow says what a scheme is and the httpsh line that gives it.
func schemeHow(sc *openapi.SecurityScheme) string {
	name := clean(sc.ParamName)
	switch sc.Type {
	case "apiKey":
		switch sc.In {
		case "header":
			return fmt.Sprintf("API key in header %s (`headers %s:KEY`)", name, name)
		case "query":
			return fmt.Sprintf("API key in query parameter %s (add `%s==KEY` to requests)", name, name)
		case "cookie":
			return fmt.Sprintf("API key in cookie %s (`--cookie %s=KEY`)", name, name)
		}
	case "http":
		switch strings.ToLower(sc.Scheme) {
		case "basic":
			return "HTTP basic (`auth basic USER`)"
		case "bearer":
			f := ""
			if sc.BearerFormat != "" {
				f = " " + clean(sc.BearerFormat)
			}
			return "HTTP bearer" + f + " (`auth bearer TOKEN`)"
		case "digest":
			return "HTTP digest (`auth digest USER`)"
		}
		return "HTTP " + clean(sc.Scheme)
	case "oauth2":
		var kinds, how []string
		for _, f := range sc.Flows {
			kinds = append(kinds, clean(f.Kind))
			switch f.Kind {
			case "clientCredentials":
				how = append(how, "`auth oauth2 client-credentials --token-url "+clean(f.TokenURL)+" --client-id ID`")
			case "authorizationCode":
				how = append(how, "`auth oauth2 auth-code --auth-url "+clean(f.AuthURL)+" --token-url "+clean(f.TokenURL)+" --client-id ID`")
			}
		}
		if len(how) == 0 {
			how = []string{"get a token, then `auth bearer TOKEN`"}
		}
		return "OAuth2 (" + strings.Join(kinds, ", ") + "; " + strings.Join(how, " or ") + ")"
	case "openIdConnect":
		return "OpenID Connect " + clean(sc.OpenIDURL) + " (get a token, then `auth bearer TOKEN`)"
	}
	return clean(sc.Type)
}

// security lists what an operation needs: "api_key or petstore_auth (read:pets)".
func security(ix *openapi.Index, op *openapi.Operation) []openapi.Requirement {
	if op.Security != nil {
		return op.Security
	}
	return ix.Security
}

func requirementText(reqs []openapi.Requirement) string {
	var alts []string
	for _, r := range reqs {
		var all []string
		for _, u := range r {
			t := clean(u.Scheme)
			if len(u.Scopes) > 0 {
				t += " (" + clean(strings.Join(u.Scopes, ", ")) + ")"
			}
			all = append(all, t)
		}
		if len(all) == 0 {
			all = []string{"none"}
		}
		alts = append(alts, strings.Join(all, " and "))
	}
	return strings.Join(alts, " or ")
}

// authHint is the line a 401 gets: the schemes the operation declares
// and how to give one.
func (l *loaded) authHint(op *openapi.Operation) string {
	reqs := security(l.ix, op)
	var how []string
	for _, r := range reqs {
		for _, u := range r {
			if sc := l.ix.Scheme(u.Scheme); sc != nil {
				how = append(how, clean(sc.Name)+": "+schemeHow(sc))
			}
		}
	}
	if len(how) == 0 {
		return ""
	}
	return fmt.Sprintf("the spec says %s needs %s", clean(op.String()), strings.Join(how, "; or "))
}

// printOps is `spec ops [TEXT]`.
func printOps(env *commands.Env, ix *openapi.Index, text string) {
	ops := ix.Search(text)
	if len(ops) == 0 {
		env.Printf("no operation mentions %q (`spec ops` lists them all)\n", text)
		return
	}
	rows := make([][]string, 0, len(ops))
	for _, op := range ops {
		rows = append(rows, []string{op.Method, clean(op.Path), clean(op.ID), clean(op.Summary)})
	}
	env.Render().Table(env.Stdout, []string{"method", "path", "operation", "summary"}, rows)
}

// printShow is `spec show OP`: parameters, body, responses, security.
func printShow(env *commands.Env, ix *openapi.Index, op *openapi.Operation) {
	env.Printf("%s\n", explainText(ix, op))
	if len(op.Params) > 0 {
		rows := make([][]string, 0, len(op.Params))
		for _, p := range op.Params {
			rows = append(rows, []string{p.In, clean(p.Name), paramType(p), mark(p.Required, "required"), clean(p.Description)})
		}
		env.Printf("\nparameters:\n")
		env.Render().Table(env.Stdout, []string{"in", "name", "type", "", "description"}, rows)
	}
	if b := op.Body; b != nil {
		env.Printf("\nbody (%s)%s:\n", clean(strings.Join(b.ContentTypes, ", ")), mark(b.Required, ", required"))
		if ex, err := json.MarshalIndent(ix.RequestExample(b.Schema), "", "  "); err == nil && b.Schema != 0 {
			env.Printf("%s\n", cleanLines(string(ex)))
		}
		for _, f := range op.BodyFields() {
			env.Printf("  %s %s%s\n", itemOf(f), clean(f.Type), mark(f.Required, " required"))
		}
	}
	env.Printf("\nresponses:\n")
	rows := make([][]string, 0, len(op.Responses))
	for _, r := range op.Responses {
		rows = append(rows, []string{clean(r.Status), clean(strings.Join(r.ContentTypes, ", ")), clean(r.Description)})
	}
	env.Render().Table(env.Stdout, []string{"status", "type", "description"}, rows)
	if reqs := security(ix, op); len(reqs) > 0 {
		env.Printf("\nsecurity: %s\n", requirementText(reqs))
	}
}

// explainText is an operation's head: name, summary, description, tags.
func explainText(ix *openapi.Index, op *openapi.Operation) string {
	var b strings.Builder
	b.WriteString(opName(op))
	if op.Deprecated {
		b.WriteString(" (deprecated)")
	}
	if op.Summary != "" {
		b.WriteString(": " + clean(op.Summary))
	}
	if op.Description != "" && op.Description != op.Summary {
		b.WriteString("\n" + cleanLines(strings.TrimSpace(op.Description)))
	}
	if len(op.Tags) > 0 {
		b.WriteString("\ntags: " + clean(strings.Join(op.Tags, ", ")))
	}
	if reqs := security(ix, op); len(reqs) > 0 {
		b.WriteString("\nneeds: " + requirementText(reqs))
	}
	return b.String()
}

func paramType(p openapi.Param) string {
	t := clean(p.Type)
	if len(p.Enum) > 0 {
		t += " " + clean(strings.Join(p.Enum, "|"))
	}
	if p.Default != "" {
		t += " (default " + clean(p.Default) + ")"
	}
	return t
}

// itemOf is the request item a body field is typed as: name= or name:=.
func itemOf(f openapi.Field) string {
	if f.Raw {
		return clean(f.Name) + ":="
	}
	return clean(f.Name) + "="
}

func mark(on bool, s string) string {
	if on {
		return s
	}
	return ""
}
