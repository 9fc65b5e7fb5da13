package interchange

import (
	"encoding/base64"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/envscope"
	"github.com/httpsh/httpsh/internal/httpfile"
	"github.com/httpsh/httpsh/session"
)

// book is the family's memory of the requests it built from collections:
// which prepared request was built for which name, so that
// {{login.response.body.$.token}} finds the exchange of `login`.
type book struct {
	built map[*session.Prepared]string
}

// maxBuilt bounds the book; older entries are dropped with the
// exchanges that the session forgets.
const maxBuilt = 4 * session.MaxExchanges

// source is where a collection's requests resolve their templates: the
// file's folder (for < ./file bodies and .env) and its variables.
type source struct {
	dir  string
	vars map[string]string
	// literal: the requests are as recorded (HAR): {{ }} in them is text.
	literal bool
}

// responses finds the last response of a named request in the session.
type responses struct {
	b *book
	s *session.Session
}

// Response implements httpfile.Responses.
func (r responses) Response(name string) (*httpfile.Response, bool) {
	es := r.s.Exchanges()
	for i := len(es) - 1; i >= 0; i-- {
		if r.b.built[es[i].Prepared] != name {
			continue
		}
		resp := es[i].Response()
		out := &httpfile.Response{Body: resp.Body}
		for _, f := range resp.Fields {
			out.Headers = append(out.Headers, collection.Header{Name: f.Name, Value: f.Value})
		}
		return out, true
	}
	return nil, false
}

// scope resolves in this order: the file's variables, the active
// environment, the shell's variables, system variables, earlier responses.
func (b *book) scope(env *commands.Env, src source) *httpfile.Scope {
	vars := []map[string]string{src.vars}
	if e := env.Session.Env; e != nil {
		vars = append(vars, e.Vars)
	}
	vars = append(vars, env.Session.Vars)
	dotenv, err := envscope.Dotenv(src.dir)
	if err != nil {
		dotenv = map[string]string{}
	}
	return &httpfile.Scope{Vars: vars, System: envscope.System(env.Session, env.Getenv, dotenv), Responses: responses{b, env.Session}}
}

// later resolves references to the responses of requests of the file
// (names) as themselves, so a request can be checked and prepared before
// the one it chains on was sent; anything else goes to next.
type later struct {
	names map[string]bool
	next  httpfile.Resolver
}

func (l later) Lookup(ref string) (string, bool, error) {
	head, _, _ := strings.Cut(ref, ".")
	if l.names[head] && strings.Contains(ref, ".") {
		return "{{" + ref + "}}", true, nil
	}
	return l.next.Lookup(ref)
}

// build resolves r and prepares it through the session. With names (the
// requests of the same file) references to their responses are left as
// they are; the request then Rebuilds itself when sent. The prepared
// request is remembered under name for later chaining.
func (b *book) build(env *commands.Env, r *collection.Request, name string, src source, names map[string]bool) (*session.Prepared, error) {
	var res httpfile.Resolver = b.scope(env, src)
	if src.literal {
		res = keepRefs{}
	}
	if names != nil {
		res = later{names, res}
	}
	nr := withForm(r)
	ready, err := httpfile.Resolve(&nr, src.dir, res, envscope.ReadFile)
	if err != nil {
		return nil, err
	}
	if err := withAuth(ready, r, res); err != nil {
		return nil, err
	}
	sr := &session.Request{Method: ready.Method, URL: ready.URL, Body: ready.Body}
	for _, h := range ready.Headers {
		sr.Headers = append(sr.Headers, session.Header{Name: h.Name, Value: h.Value})
	}
	if _, ok := r.Settings["no-redirect"]; ok {
		no := false
		sr.Options.Follow = &no
	}
	p, err := env.Session.Prepare(sr)
	if err != nil {
		return nil, &collection.Error{Pos: r.Pos, Msg: "cannot prepare " + r.Method + " " + r.URL, Err: err}
	}
	b.remember(p, name)
	if names != nil {
		rc := *r
		p.Rebuild = func() (*session.Prepared, error) { return b.build(env, &rc, name, src, nil) }
	}
	return p, nil
}

// readLimited reads the file path of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, commands.Usagef("cannot read %s: %s", path, commands.DescribeFileErr(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, commands.Failf("cannot read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, commands.Usagef("%s is over the %d-byte limit", path, limit)
	}
	return data, nil
}

func (b *book) remember(p *session.Prepared, name string) {
	if b.built == nil || len(b.built) >= maxBuilt {
		b.built = map[*session.Prepared]string{}
	}
	b.built[p] = name
}

// withForm is r with a Form body as urlencoded text ({{templates}} kept
// for Resolve) and its Content-Type.
func withForm(r *collection.Request) collection.Request {
	nr := *r
	if r.Body.Kind != collection.Form {
		return nr
	}
	var pairs []string
	for _, p := range r.Body.Params {
		pairs = append(pairs, escapeOutside(p.Name)+"="+escapeOutside(p.Value))
	}
	nr.Body = collection.Body{Kind: collection.Text, Text: strings.Join(pairs, "&")}
	if _, ok := r.Header("Content-Type"); !ok {
		nr.Headers = append(append([]collection.Header(nil), r.Headers...), collection.Header{Name: "Content-Type", Value: "application/x-www-form-urlencoded"})
	}
	return nr
}

// escapeOutside query-escapes s but its {{templates}}.
func escapeOutside(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		j := strings.Index(s[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			b.WriteString(url.QueryEscape(s))
			return b.String()
		}
		end := i + j + 2
		b.WriteString(url.QueryEscape(s[:i]))
		b.WriteString(s[i:end])
		s = s[end:]
	}
}

// withAuth adds r's Auth (Postman's basic, bearer or API key), resolved,
// to ready.
func withAuth(ready *httpfile.Ready, r *collection.Request, res httpfile.Resolver) error {
	a := r.Auth
	if a == nil {
		return nil
	}
	var vals [5]string
	for i, s := range []string{a.User, a.Password, a.Token, a.Key, a.Value} {
		v, err := httpfile.Expand(s, res)
		if err != nil {
			return &collection.Error{Pos: r.Pos, Msg: a.Kind + " auth", Err: err}
		}
		vals[i] = v
	}
	add := func(name, value string) {
		ready.Headers = append(ready.Headers, collection.Header{Name: name, Value: value})
	}
	switch a.Kind {
	case "basic":
		add("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(vals[0]+":"+vals[1])))
	case "bearer":
		add("Authorization", "Bearer "+vals[2])
	case "apikey":
		if !a.InQuery {
			add(vals[3], vals[4])
			break
		}
		sep := "?"
		if strings.Contains(ready.URL, "?") {
			sep = "&"
		}
		ready.URL += sep + url.QueryEscape(vals[3]) + "=" + url.QueryEscape(vals[4])
	}
	return nil
}
