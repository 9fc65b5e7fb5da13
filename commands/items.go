package commands

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
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

// Upload is one file of a multipart body: the form field, the file's
// path and its media type ("" to guess from the extension).
type Upload struct {
	Field, Path, Type string
}

// ParseUpload reads "name=@path[;type=...]" (the --files form).
func ParseUpload(v string) (Upload, error) {
	name, rest, ok := strings.Cut(v, "=")
	path, okAt := strings.CutPrefix(rest, "@")
	if !ok || !okAt || name == "" || path == "" {
		return Upload{}, Usagef("--files %q: expected name=@path or name=@path;type=MIME", v)
	}
	u := Upload{Field: name, Path: path}
	if p, t, found := strings.Cut(path, ";type="); found {
		u.Path, u.Type = p, t
	}
	return u, nil
}
