package httpfile

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// request reads one request starting at its request line, up to the next
// ### line or the end of the file.
func (p *parser) request(b *block) error {
	line := p.i + 1
	r := collection.Request{Name: b.name, Settings: b.settings, Skipped: b.skipped, Pos: collection.Pos{File: p.file.Name, Line: line}}
	if b.named {
		if l, dup := p.named[b.name]; dup {
			return p.errAt(line, fmt.Sprintf("request name %q is already used on line %d: rename one", b.name, l))
		}
		p.named[b.name] = line
	}
	method, target, err := requestLine(strings.TrimSpace(p.lines[p.i]))
	if err != nil {
		return p.errAt(line, err.Error())
	}
	p.i++
	var url strings.Builder // one copy however many continuation lines
	url.WriteString(target)
	for p.i < len(p.lines) {
		raw := p.lines[p.i]
		t := strings.TrimSpace(raw)
		indented := raw != "" && (raw[0] == ' ' || raw[0] == '\t')
		if !strings.HasPrefix(t, "?") && !strings.HasPrefix(t, "&") && !(indented && strings.HasPrefix(t, "/")) {
			break
		}
		url.WriteString(t)
		p.i++
	}
	target = url.String()
	r.Method, r.URL = method, target
	if err := checkTemplate(target); err != nil {
		return p.errAt(line, err.Error())
	}
	if err := p.headers(&r); err != nil {
		return err
	}
	if err := p.body(&r); err != nil {
		return err
	}
	p.file.Requests = append(p.file.Requests, r)
	return nil
}

// requestLine splits "METHOD URL [HTTP/1.1]"; a line without a method is a GET.
func requestLine(t string) (method, target string, err error) {
	f := fieldsOutsideTemplates(t)
	switch {
	case len(f) > 0 && (f[0] == "proto" || f[0] == "grpc" || f[0] == "GRPC"):
		return "", "", fmt.Errorf("%q: httpyac's gRPC requests are not supported: leave this request out", t)
	case len(f) > 0 && (f[0] == "fragment" || f[0] == "gql"):
		return "", "", fmt.Errorf("%q: httpyac's GraphQL fragments are not supported: inline the fragment in the query", t)
	}
	if len(f) > 1 && strings.HasPrefix(f[len(f)-1], "HTTP/") {
		f = f[:len(f)-1]
	}
	switch {
	case len(f) == 1 && isMethod(f[0]):
		return "", "", fmt.Errorf("request line %q has no URL: write METHOD URL", t)
	case len(f) == 1:
		return "GET", f[0], nil
	case len(f) == 2 && isMethod(f[0]):
		return f[0], f[1], nil
	}
	return "", "", fmt.Errorf("cannot read %q as a request line: write METHOD URL [HTTP/1.1], or start the line with # to make it a comment", t)
}

