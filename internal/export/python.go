// Package export turns resolved collection.Requests into text for other
// tools: a Python requests script, HTTPie command lines and a Hurl file.
// The generators are pure: they return text, plus side files for bodies
// that the text cannot hold (multipart parts given as bytes, for HTTPie),
// for the caller to write. Requests must be resolved (no {{templates}}
// are interpreted; Hurl escapes them so they are sent as written).
package export

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/httpfile"
)

// Output is a generator's result; Files go beside the exported file,
// under their Name: a relative path, at most one folder deep.
type Output struct {
	Text     []byte
	Files    []httpfile.SideFile
	Warnings []string
}

// Python writes a script that sends reqs in order with one
// requests.Session(): headers as given (the session's own defaults
// cleared, so only these and the ones requests must compute are sent),
// auth=, cookies=, the exact body bytes (data=b"..."), forms as ordered
// pairs, multipart parts through files= (read from Part.File or inline
// bytes), allow_redirects=False for a "no-redirect" setting, and each
// "status" check as an assert. Multipart Content-Type is left to requests
// (it chooses the boundary).
func Python(reqs []collection.Request) *Output {
	var b strings.Builder
	b.WriteString("#!/usr/bin/env python3\n# Written by httpsh: sends the requests in order with one requests.Session().\nimport requests\n\n")
	b.WriteString("s = requests.Session()\ns.headers.clear()\n")
	for i := range reqs {
		pythonRequest(&b, i+1, &reqs[i])
	}
	return &Output{Text: []byte(b.String())}
}

func pythonRequest(b *strings.Builder, n int, r *collection.Request) {
	fmt.Fprintf(b, "\n# %d. %s\n", n, oneLine(r.Name, r.Method+" "+r.URL))
	args := []string{pyStr(r.Method), pyStr(r.URL)}
	args = append(args, pythonHeaders(r)...)
	if len(r.Cookies) > 0 {
		var cs []string
		for _, c := range r.Cookies {
			cs = append(cs, pyStr(c.Name)+": "+pyStr(c.Value))
		}
		args = append(args, "cookies={"+strings.Join(cs, ", ")+"}")
	}
	args = append(args, pythonBody(&r.Body)...)
	if _, ok := r.Settings["no-redirect"]; ok {
		args = append(args, "allow_redirects=False")
	}
	fmt.Fprintf(b, "r = s.request(\n    %s,\n)\nprint(r.status_code, r.reason)\n", strings.Join(args, ",\n    "))
	for _, c := range r.Checks {
		if c.Kind == "status" {
			fmt.Fprintf(b, "assert r.status_code == %s, f\"expected status %s, got {r.status_code}\"\n", c.Value, c.Value)
		}
	}
}

// pythonHeaders is the headers=, auth= and params= arguments.
func pythonHeaders(r *collection.Request) []string {
	var args, hs, params []string
	for _, h := range r.Headers {
		if r.Body.Kind == collection.Multipart && strings.EqualFold(h.Name, "Content-Type") {
			continue
		}
		hs = append(hs, fmt.Sprintf("(%s, %s)", pyStr(h.Name), pyStr(h.Value)))
	}
	if a := r.Auth; a != nil {
		switch {
		case a.Kind == "basic":
			args = append(args, fmt.Sprintf("auth=(%s, %s)", pyStr(a.User), pyStr(a.Password)))
		case a.Kind == "bearer":
			hs = append(hs, fmt.Sprintf("(\"Authorization\", %s)", pyStr("Bearer "+a.Token)))
		case a.Kind == "apikey" && a.InQuery:
			params = append(params, fmt.Sprintf("(%s, %s)", pyStr(a.Key), pyStr(a.Value)))
		case a.Kind == "apikey":
			hs = append(hs, fmt.Sprintf("(%s, %s)", pyStr(a.Key), pyStr(a.Value)))
		}
	}
	if len(hs) > 0 {
		args = append(args, "headers=dict(["+strings.Join(hs, ", ")+"])")
	}
	if len(params) > 0 {
		args = append(args, "params=["+strings.Join(params, ", ")+"]")
	}
	return args
}

func pythonBody(body *collection.Body) []string {
	switch body.Kind {
	case collection.Text:
		return []string{"data=" + pyBytes([]byte(body.Text))}
	case collection.Bytes:
		return []string{"data=" + pyBytes(body.Bytes)}
	case collection.File:
		return []string{"data=open(" + pyStr(body.File) + ", \"rb\").read()"}
	case collection.Form:
		var ps []string
		for _, p := range body.Params {
			ps = append(ps, fmt.Sprintf("(%s, %s)", pyStr(p.Name), pyStr(p.Value)))
		}
		return []string{"data=[" + strings.Join(ps, ", ") + "]"}
	case collection.Multipart:
		var fs []string
		for _, p := range body.Parts {
			fs = append(fs, fmt.Sprintf("(%s, %s)", pyStr(p.Name), pythonPart(&p)))
		}
		return []string{"files=[\n        " + strings.Join(fs, ",\n        ") + ",\n    ]"}
	}
	return nil
}

// pythonPart is requests' (filename, content[, content_type]) tuple; a
// field without a file name has filename None.
func pythonPart(p *collection.Part) string {
	name := "None"
	if p.FileName != "" {
		name = pyStr(p.FileName)
	}
	content := pyBytes([]byte(p.Text))
	switch {
	case p.File != "":
		content = "open(" + pyStr(p.File) + ", \"rb\").read()"
	case p.Bytes != nil:
		content = pyBytes(p.Bytes)
	}
	if p.ContentType != "" {
		return fmt.Sprintf("(%s, %s, %s)", name, content, pyStr(p.ContentType))
	}
	return fmt.Sprintf("(%s, %s)", name, content)
}

// pyStr is s as a Python str literal.
func pyStr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		case c > 0x7e:
			fmt.Fprintf(&b, `\U%08x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pyBytes is data as a Python bytes literal.
func pyBytes(data []byte) string {
	var b strings.Builder
	b.WriteString(`b"`)
	for _, c := range data {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func oneLine(s, fallback string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		s = strings.Join(strings.Fields(fallback), " ")
	}
	return s
}
