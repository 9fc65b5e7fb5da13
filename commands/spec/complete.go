package spec

import (
	"strings"

	"github.com/httpsh/httpsh/internal/openapi"
)

// The methods here are what completion.Spec asks of a loaded spec. They
// read the Index and the ids remembered, never the network, and take
// microseconds on a 1,000-operation spec.

// SpecPaths offers the paths that extend prefix (a URL word as typed,
// relative to the base): templates with the parameter still to fill
// described and the methods the path has, then, where the next segment
// is templated, the ids seen in earlier responses of that collection.
func (l *loaded) SpecPaths(prefix string) []openapi.Suggestion {
	rel := l.ix.RelativePath(prefix)
	strip := ""
	if strings.HasSuffix(prefix, rel) {
		strip = prefix[:len(prefix)-len(rel)]
	}
	sugg := l.ix.CompletePaths(rel)
	out := make([]openapi.Suggestion, 0, len(sugg))
	for _, sg := range sugg {
		desc := sg.Description
		if ms := l.ix.Methods(sg.Text); len(ms) > 0 && !strings.HasSuffix(sg.Text, "/") {
			desc = strings.TrimSpace(desc + " · " + strings.Join(ms, " "))
		}
		out = append(out, openapi.Suggestion{Text: strip + sg.Text, Description: desc})
	}
	dir, partial := rel, ""
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		dir, partial = rel[:i], rel[i+1:]
	}
	if !templatedNext(sugg, dir) {
		return out
	}
	for _, id := range l.seenIDs(dir) {
		if strings.HasPrefix(id, partial) {
			out = append(out, openapi.Suggestion{Text: strip + dir + "/" + id, Description: "id seen in a response"})
		}
	}
	return out
}

// templatedNext reports whether a suggestion has a template right after dir.
func templatedNext(sugg []openapi.Suggestion, dir string) bool {
	for _, sg := range sugg {
		if strings.HasPrefix(sg.Text, dir+"/{") {
			return true
		}
	}
	return false
}

// SpecOperation is the operation a request line names (method and URL
// word as typed), or nil.
func (l *loaded) SpecOperation(method, target string) *openapi.Operation {
	u := l.resolve(target)
	if u == nil {
		return nil
	}
	return l.match(method, u)
}

// SpecResponsePaths lists jq paths into the body the spec documents for
// the operation of method and target at status (0: its first 2xx).
func (l *loaded) SpecResponsePaths(method, target string, status int) []string {
	op := l.SpecOperation(method, target)
	if op == nil {
		return nil
	}
	return l.ix.ResponsePaths(op, status)
}

// SpecOperations offers the operationIds, each described by its method,
// path and summary.
func (l *loaded) SpecOperations() []openapi.Suggestion {
	out := make([]openapi.Suggestion, 0, len(l.ix.Operations))
	for _, op := range l.ix.Operations {
		if op.ID != "" {
			out = append(out, openapi.Suggestion{Text: op.ID, Description: strings.TrimSpace(op.String() + " " + op.Summary)})
		}
	}
	return out
}