// fieldsOutsideTemplates splits t at spaces that are not inside {{ }}.
func fieldsOutsideTemplates(t string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	for i := 0; i < len(t); i++ {
		switch {
		case strings.HasPrefix(t[i:], "{{"):
			depth++
			cur.WriteString("{{")
			i++
			continue
		case strings.HasPrefix(t[i:], "}}") && depth > 0:
			depth--
			cur.WriteString("}}")
			i++
			continue
		case (t[i] == ' ' || t[i] == '\t') && depth == 0:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteByte(t[i])
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// isMethod reports whether s looks like a method: upper-case letters and
// dashes (VERSION-CONTROL).
func isMethod(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && c != '-' {
			return false
		}
	}
	return true
}

// headers reads Name: value lines up to a blank line, a body marker or the
// next request.
func (p *parser) headers(r *collection.Request) error {
	for p.i < len(p.lines) {
		t := strings.TrimSpace(p.lines[p.i])
		switch {
		case t == "":
			p.i++
			return nil
		case strings.HasPrefix(t, "###") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "<") || isPeerRequestLine(t):
			return nil
		case isComment(t):
			p.i++
			continue
		}
		name, val, ok := strings.Cut(t, ":")
		name = strings.TrimSpace(name)
		if !ok || !isToken(name) {
			return nil // like httpyac, the body starts at the first line that is not a header
		}
		val = strings.TrimSpace(val)
		if err := checkTemplate(val); err != nil {
			return p.errAt(p.i+1, err.Error())
		}
		r.Headers = append(r.Headers, collection.Header{Name: name, Value: val})
		p.i++
	}
	return nil
}

// body reads the body and the response handlers after it.
func (p *parser) body(r *collection.Request) error {
	start := p.i + 1
	lines, err := p.bodyLines(r)
	if err != nil || len(lines) == 0 {
		return err
	}
	if len(lines) == 1 {
		if ref, templated, ok := fileRef(lines[0]); ok {
			r.Body = collection.Body{Kind: collection.File, File: ref, Templated: templated}
			return nil
		}
	}
	if ct, _ := r.Header("Content-Type"); strings.Contains(strings.ToLower(ct), "multipart/form-data") {
		return p.multipart(r, ct, lines, start)
	}
	for i, l := range lines {
		if err := checkTemplate(l); err != nil {
			return p.errAt(start+i, err.Error()+" (a body with a literal {{ can go in a file: < ./body.txt)")
		}
	}
	r.Body = collection.Body{Kind: collection.Text, Text: strings.Join(lines, "\n")}
	return nil
}

// bodyLines collects the body's lines up to the next request, stepping
// over handlers, scripts and example responses (recorded in r.Skipped);
// trailing blank lines are dropped.
func (p *parser) bodyLines(r *collection.Request) ([]string, error) {
	var lines []string
	for p.i < len(p.lines) {
		raw := p.lines[p.i]
		t := strings.TrimSpace(raw)
		afterBlank := len(lines) == 0 || strings.TrimSpace(lines[len(lines)-1]) == ""
		var err error
		switch {
		case strings.HasPrefix(t, "###"), afterBlank && isPeerRequestLine(t): // httpyac needs no ###
			return trimBlank(lines), nil
		case afterBlank && strings.HasPrefix(t, "HTTP/"):
			p.skipResponse(r)
		case afterBlank && isScriptStart(t):
			err = p.skipScript(&r.Skipped, t)
		case isHandler(t):
			err = p.handler(r, t)
		default:
			lines = append(lines, raw)
			p.i++
		}
		if err != nil {
			return nil, err
		}
	}
	return trimBlank(lines), nil
}

func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// isPeerRequestLine reports whether t is "METHOD URL [HTTP/x]" with a
// method httpyac knows.
func isPeerRequestLine(t string) bool {
	f := strings.Fields(t)
	if len(f) == 3 && strings.HasPrefix(f[2], "HTTP/") {
		f = f[:2]
	}
	return len(f) == 2 && PeerKnowsMethod(f[0])
}

// skipResponse steps over an example response (HTTP/1.1 200 and what
// follows, up to ### or a request line after a blank line).
func (p *parser) skipResponse(r *collection.Request) {
	r.Skipped = append(r.Skipped, fmt.Sprintf("line %d: example response ignored", p.i+1))
	blank := false
	for p.i++; p.i < len(p.lines); p.i++ {
		t := strings.TrimSpace(p.lines[p.i])
		if strings.HasPrefix(t, "###") || blank && isPeerRequestLine(t) {
			return
		}
		blank = t == ""
	}
}

// fileRef reads "< ./file" and "<@ ./file" (also "<@latin1 ./file").
func fileRef(l string) (ref string, templated, ok bool) {
	t := strings.TrimSpace(l)
	if !strings.HasPrefix(t, "<") || strings.HasPrefix(t, "<>") {
		return "", false, false
	}
	rest := t[1:]
	if strings.HasPrefix(rest, "@") {
		templated = true
		rest = rest[1:]
		if i := strings.IndexAny(rest, " \t"); i > 0 {
			rest = rest[i:] // an encoding name: <@latin1 ./file
		}
	}
	if rest == "" || rest[0] != ' ' && rest[0] != '\t' {
		return "", false, false
	}
	ref = strings.TrimSpace(rest)
	return ref, templated, ref != ""
}

func isHandler(t string) bool {
	return strings.HasPrefix(t, ">") || strings.HasPrefix(t, "<>")
}

// handler records a response handler, output redirection or response
// reference as skipped and steps over it.
func (p *parser) handler(r *collection.Request, t string) error {
	line := p.i + 1
	switch {
	case strings.HasPrefix(t, "<>"):
		r.Skipped = append(r.Skipped, fmt.Sprintf("line %d: response reference %s ignored", line, strings.TrimSpace(t[2:])))
	case strings.HasPrefix(t, ">>"):
		r.Skipped = append(r.Skipped, fmt.Sprintf("line %d: response output to %s not written", line, strings.TrimSpace(strings.TrimLeft(t, ">!"))))
	case strings.HasPrefix(strings.TrimSpace(t[1:]), "{%"):
		for !strings.Contains(p.lines[p.i], "%}") {
			p.i++
			if p.i == len(p.lines) {
				return p.errAt(line, "response handler {% has no closing %}: close it")
			}
		}
		r.Skipped = append(r.Skipped, fmt.Sprintf("line %d: JavaScript response handler skipped (not run)", line))
	default:
		r.Skipped = append(r.Skipped, fmt.Sprintf("line %d: response handler %s skipped (not run)", line, strings.TrimSpace(t[1:])))
	}
	p.i++
	return nil
}

// checkTemplate reports a {{ without its }}.
func checkTemplate(s string) error {
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return fmt.Errorf("{{ without }} in %q: close the variable", s)
		}
		s = s[i+j+2:]
	}
}
