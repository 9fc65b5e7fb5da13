package interchange

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/commands"
)

// curlData is one -d/--data* or --json value with the option that gave
// it; the body is built from them as curl builds it.
type curlData struct {
	option, value string
}

// curlBody is the body the data options make, joined by '&' (--json
// values are joined by nothing, as curl does). Files are read from the
// current folder: -d, --data and --data-ascii @FILE drop CR and LF,
// --data-binary and --json @FILE keep every byte, --data-raw is literal,
// --data-urlencode takes content, =content, name=content, @file and
// name@file.
func curlBody(data []curlData) ([]byte, error) {
	var out []byte
	for i, d := range data {
		part, err := d.bytes()
		if err != nil {
			return nil, err
		}
		if i > 0 && !(d.option == "--json" && data[i-1].option == "--json") {
			out = append(out, '&')
		}
		out = append(out, part...)
	}
	return out, nil
}

func (d curlData) bytes() ([]byte, error) {
	switch d.option {
	case "--data-raw":
		return []byte(d.value), nil
	case "--data-urlencode":
		return urlencodeData(d.option, d.value)
	case "--data-binary", "--json":
		return readAt(d.option, d.value)
	}
	b, err := readAt(d.option, d.value)
	if err == nil && strings.HasPrefix(d.value, "@") {
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r"), nil), []byte("\n"), nil)
	}
	return b, err
}

// readAt is value, or the bytes of the file when value is @FILE.
func readAt(option, value string) ([]byte, error) {
	path, ok := strings.CutPrefix(value, "@")
	if !ok {
		return []byte(value), nil
	}
	return readCurlFile(option, path)
}

func readCurlFile(option, path string) ([]byte, error) {
	if path == "-" {
		return nil, commands.Usagef("import curl: %s @- reads curl's standard input: save the body to a file and use %s @FILE", option, option)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, commands.Usagef("import curl: %s: cannot read %s: %s (files are read from the current folder)", option, path, commands.DescribeFileErr(err))
	}
	return b, nil
}

// urlencodeData is curl's --data-urlencode: the first '=' or '@' splits
// a name from content (=) or from a file whose content is encoded (@);
// with neither, the whole value is content.
func urlencodeData(option, v string) ([]byte, error) {
	at := strings.IndexAny(v, "=@")
	if at < 0 {
		return []byte(queryEscape(v)), nil
	}
	name, rest := v[:at], v[at+1:]
	content := []byte(rest)
	if v[at] == '@' {
		var err error
		if content, err = readCurlFile(option, rest); err != nil {
			return nil, err
		}
	}
	if name == "" {
		return []byte(queryEscape(string(content))), nil
	}
	return []byte(name + "=" + queryEscape(string(content))), nil
}

// queryEscape percent-encodes as curl 7.88's --data-urlencode does:
// everything but unreserved characters, space as '+'.
func queryEscape(s string) string { return url.QueryEscape(s) }

// lowerEscapes puts the hex digits of s's percent escapes in lower case,
// as curl 7.88 does to the data -G appends to the URL.
func lowerEscapes(s string) string {
	e := []byte(s)
	for i := 0; i+2 < len(e); i++ {
		if e[i] == '%' {
			e[i+1], e[i+2] = lowerHex(e[i+1]), lowerHex(e[i+2])
			i += 2
		}
	}
	return string(e)
}

