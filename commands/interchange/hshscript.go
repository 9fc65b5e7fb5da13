package interchange

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/envscope"
	"github.com/httpsh/httpsh/internal/httpfile"
)

// keepRefs resolves every reference as itself: a script keeps {{name}}
// for httpsh to substitute when its line runs.
type keepRefs struct{}

func (keepRefs) Lookup(ref string) (string, bool, error) { return "{{" + ref + "}}", true, nil }

// script is an httpsh script being written from collection requests.
type script struct {
	b       strings.Builder
	files   []httpfile.SideFile
	path    string // the script's path: side files go beside it
	literal bool   // bodies are bytes as recorded (HAR), not templates
}

// header starts the script with a comment and its variables.
func (s *script) header(comment string, vars [][2]string) {
	fmt.Fprintf(&s.b, "# %s\n", comment)
	for _, v := range vars {
		fmt.Fprintf(&s.b, "var %s %s\n", commands.Quote(v[0]), commands.Quote(v[1]))
	}
}

// add writes r as lines: its skipped parts as comments, cookies for the
// jar, the request line with headers, auth and body, and its checks as
// expect lines.
func (s *script) add(r *collection.Request, n int) error {
	name := r.Name
	if name == "" {
		name = fmt.Sprint(n)
	}
	fmt.Fprintf(&s.b, "\n# %s (%s)\n", name, r.Pos)
	for _, sk := range r.Skipped {
		fmt.Fprintf(&s.b, "# skipped: %s\n", sk)
	}
	words := []string{"request", r.Method, r.URL}
	if u, err := url.Parse(r.URL); err == nil && u.Host != "" {
		for _, c := range r.Cookies {
			fmt.Fprintf(&s.b, "cookies set %s --domain %s\n", commands.Quote(c.Name+"="+c.Value), commands.Quote(u.Hostname()))
		}
	}
	for _, h := range withForm(r).Headers {
		words = append(words, "-H", h.Name+": "+h.Value)
	}
	words = append(words, authWords(r.Auth)...)
	if _, ok := r.Settings["no-redirect"]; ok {
		words = append(words, "--no-follow")
	}
	tail, input, err := s.body(r, n)
	if err != nil {
		return err
	}
	words = append(words, tail...)
	for i, w := range words {
		words[i] = commands.Quote(w)
	}
	line := strings.Join(words, " ")
	if input != "" {
		delim := "END"
		if s.literal {
			delim = "'END'"
		}
		line += " <<" + delim + "\n" + input + "END"
	}
	s.b.WriteString(line + "\n")
	for _, c := range r.Checks {
		if c.Kind == "status" {
			fmt.Fprintf(&s.b, "expect status %s\n", c.Value)
		}
	}
	return nil
}

// authWords are the flags of Postman's auth kinds.
func authWords(a *collection.Auth) []string {
	if a == nil {
		return nil
	}
	switch a.Kind {
	case "basic":
		return []string{"--auth", a.User + ":" + a.Password}
	case "bearer":
		return []string{"--bearer", a.Token}
	case "apikey":
		if a.InQuery {
			return []string{"--params", a.Key + "=" + a.Value}
		}
		return []string{"-H", a.Key + ": " + a.Value}
	}
	return nil
}

// body gives the words (and heredoc input) that send r's body exactly:
// a heredoc for text ending in a newline, --data TEXT for one line, a
// side file beside the script for anything else.
func (s *script) body(r *collection.Request, n int) (words []string, input string, err error) {
	switch r.Body.Kind {
	case collection.NoBody:
		return nil, "", nil
	case collection.Multipart:
		return partWords(r.Body.Parts), "", nil
	case collection.File:
		return []string{"--data", "@" + r.Body.File}, "", nil
	}
	var res httpfile.Resolver = keepRefs{}
	nr := withForm(r)
	nr.URL, nr.Headers = "", nil
	ready, err := httpfile.Resolve(&nr, filepath.Dir(s.path), res, envscope.ReadFile)
	if err != nil {
		return nil, "", err
	}
	body := string(ready.Body)
	templ := strings.Contains(body, "{{")
	switch {
	case !textBody(ready.Body) || (s.literal && templ) || strings.Contains(body, "\nEND\n") || strings.HasPrefix(body, "END\n"):
	case strings.HasSuffix(body, "\n"):
		return []string{"--data", "@-"}, body, nil
	case !strings.Contains(body, "\n") && !(s.literal && templ):
		return []string{"--data", body}, "", nil
	}
	name := fmt.Sprintf("%s-%d.body", strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path)), n)
	s.files = append(s.files, httpfile.SideFile{Name: name, Data: ready.Body})
	return []string{"--data", "@" + filepath.Join(filepath.Dir(s.path), name)}, "", nil
}

// partWords send multipart parts as httpsh form items: name=text fields
// and --files name=@path uploads (a part's bytes are not kept: HAR and
// Postman give text or files).
func partWords(parts []collection.Part) []string {
	words := []string{"--form"}
	for _, p := range parts {
		if p.File != "" {
			f := p.Name + "=@" + p.File
			if p.ContentType != "" {
				f += ";type=" + p.ContentType
			}
			words = append(words, "--files", f)
			continue
		}
		words = append(words, p.Name+"="+p.Text)
	}
	return words
}
