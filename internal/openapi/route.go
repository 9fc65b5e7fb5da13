package openapi

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrNoPath is wrapped by Match's error when no path template matches.
var ErrNoPath = errors.New("path not in the spec")

// ErrNoMethod is wrapped by Match's error when the path matches but not
// with that method.
var ErrNoMethod = errors.New("method not in the spec for this path")

// ErrNoOperation is wrapped by Find's error.
var ErrNoOperation = errors.New("no such operation")

// routeNode is one segment level of the path tree. Literal children are
// tried before the templated one, so the most specific template wins.
type routeNode struct {
	literal map[string]*routeNode
	params  []*paramNode // templated segments, most literal characters first
	ops     map[string]*Operation
}

// paramNode is a templated segment: prefix{name}suffix.
type paramNode struct {
	prefix, name, suffix string
	next                 *routeNode
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// parseSegment splits a template segment; ok is false for a literal one.
func parseSegment(seg string) (prefix, name, suffix string, ok bool) {
	i := strings.IndexByte(seg, '{')
	j := strings.LastIndexByte(seg, '}')
	if i < 0 || j < i {
		return "", "", "", false
	}
	return seg[:i], seg[i+1 : j], seg[j+1:], true
}

func (n *routeNode) insert(segs []string, op *Operation) {
	if len(segs) == 0 {
		if n.ops == nil {
			n.ops = map[string]*Operation{}
		}
		n.ops[op.Method] = op
		return
	}
	seg := segs[0]
	pre, name, suf, ok := parseSegment(seg)
	if !ok {
		if n.literal == nil {
			n.literal = map[string]*routeNode{}
		}
		child := n.literal[seg]
		if child == nil {
			child = &routeNode{}
			n.literal[seg] = child
		}
		child.insert(segs[1:], op)
		return
	}
	for _, p := range n.params {
		if p.prefix == pre && p.suffix == suf {
			p.next.insert(segs[1:], op)
			return
		}
	}
	p := &paramNode{prefix: pre, name: name, suffix: suf, next: &routeNode{}}
	n.params = append(n.params, p)
	sort.SliceStable(n.params, func(i, j int) bool {
		return len(n.params[i].prefix)+len(n.params[i].suffix) > len(n.params[j].prefix)+len(n.params[j].suffix)
	})
	p.next.insert(segs[1:], op)
}

// lookup finds the most specific node for segs, filling params.
func (n *routeNode) lookup(segs []string, params map[string]string) *routeNode {
	if len(segs) == 0 {
		if n.ops != nil {
			return n
		}
		return nil
	}
	seg := segs[0]
	if child := n.literal[seg]; child != nil {
		if found := child.lookup(segs[1:], params); found != nil {
			return found
		}
	}
	for _, p := range n.params {
		if len(seg) <= len(p.prefix)+len(p.suffix) || !strings.HasPrefix(seg, p.prefix) || !strings.HasSuffix(seg, p.suffix) {
			continue
		}
		if found := p.next.lookup(segs[1:], params); found != nil {
			params[p.name] = seg[len(p.prefix) : len(seg)-len(p.suffix)]
			return found
		}
	}
	return nil
}

// Find returns the operation named by an operationId or by "METHOD
// /path/{template}" (method in any case). A concrete path such as "GET
// /pets/7" is matched as Match would.
func (ix *Index) Find(name string) (*Operation, error) {
	if op := ix.byID[name]; op != nil {
		return op, nil
	}
	method, path, ok := strings.Cut(strings.TrimSpace(name), " ")
	if ok {
		method, path = strings.ToUpper(method), strings.TrimSpace(path)
		for _, op := range ix.Operations {
			if op.Method == method && op.Path == path {
				return op, nil
			}
		}
		if op, _, err := ix.Match(method, path); err == nil {
			return op, nil
		}
	}
	return nil, fmt.Errorf("%w: %q (give an operationId or METHOD /path)", ErrNoOperation, name)
}

// Match finds the operation for a method and a URL path relative to the
// server's base path (no query). Templated segments match any non-empty
// text within one segment; literal segments win over templated ones. The
// map holds the path parameters' raw (still escaped) values.
func (ix *Index) Match(method, path string) (*Operation, map[string]string, error) {
	path, _, _ = strings.Cut(path, "?")
	params := map[string]string{}
	node := ix.routes.lookup(splitPath(path), params)
	if node == nil {
		return nil, nil, fmt.Errorf("%w: %s", ErrNoPath, path)
	}
	method = strings.ToUpper(method)
	if op := node.ops[method]; op != nil {
		return op, params, nil
	}
	if method == "HEAD" {
		if op := node.ops["GET"]; op != nil {
			return op, params, nil
		}
	}
	return nil, nil, fmt.Errorf("%w: %s %s (it has %s)", ErrNoMethod, method, path, strings.Join(nodeMethods(node), ", "))
}

func nodeMethods(n *routeNode) []string {
	var out []string
	for _, m := range methodOrder() {
		if n.ops[m] != nil {
			out = append(out, m)
		}
	}
	return out
}

// Methods lists the methods a path (concrete or template) has, in the
// usual order; nil when no template matches.
func (ix *Index) Methods(path string) []string {
	path, _, _ = strings.Cut(path, "?")
	node := ix.routes.lookup(splitPath(path), map[string]string{})
	if node == nil {
		return nil
	}
	return nodeMethods(node)
}

// RelativePath strips the path of the first server whose path prefixes
// urlPath, so that "/v2/pets/1" with server https://x/v2 becomes
// "/pets/1". Without such a server it returns urlPath.
func (ix *Index) RelativePath(urlPath string) string {
	for _, s := range ix.Servers {
		base := serverPath(s.URL)
		if base == "" || base == "/" {
			continue
		}
		if rest, ok := strings.CutPrefix(urlPath, base); ok && (rest == "" || rest[0] == '/') {
			if rest == "" {
				rest = "/"
			}
			return rest
		}
	}
	return urlPath
}

// serverPath returns the path part of a server URL, without a trailing
// slash: "https://api.x/v2/" gives "/v2", "/api" gives "/api".
func serverPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		j := strings.IndexByte(u, '/')
		if j < 0 {
			return ""
		}
		u = u[j:]
	}
	return strings.TrimRight(u, "/")
}
