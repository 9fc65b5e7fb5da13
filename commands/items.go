package commands

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/session"
)

// Item kinds, as HTTPie writes them.
const (
	ItemHeader   = ":"  // Name:Value
	ItemQuery    = "==" // name==value
	ItemField    = "="  // name=value
	ItemRawJSON  = ":=" // name:=json
	ItemFile     = "@"  // name@path
	ItemFieldAt  = "=@" // name=@path: a string field read from a file
	ItemRawJSONA = ":=@"
)

// Item is one parsed request item.
type Item struct {
	Kind  string
	Name  string
	Value string
}

// separators in the order they are tried at the same position: longer
// first.
var itemSeparators = []string{ItemRawJSONA, ItemQuery, ItemRawJSON, ItemFieldAt, ItemFile, ItemField, ItemHeader}

// ParseItem splits one item at its first separator. A backslash escapes a
// separator character in the name (`a\:b=c` is the field "a:b").
func ParseItem(word string) (Item, error) {
	var name strings.Builder
	for i := 0; i < len(word); i++ {
		if word[i] == '\\' && i+1 < len(word) && strings.IndexByte(":=@", word[i+1]) >= 0 {
			name.WriteByte(word[i+1])
			i++
			continue
		}
		for _, sep := range itemSeparators {
			if strings.HasPrefix(word[i:], sep) {
				it := Item{Kind: sep, Name: name.String(), Value: word[i+len(sep):]}
				return it, CheckItem(it, word)
			}
		}
		name.WriteByte(word[i])
	}
	return Item{}, Usagef("bad item %q: expected Name:Value (header), name==value (query), name=value (field), name:=json or name@file", word)
}

func CheckItem(it Item, word string) error {
	if it.Name == "" {
		return Usagef("bad item %q: the name before %q is empty", word, it.Kind)
	}
	if it.Kind == ItemHeader {
		if !session.ValidHeaderName(it.Name) {
			return Usagef("bad header name %q in %q: a header name is letters, digits and -", it.Name, word)
		}
		if !session.ValidHeaderValue(it.Value) {
			return Usagef("bad header value in %q: no control characters (line breaks, escapes) allowed", word)
		}
	}
	if it.Kind == ItemRawJSON && !json.Valid([]byte(it.Value)) {
		return Usagef("invalid JSON in %q: %s (quote strings: name:='\"text\"', or use name=text)", word, JSONProblem([]byte(it.Value)))
	}
	return nil
}

// JSONProblem describes why data is not valid JSON, with the offset.
func JSONProblem(data []byte) string {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	switch {
	case err == nil:
		return "ok"
	case len(bytes.TrimSpace(data)) == 0:
		return "it is empty"
	case asSyntax(err, &se):
		return fmt.Sprintf("%s at byte %d", se.Error(), se.Offset)
	}
	return err.Error()
}

func asSyntax(err error, se **json.SyntaxError) bool {
	s, ok := err.(*json.SyntaxError)
	if ok {
		*se = s
	}
	return ok
}

// ReadSource reads TEXT, @FILE or @- (the heredoc input).
func ReadSource(value string, input *string, what string) ([]byte, error) {
	if value == "@-" {
		if input == nil {
			return nil, Usagef("%s @- reads the input after <<WORD, but this line has none", what)
		}
		return []byte(*input), nil
	}
	if path, ok := strings.CutPrefix(value, "@"); ok {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, Usagef("%s: cannot read %s: %v", what, path, DescribeFileErr(err))
		}
		return b, nil
	}
	return []byte(value), nil
}

func DescribeFileErr(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file"
	case os.IsPermission(err):
		return "permission denied"
	}
	var pe *os.PathError
	if e, ok := err.(*os.PathError); ok {
		pe = e
		return pe.Err.Error()
	}
	return err.Error()
}

// upload is one file of a multipart body.
type upload struct {
	Field, Path, Type string
}

// bodyParts collects what the line says about the body.
type bodyParts struct {
	fields  []Item // ItemField, ItemRawJSON (values resolved)
	uploads []upload
}

// buildBody turns fields and uploads into a body and its content type:
// JSON by default, urlencoded with form, multipart when a file is
// attached.
func (b *bodyParts) build(form bool) ([]byte, string, string, error) {
	switch {
	case len(b.uploads) > 0:
		return b.multipart()
	case len(b.fields) == 0:
		return nil, "", "", nil
	case form:
		var buf strings.Builder
		for _, f := range b.fields {
			if f.Kind == ItemRawJSON {
				return nil, "", "", Usagef("%s:=%s: raw JSON fields cannot go in a form; use %s=VALUE", f.Name, f.Value, f.Name)
			}
			if buf.Len() > 0 {
				buf.WriteByte('&')
			}
			buf.WriteString(url.QueryEscape(f.Name) + "=" + url.QueryEscape(f.Value))
		}
		return []byte(buf.String()), "application/x-www-form-urlencoded", "--form", nil
	}
	return b.jsonObject()
}

func (b *bodyParts) jsonObject() ([]byte, string, string, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range b.fields {
		if i > 0 {
			buf.WriteString(", ")
		}
		k, _ := json.Marshal(f.Name)
		buf.Write(k)
		buf.WriteString(": ")
		if f.Kind == ItemRawJSON {
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(f.Value)); err != nil {
				return nil, "", "", Usagef("invalid JSON in %s:=%s: %s", f.Name, f.Value, JSONProblem([]byte(f.Value)))
			}
			buf.Write(compact.Bytes())
			continue
		}
		v, _ := json.Marshal(f.Value)
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), "application/json", "fields", nil
}

func (b *bodyParts) multipart() ([]byte, string, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range b.fields {
		if err := mw.WriteField(f.Name, f.Value); err != nil {
			return nil, "", "", Fail(err)
		}
	}
	for _, u := range b.uploads {
		if err := addFile(mw, u); err != nil {
			return nil, "", "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", "", Fail(err)
	}
	return buf.Bytes(), mw.FormDataContentType(), "files", nil
}

func addFile(mw *multipart.Writer, u upload) error {
	f, err := os.Open(u.Path)
	if err != nil {
		return Usagef("cannot read %s for field %s: %s", u.Path, u.Field, DescribeFileErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return Usagef("%s is a folder, not a file (field %s)", u.Path, u.Field)
	}
	h := make(textproto.MIMEHeader)
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escapeQuotes(u.Field), escapeQuotes(filepath.Base(u.Path))))
	typ := u.Type
	if typ == "" {
		typ = guessType(u.Path)
	}
	h.Set("Content-Type", typ)
	w, err := mw.CreatePart(h)
	if err != nil {
		return Fail(err)
	}
	if _, err := io.Copy(w, f); err != nil {
		return Failf("read %s: %w", u.Path, err)
	}
	return nil
}

// guessType is the media type for a file name, by extension.
func guessType(path string) string {
	if t := mime.TypeByExtension(filepath.Ext(path)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func escapeQuotes(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// ParseUpload reads "name=@path[;type=...]" (the --files form).
func ParseUpload(v string) (upload, error) {
	name, rest, ok := strings.Cut(v, "=")
	path, okAt := strings.CutPrefix(rest, "@")
	if !ok || !okAt || name == "" || path == "" {
		return upload{}, Usagef("--files %q: expected name=@path or name=@path;type=MIME", v)
	}
	u := upload{Field: name, Path: path}
	if p, t, found := strings.Cut(path, ";type="); found {
		u.Path, u.Type = p, t
	}
	return u, nil
}
