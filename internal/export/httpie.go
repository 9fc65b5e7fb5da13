package export

import (
	"fmt"
	"path"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/httpfile"
)

// HTTPie writes one POSIX shell command line per request for HTTPie
// (http): headers as Name:value items, cookies as one Cookie header,
// basic and bearer auth with -a/-A, the exact body bytes piped from
// printf (so binary bodies survive), forms with --form, multipart with
// --multipart and name@file items (a part given as bytes goes to a side
// file named prefix-N-M.bin), --follow unless "no-redirect".
func HTTPie(reqs []collection.Request, prefix string) *Output {
	if prefix == "" {
		prefix = "part"
	}
	out := &Output{}
	var b strings.Builder
	for i := range reqs {
		b.WriteString(httpieLine(out, prefix, i+1, &reqs[i]))
		b.WriteString("\n")
	}
	out.Text = []byte(b.String())
	return out
}

func httpieLine(out *Output, prefix string, n int, r *collection.Request) string {
	pipe, words := httpieFlags(r)
	words = append(words, r.Method, r.URL)
	words = append(words, httpieHeaders(r)...)
	words = append(words, httpieBodyItems(out, prefix, n, &r.Body)...)
	line := pipe + shJoin(words)
	if r.Body.Kind == collection.File {
		line += " < " + shQuote(r.Body.File)
	}
	return line
}

// httpieFlags is the printf pipe that feeds a raw body, and http with its
// options.
func httpieFlags(r *collection.Request) (pipe string, words []string) {
	words = []string{"http"}
	switch r.Body.Kind {
	case collection.Text, collection.Bytes:
		data := r.Body.Bytes
		if r.Body.Kind == collection.Text {
			data = []byte(r.Body.Text)
		}
		pipe = "printf '%b' " + shQuote(printfEscape(data)) + " | "
	case collection.File:
		// stdin is redirected from the file
	case collection.Form:
		words = append(words, "--ignore-stdin", "--form")
	case collection.Multipart:
		words = append(words, "--ignore-stdin", "--multipart")
	default:
		words = append(words, "--ignore-stdin")
	}
	if _, ok := r.Settings["no-redirect"]; !ok {
		words = append(words, "--follow")
	}
	return pipe, append(words, httpieAuth(r.Auth)...)
}

// httpieHeaders is the header items, an API key and the cookies.
func httpieHeaders(r *collection.Request) []string {
	var words []string
	for _, h := range r.Headers {
		if r.Body.Kind == collection.Multipart && strings.EqualFold(h.Name, "Content-Type") {
			continue
		}
		words = append(words, h.Name+":"+h.Value)
	}
	if a := r.Auth; a != nil && a.Kind == "apikey" {
		sep := ":"
		if a.InQuery {
			sep = "=="
		}
		words = append(words, httpieKey(a.Key)+sep+a.Value)
	}
	if len(r.Cookies) > 0 {
		var cs []string
		for _, c := range r.Cookies {
			cs = append(cs, c.Name+"="+c.Value)
		}
		words = append(words, "Cookie:"+strings.Join(cs, "; "))
	}
	if _, ok := r.Header("Content-Type"); !ok && (r.Body.Kind == collection.Text || r.Body.Kind == collection.Bytes || r.Body.Kind == collection.File) {
		words = append(words, "Content-Type:") // HTTPie would send application/json for a piped body
	}
	return words
}

// httpieKey escapes HTTPie's item separators in a field name.
func httpieKey(k string) string {
	return strings.NewReplacer(`\`, `\\`, ":", `\:`, "=", `\=`, "@", `\@`).Replace(k)
}

func httpieAuth(a *collection.Auth) []string {
	switch {
	case a == nil:
		return nil
	case a.Kind == "basic":
		return []string{"-a", a.User + ":" + a.Password}
	case a.Kind == "bearer":
		return []string{"-A", "bearer", "-a", a.Token}
	}
	return nil
}

func httpieBodyItems(out *Output, prefix string, n int, body *collection.Body) []string {
	var items []string
	switch body.Kind {
	case collection.Form:
		for _, p := range body.Params {
			items = append(items, httpieKey(p.Name)+"="+p.Value)
		}
	case collection.Multipart:
		for i, p := range body.Parts {
			file := p.File
			if file == "" && p.FileName == "" && p.Bytes == nil {
				items = append(items, httpieKey(p.Name)+"="+p.Text)
				continue
			}
			if file == "" {
				data := p.Bytes
				if data == nil {
					data = []byte(p.Text)
				}
				file = sideName(prefix, n, i+1, p.FileName)
				out.Files = append(out.Files, httpfile.SideFile{Name: file, Data: data})
				file = "./" + file
			}
			if p.FileName != "" && path.Base(file) != p.FileName {
				out.Warnings = append(out.Warnings, fmt.Sprintf("request %d, part %q: HTTPie sends the file name %s, not %s", n, p.Name, path.Base(file), p.FileName))
			}
			item := httpieKey(p.Name) + "@" + file
			if p.ContentType != "" {
				item += ";type=" + p.ContentType
			}
			items = append(items, item)
		}
	}
	return items
}

// sideName is where a part's bytes go: a folder per part holding a file
// of the part's own name (HTTPie sends the file's name), or a .bin file
// when the name is not a plain file name.
func sideName(prefix string, n, part int, fileName string) string {
	if fileName == "" || fileName != path.Base(fileName) || strings.ContainsAny(fileName, "\\\x00") || fileName[0] == '.' {
		return fmt.Sprintf("%s-%d-%d.bin", prefix, n, part)
	}
	return fmt.Sprintf("%s-%d-%d/%s", prefix, n, part, fileName)
}

// printfEscape writes data for printf's %b: backslash as \\, every byte
// outside printable ASCII as \0NNN.
func printfEscape(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		switch {
		case c == '\\':
			b.WriteString(`\\`)
		case c < 0x20 || c > 0x7e:
			fmt.Fprintf(&b, `\0%03o`, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// shQuote quotes s for a POSIX shell; plain words stay bare.
func shQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func shJoin(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shQuote(w)
	}
	return strings.Join(q, " ")
}
