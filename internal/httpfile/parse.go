// Package httpfile reads and writes the .http format of VS Code REST
// Client, JetBrains' HTTP client and httpyac.
//
// Parse turns a file into collection.Requests whose URL, header values and
// text bodies are left as {{templates}}; Expand (with a Scope or any
// Resolver) resolves them at send time, so a request that chains on an
// earlier response is resolved after that response came. Parse never reads
// the files a body refers to (< ./file): the caller does, relative to the
// .http file's folder. JavaScript (> {% %} handlers, > ./handler.js) is
// never run: each request lists its handlers in Skipped.
//
// Write is the reverse: it produces text those tools replay byte for byte,
// plus the side files that hold bodies the text cannot carry.
package httpfile

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// File is a parsed .http file.
type File struct {
	Name     string
	Vars     []Var // file variables (@name = value), in order; values are templates
	Requests []collection.Request
	// Skipped lists what applies to no one request and was not run (a
	// JavaScript block before a ###), one line each.
	Skipped []string
}

// Var is a file variable.
type Var struct {
	Name, Value string
	Line        int
}

// VarMap returns the file variables as a map, a later definition winning,
// for use in a Scope.
func (f *File) VarMap() map[string]string {
	m := make(map[string]string, len(f.Vars))
	for _, v := range f.Vars {
		m[v.Name] = v.Value
	}
	return m
}

// Lookup returns the request named name.
func (f *File) Lookup(name string) (*collection.Request, bool) {
	for i := range f.Requests {
		if f.Requests[i].Name == name {
			return &f.Requests[i], true
		}
	}
	return nil, false
}

// MaxSize is the largest source Parse accepts.
const MaxSize = 16 << 20

// Parse reads src, the text of the .http file called name (used in errors
// and positions). It returns the first error, a *collection.Error with
// name:line and what to do; on error no request is returned. A name given
// with @name must be unique; the text after ### names a request too (as
// in JetBrains) but may repeat, and Lookup finds the first.
func Parse(name string, src []byte) (*File, error) {
	if len(src) > MaxSize {
		return nil, &collection.Error{Pos: collection.Pos{File: name}, Msg: fmt.Sprintf("file is over %d MiB: split it", MaxSize>>20)}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	f := &File{Name: name}
	p := &parser{file: f, lines: lines, named: map[string]int{}}
	if err := p.run(); err != nil {
		return nil, err
	}
	return f, nil
}

type parser struct {
	file  *File
	lines []string
	i     int            // index of the next line
	named map[string]int // @name → its request's line
}

// block is the state of the request being read.
type block struct {
	name     string
	named    bool // name came from @name (and must be unique), not from ### text
	settings map[string]string
	skipped  []string
}

func (p *parser) errAt(line int, msg string) error {
	return &collection.Error{Pos: collection.Pos{File: p.file.Name, Line: line}, Msg: msg}
}

func (p *parser) run() error {
	b := &block{}
	for p.i < len(p.lines) {
		line := p.lines[p.i]
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "###"):
			p.file.Skipped = append(p.file.Skipped, b.skipped...)
			b = &block{name: strings.TrimSpace(strings.TrimLeft(t, "#"))}
			p.i++
		case t == "":
			p.i++
		case isComment(t):
			p.meta(b, t)
			p.i++
		case strings.HasPrefix(t, "@"):
			if err := p.fileVar(b, t); err != nil {
				return err
			}
			p.i++
		case strings.HasPrefix(t, "/*"):
			if err := p.skipUntil("*/", "block comment /* has no closing */: close it"); err != nil {
				return err
			}
		case isScriptStart(t) || strings.HasPrefix(t, "< {%"):
			if err := p.skipScript(&b.skipped, t); err != nil {
				return err
			}
		default:
			if err := p.request(b); err != nil {
				return err
			}
			b = &block{}
		}
	}
	p.file.Skipped = append(p.file.Skipped, b.skipped...)
	return nil
}

func isComment(t string) bool {
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, "//")
}

// meta reads a comment line: "# @name X", "// @no-redirect", "# @timeout 5".
func (p *parser) meta(b *block, t string) {
	t = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(t, "//"), "#"))
	if !strings.HasPrefix(t, "@") {
		return
	}
	key, val, _ := strings.Cut(t[1:], " ")
	if k, v, ok := strings.Cut(t[1:], "="); ok && !strings.Contains(k, " ") {
		key, val = k, v
	}
	key, val = strings.TrimSpace(key), strings.TrimSpace(val)
	if key == "name" {
		b.name, b.named = val, true
		return
	}
	if b.settings == nil {
		b.settings = map[string]string{}
	}
	b.settings[key] = val
}

// fileVar reads "@name = value"; "@key rest" (httpyac's metadata such as
// @xpath_ns p=uri) becomes a setting of the next request.
func (p *parser) fileVar(b *block, t string) error {
	if k, rest, ok := strings.Cut(t[1:], " "); ok && k != "" && !strings.Contains(k, "=") && !strings.HasPrefix(strings.TrimSpace(rest), "=") {
		if b.settings == nil {
			b.settings = map[string]string{}
		}
		b.settings[k] = strings.TrimSpace(rest)
		return nil
	}
	name, val, ok := strings.Cut(t[1:], "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t{}") {
		return p.errAt(p.i+1, "a file variable is written @name = value")
	}
	p.file.Vars = append(p.file.Vars, Var{Name: name, Value: strings.TrimSpace(val), Line: p.i + 1})
	return nil
}
