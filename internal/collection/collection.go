// Package collection holds the neutral request value that the readers of
// other tools' files (.http, HAR, Postman) produce and the exporters
// (.http, Python requests, HTTPie, Hurl) consume. It knows no format.
//
// A Request is a template: URL, header values and text bodies may contain
// {{name}} references that the caller resolves (see httpfile.Resolver)
// before sending. Readers never resolve them and never touch the network.
//
// The packages around it, and how a command uses them:
//
//	import http FILE   httpfile.Parse → File.Requests (Skipped: say once per request)
//	send NAME          httpfile.Resolve(req, dir, &httpfile.Scope{...}, read) → Ready
//	env list|use NAME  envfile.Load(dir, dotenvs, read) → Set.Names, Set.Vars(NAME)
//	import har FILE    har.Read(name, data, har.ReadOptions{Match}) → Requests (+Cookies, status Checks)
//	import postman F   postman.Read / postman.ReadEnvironment
//	export http|edit   httpfile.Write(reqs, WriteOptions{SideFiles, Templates})
//	export har         har.Marshal(creator, version, []har.Exchange)
//	export python|httpie|hurl  export.Python / export.HTTPie / export.Hurl
//
// No package here writes a file: side files come back as data for the
// caller's one place that writes files.
package collection

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Pos is a place in a source file: File and a 1-based Line for text
// formats, or a JSON path (log.entries[3].request) for JSON formats.
type Pos struct {
	File string
	Line int
	Path string
}

// String is "file:line", "file: path" or whichever part is known.
func (p Pos) String() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	case p.Path != "":
		return p.File + ": " + p.Path
	}
	return p.File
}

// Header is one header line, in the order it was written.
type Header struct {
	Name, Value string
}

// BodyKind tells which field of a Body is meaningful.
type BodyKind int

// The kinds of body.
const (
	NoBody    BodyKind = iota
	Text               // Body.Text, sent as is (after template resolution)
	File               // Body.File: the bytes of a file; Body.Templated: resolve {{ }} in them
	Bytes              // Body.Bytes: exact bytes, never templated
	Multipart          // Body.Parts, with Body.Boundary when the source fixed one
	Form               // Body.Params, urlencoded (application/x-www-form-urlencoded)
)

// Body is a request body. Only the fields of its Kind are set.
type Body struct {
	Kind      BodyKind
	Text      string
	File      string // relative to the source file's folder unless absolute
	Templated bool   // File: {{ }} in the file's text is resolved (.http "<@")
	Bytes     []byte
	Parts     []Part
	Boundary  string
	Params    []Param
}

// Param is one name=value of a urlencoded form or a query string.
type Param struct {
	Name, Value string
}

// Part is one part of a multipart/form-data body: a field whose value is
// Text, or the bytes of File (or Bytes), named FileName for the server.
type Part struct {
	Name        string
	FileName    string // the filename= of Content-Disposition; "" for a plain field
	ContentType string
	Headers     []Header // further part headers, Content-Disposition and Content-Type excluded
	Text        string
	File        string // read from this file, relative to the source file's folder
	Bytes       []byte // or these bytes (HAR and writers)
}

// Auth is credentials given apart from the headers (Postman, exporters).
type Auth struct {
	Kind     string // "basic", "bearer" or "apikey"
	User     string // basic
	Password string // basic
	Token    string // bearer
	Key      string // apikey: the header or query parameter name
	Value    string // apikey
	InQuery  bool   // apikey: a query parameter instead of a header
}

// Cookie is a request cookie handed to the caller's jar instead of a
// Cookie header.
type Cookie struct {
	Name, Value string
}

// Check is a simple expectation on the response: Kind is "status"
// (Value "200"), "header" (Name, Value; Value "" means "exists"),
// "jsonpath" (Name is the path $.a.b, Value the expected text) or
// "body" (Value contained in the body).
type Check struct {
	Kind, Name, Value string
}

// Capture names a value taken from the response: Kind is "header" or
// "jsonpath" with Expr the header name or path $.a.b.
type Capture struct {
	Var, Kind, Expr string
}

// Request is one request of a collection.
type Request struct {
	Name    string // may be "" (then callers number it)
	Method  string
	URL     string // a template
	Headers []Header
	Body    Body
	Auth    *Auth
	Cookies []Cookie
	// Checks and Captures come from the source (HAR status) or the caller.
	Checks   []Check
	Captures []Capture
	// Skipped lists what could not be kept, one line each, e.g.
	// "response handler (JavaScript) skipped" or "pre-request script skipped".
	Skipped []string
	// Settings are request-level options such as "no-redirect",
	// "no-cookie-jar" or "timeout" (=> value), as the source named them.
	Settings map[string]string
	Pos      Pos
}

// Header returns the value of the first header named name (any case).
func (r *Request) Header(name string) (string, bool) {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Error is an error at a place in a source file. Its message says what
// to do; Unwrap gives the cause.
type Error struct {
	Pos Pos
	Msg string
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Pos.String() + ": " + e.Msg + ": " + e.Err.Error()
	}
	return e.Pos.String() + ": " + e.Msg
}

// Unwrap returns the cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// JSONError adds "line L, column C" to a JSON syntax error in data, so a
// reader's message says where the file is broken; other errors are
// returned as they are.
func JSONError(data []byte, err error) error {
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	pre := data[:min(int(se.Offset), len(data))]
	line := 1 + bytes.Count(pre, []byte("\n"))
	col := len(pre) - bytes.LastIndexByte(pre, '\n')
	return fmt.Errorf("line %d, column %d: %w", line, col, err)
}
