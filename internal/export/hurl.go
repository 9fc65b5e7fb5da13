package export

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/httpfile"
)

// Hurl writes a Hurl file: per request the request line, headers,
// [BasicAuth], [Cookies], [QueryStringParams] for an API key in the query,
// [FormParams] or [MultipartFormData], the exact body as base64,...; (or
// file,...;), [Options] location: true unless "no-redirect", then the
// response section: HTTP with the "status" check (or *), [Captures] from
// Captures and [Asserts] from the other Checks (header, jsonpath, body
// contains). Values are escaped (\{ \# \\) so Hurl sends them as given.
//
// A multipart part given as bytes, or with a file name but no file, goes
// to a side file (prefix-N-M/NAME, as for HTTPie) that Hurl reads with
// file,...; relative to the Hurl file's folder.
func Hurl(reqs []collection.Request, prefix string) *Output {
	if prefix == "" {
		prefix = "part"
	}
	out := &Output{}
	var b strings.Builder
	for i := range reqs {
		if i > 0 {
			b.WriteString("\n")
		}
		hurlRequest(&b, out, prefix, i+1, &reqs[i])
	}
	out.Text = []byte(b.String())
	return out
}

func hurlRequest(b *strings.Builder, out *Output, prefix string, n int, r *collection.Request) {
	if r.Name != "" {
		fmt.Fprintf(b, "# %s\n", oneLine(r.Name, ""))
	}
	fmt.Fprintf(b, "%s %s\n", r.Method, hurlValue(r.URL))
	for _, h := range r.Headers {
		fmt.Fprintf(b, "%s: %s\n", hurlKey(h.Name), hurlValue(h.Value))
	}
	if a := r.Auth; a != nil {
		switch {
		case a.Kind == "bearer":
			fmt.Fprintf(b, "Authorization: %s\n", hurlValue("Bearer "+a.Token))
		case a.Kind == "apikey" && !a.InQuery:
			fmt.Fprintf(b, "%s: %s\n", hurlKey(a.Key), hurlValue(a.Value))
		}
	}
	if _, ok := r.Settings["no-redirect"]; !ok {
		b.WriteString("[Options]\nlocation: true\n")
	}
	if a := r.Auth; a != nil && a.Kind == "basic" {
		fmt.Fprintf(b, "[BasicAuth]\n%s: %s\n", hurlKey(a.User), hurlValue(a.Password))
	}
	if a := r.Auth; a != nil && a.Kind == "apikey" && a.InQuery {
		fmt.Fprintf(b, "[QueryStringParams]\n%s: %s\n", hurlKey(a.Key), hurlValue(a.Value))
	}
	if len(r.Cookies) > 0 {
		b.WriteString("[Cookies]\n")
		for _, c := range r.Cookies {
			fmt.Fprintf(b, "%s: %s\n", hurlKey(c.Name), hurlValue(c.Value))
		}
	}
	hurlBody(b, out, prefix, n, &r.Body)
	hurlResponse(b, r)
}

func hurlBody(b *strings.Builder, out *Output, prefix string, n int, body *collection.Body) {
	switch body.Kind {
	case collection.Text:
		fmt.Fprintf(b, "base64,%s;\n", base64.StdEncoding.EncodeToString([]byte(body.Text)))
	case collection.Bytes:
		fmt.Fprintf(b, "base64,%s;\n", base64.StdEncoding.EncodeToString(body.Bytes))
	case collection.File:
		fmt.Fprintf(b, "file,%s;\n", hurlFile(body.File))
	case collection.Form:
		b.WriteString("[FormParams]\n")
		for _, p := range body.Params {
			fmt.Fprintf(b, "%s: %s\n", hurlKey(p.Name), hurlValue(p.Value))
		}
	case collection.Multipart:
		b.WriteString("[MultipartFormData]\n")
		for i, p := range body.Parts {
			file := p.File
			if file == "" && (p.Bytes != nil || p.FileName != "") {
				data := p.Bytes
				if data == nil {
					data = []byte(p.Text)
				}
				file = sideName(prefix, n, i+1, p.FileName)
				out.Files = append(out.Files, httpfile.SideFile{Name: file, Data: data})
			}
			if file == "" {
				fmt.Fprintf(b, "%s: %s\n", hurlKey(p.Name), hurlValue(p.Text))
				continue
			}
			ct := ""
			if p.ContentType != "" {
				ct = " " + p.ContentType
			}
			fmt.Fprintf(b, "%s: file,%s;%s\n", hurlKey(p.Name), hurlFile(file), ct)
		}
	}
}

func hurlResponse(b *strings.Builder, r *collection.Request) {
	status := "*"
	var asserts []string
	for _, c := range r.Checks {
		switch c.Kind {
		case "status":
			status = c.Value
		case "header":
			if c.Value == "" {
				asserts = append(asserts, fmt.Sprintf("header %s exists", hurlQuote(c.Name)))
			} else {
				asserts = append(asserts, fmt.Sprintf("header %s == %s", hurlQuote(c.Name), hurlQuote(c.Value)))
			}
		case "jsonpath":
			asserts = append(asserts, fmt.Sprintf("jsonpath %s == %s", hurlQuote(c.Name), hurlLiteral(c.Value)))
		case "body":
			asserts = append(asserts, fmt.Sprintf("body contains %s", hurlQuote(c.Value)))
		}
	}
	fmt.Fprintf(b, "HTTP %s\n", status)
	if len(r.Captures) > 0 {
		b.WriteString("[Captures]\n")
		for _, c := range r.Captures {
			fmt.Fprintf(b, "%s: %s %s\n", hurlKey(c.Var), c.Kind, hurlQuote(c.Expr))
		}
	}
	if len(asserts) > 0 {
		b.WriteString("[Asserts]\n" + strings.Join(asserts, "\n") + "\n")
	}
}

// hurlLiteral is a number, true, false or null as itself, else a string.
func hurlLiteral(v string) string {
	if _, err := strconv.ParseFloat(v, 64); err == nil || v == "true" || v == "false" || v == "null" {
		return v
	}
	return hurlQuote(v)
}

// hurlQuote is a Hurl quoted string. Hurl has no escape for a brace, so
// { is written \u{7b}: a literal {{ is then never read as a template.
func hurlQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "{", `\u{7b}`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// hurlValue escapes a header value or URL: \ # and line breaks with
// backslashes, { as \u{7b}.
func hurlValue(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "#", `\#`, "{", `\u{7b}`, "\n", `\n`, "\r", `\r`)
	return r.Replace(s)
}

// hurlKey escapes a key: letters, digits and _ - . [ ] @ $ stay, : # \
// take a backslash, anything else is written \u{HEX}.
func hurlKey(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_-.[]@$", c):
			b.WriteRune(c)
		case c == ':' || c == '#' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			fmt.Fprintf(&b, `\u{%x}`, c)
		}
	}
	return b.String()
}

func hurlFile(p string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, " ", `\ `).Replace(p)
}