func lowerHex(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// curlPart is one -F (literal false) or --form-string (literal true).
type curlPart struct {
	value   string
	literal bool
}

// multipartBody is the -F parts as curl sends them, in order, with a
// fresh boundary: name=value, name=@file (a file part), name=<file (the
// file's content as a plain value), and the ;type= and ;filename=
// parameters; --form-string values are literal. It returns the body and
// the boundary.
func multipartBody(parts []curlPart) ([]byte, string, error) {
	var raw [12]byte
	_, _ = rand.Read(raw[:])
	boundary := "------------------------" + hex.EncodeToString(raw[:])
	var buf bytes.Buffer
	for _, p := range parts {
		h, content, err := p.build()
		if err != nil {
			return nil, "", err
		}
		buf.WriteString("--" + boundary + "\r\n")
		for _, k := range []string{"Content-Disposition", "Content-Type"} {
			if v := h.Get(k); v != "" {
				buf.WriteString(k + ": " + v + "\r\n")
			}
		}
		buf.WriteString("\r\n")
		buf.Write(content)
		buf.WriteString("\r\n")
	}
	buf.WriteString("--" + boundary + "--\r\n")
	return buf.Bytes(), boundary, nil
}

// build is the part's headers and content.
func (p curlPart) build() (textproto.MIMEHeader, []byte, error) {
	name, value, ok := strings.Cut(p.value, "=")
	if !ok || name == "" {
		return nil, nil, commands.Usagef("import curl: -F %q: expected name=value, name=@file or name=<file", p.value)
	}
	var typ, filename string
	hasFilename := false
	content := []byte(value)
	if !p.literal {
		var params map[string]string
		value, params = splitFormValue(value)
		typ = params["type"]
		filename, hasFilename = params["filename"]
		content = []byte(value)
		if path, isFile := strings.CutPrefix(value, "@"); isFile {
			b, err := readCurlFile("-F "+name, path)
			if err != nil {
				return nil, nil, err
			}
			content = b
			if !hasFilename {
				filename, hasFilename = filepath.Base(path), true
			}
		} else if path, isText := strings.CutPrefix(value, "<"); isText {
			b, err := readCurlFile("-F "+name, path)
			if err != nil {
				return nil, nil, err
			}
			content = b
		}
	}
	h := textproto.MIMEHeader{}
	cd := fmt.Sprintf(`form-data; name="%s"`, escapeFormName(name))
	if hasFilename {
		cd += fmt.Sprintf(`; filename="%s"`, escapeFormName(filename))
		if typ == "" {
			typ = curlContentType(filename)
		}
	}
	h.Set("Content-Disposition", cd)
	if typ != "" {
		h.Set("Content-Type", typ)
	}
	return h, content, nil
}

// splitFormValue splits a -F value into its content (double quotes
// removed, with \" and \\ inside) and its ;key=value parameters.
func splitFormValue(v string) (string, map[string]string) {
	params := map[string]string{}
	content := v
	rest := ""
	if strings.HasPrefix(v, `"`) {
		var b strings.Builder
		i := 1
		for ; i < len(v) && v[i] != '"'; i++ {
			if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
				i++
			}
			b.WriteByte(v[i])
		}
		content, rest = b.String(), v[min(i+1, len(v)):]
	} else if at := strings.Index(v, ";"); at >= 0 && looksLikeParams(v[at:]) {
		content, rest = v[:at], v[at:]
	}
	for _, kv := range strings.Split(rest, ";") {
		if k, val, ok := strings.Cut(strings.TrimSpace(kv), "="); ok {
			params[strings.ToLower(k)] = strings.Trim(val, `"`)
		}
	}
	return content, params
}

// looksLikeParams reports whether s (from the first ';') is curl's
// parameter list: ;type=, ;filename=, ;headers= or ;encoder=.
func looksLikeParams(s string) bool {
	for _, k := range []string{";type=", ";filename=", ";headers=", ";encoder="} {
		if strings.HasPrefix(strings.ToLower(s), k) {
			return true
		}
	}
	return false
}

func escapeFormName(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
}

// curlContentType is curl 7.88's guess for a file part: its short table
// of extensions, else application/octet-stream.
func curlContentType(filename string) string {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".gif":
		return "image/gif"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain"
	case ".htm", ".html":
		return "text/html"
	case ".pdf":
		return "application/pdf"
	case ".xml":
		return "application/xml"
	}
	return "application/octet-stream"
}
