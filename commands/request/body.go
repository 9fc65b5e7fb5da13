package request

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

	"github.com/httpsh/httpsh/commands"
)

// bodyParts collects what the line says about the body.
type bodyParts struct {
	fields  []commands.Item // ItemField, ItemRawJSON (values resolved)
	uploads []commands.Upload
}

// build turns fields and uploads into a body, its content type and the
// kind of body it is (session.Request.BodyKind): JSON by default,
// urlencoded with form, multipart when a file is attached.
func (b *bodyParts) build(form bool) ([]byte, string, string, error) {
	switch {
	case len(b.uploads) > 0:
		return b.multipart()
	case len(b.fields) == 0:
		return nil, "", "", nil
	case form:
		var buf strings.Builder
		for _, f := range b.fields {
			if f.Kind == commands.ItemRawJSON {
				return nil, "", "", commands.Usagef("%s:=%s: raw JSON fields cannot go in a form; use %s=VALUE", f.Name, f.Value, f.Name)
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

// jsonObject is the fields as one JSON object, in the order given.
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
		if f.Kind == commands.ItemRawJSON {
			var compact bytes.Buffer
			if err := json.Compact(&compact, []byte(f.Value)); err != nil {
				return nil, "", "", commands.Usagef("invalid JSON in %s:=%s: %s", f.Name, f.Value, commands.JSONProblem([]byte(f.Value)))
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

// multipart is the fields and files as multipart/form-data.
func (b *bodyParts) multipart() ([]byte, string, string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range b.fields {
		if err := mw.WriteField(f.Name, f.Value); err != nil {
			return nil, "", "", commands.Fail(err)
		}
	}
	for _, u := range b.uploads {
		if err := addFile(mw, u); err != nil {
			return nil, "", "", err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, "", "", commands.Fail(err)
	}
	return buf.Bytes(), mw.FormDataContentType(), "files", nil
}

// addFile copies the file u names into a part of mw; a missing file or a
// folder is a usage error naming the field.
func addFile(mw *multipart.Writer, u commands.Upload) error {
	f, err := os.Open(u.Path)
	if err != nil {
		return commands.Usagef("cannot read %s for field %s: %s", u.Path, u.Field, commands.DescribeFileErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return commands.Usagef("%s is a folder, not a file (field %s)", u.Path, u.Field)
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
		return commands.Fail(err)
	}
	if _, err := io.Copy(w, f); err != nil {
		return commands.Failf("read %s: %w", u.Path, err)
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
