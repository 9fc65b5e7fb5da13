package request

import (
	"encoding/json"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// builder turns the words and flags of one line into a session.Request.
type builder struct {
	env   *commands.Env
	o     *options
	input *string // the heredoc input, for @-
}

// build makes the request: args are URL [ITEM...]; name is the command as
// typed, for the error when the URL is missing.
func (b *builder) build(name, method string, args []string) (*session.Request, error) {
	if len(args) == 0 {
		return nil, commands.Usagef("%s needs a URL: %s URL [ITEM...]", name, name)
	}
	req := &session.Request{Method: method, URL: args[0]}
	var body bodyParts
	if err := b.items(req, &body, args[1:]); err != nil {
		return nil, err
	}
	if err := b.flags(req, &body); err != nil {
		return nil, err
	}
	return req, nil
}

// items applies the request items (headers, query, fields, files).
func (b *builder) items(req *session.Request, body *bodyParts, words []string) error {
	for _, w := range words {
		it, err := commands.ParseItem(w)
		if err != nil {
			return err
		}
		switch it.Kind {
		case commands.ItemHeader:
			req.Headers = append(req.Headers, session.Header{Name: it.Name, Value: strings.TrimSpace(it.Value)})
		case commands.ItemQuery:
			req.Query = append(req.Query, session.Header{Name: it.Name, Value: it.Value})
		case commands.ItemField, commands.ItemRawJSON:
			body.fields = append(body.fields, it)
		case commands.ItemFieldAt, commands.ItemRawJSONA:
			f, err := b.fieldFromFile(it, w)
			if err != nil {
				return err
			}
			body.fields = append(body.fields, f)
		case commands.ItemFile:
			u, err := commands.ParseUpload(it.Name + "=@" + it.Value)
			if err != nil {
				return err
			}
			body.uploads = append(body.uploads, u)
		}
	}
	return nil
}

// fieldFromFile reads the value of name=@path or name:=@path (word as
// typed, for errors); a raw JSON value is checked.
func (b *builder) fieldFromFile(it commands.Item, word string) (commands.Item, error) {
	v, err := commands.ReadSource("@"+it.Value, b.input, it.Name)
	if err != nil {
		return commands.Item{}, err
	}
	f := commands.Item{Kind: commands.ItemField, Name: it.Name, Value: string(v)}
	if it.Kind == commands.ItemRawJSONA {
		f.Kind = commands.ItemRawJSON
		if err := commands.CheckItem(f, word); err != nil {
			return commands.Item{}, err
		}
	}
	return f, nil
}

// flags applies --params, -H, --files, --cookie, then the body, the
// credentials and the per-request options.
func (b *builder) flags(req *session.Request, body *bodyParts) error {
	o := b.o
	for _, p := range o.params {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return commands.Usagef("--params %q: expected k=v", p)
		}
		req.Query = append(req.Query, session.Header{Name: k, Value: v})
	}
	for _, h := range o.headers {
		if name, ok := strings.CutSuffix(strings.TrimSpace(h), ";"); ok && session.ValidHeaderName(name) {
			req.Empty = append(req.Empty, name) // curl's -H 'Name;': sent empty
			continue
		}
		hd, err := commands.HeaderFlag(h)
		if err != nil {
			return err
		}
		req.Headers = append(req.Headers, hd)
	}
	for _, v := range o.files {
		u, err := commands.ParseUpload(v)
		if err != nil {
			return err
		}
		body.uploads = append(body.uploads, u)
	}
	for _, v := range o.cookies {
		k, val, ok := strings.Cut(v, "=")
		if !ok || k == "" {
			return commands.Usagef("--cookie %q: expected name=value", v)
		}
		req.Cookies = append(req.Cookies, session.Header{Name: k, Value: val})
	}
	if err := b.body(req, body); err != nil {
		return err
	}
	if err := b.auth(req); err != nil {
		return err
	}
	if err := o.wire.apply(req, b.env.Session); err != nil {
		return err
	}
	return o.apply(req)
}

// body sets the body from --json, --data or the fields: one of them.
func (b *builder) body(req *session.Request, body *bodyParts) error {
	o := b.o
	sources := 0
	for _, set := range []bool{o.json != "", o.data != "", len(body.fields)+len(body.uploads) > 0} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return commands.Usagef("give the body one way: --json, --data, or fields (name=value, name@file)")
	}
	switch {
	case o.json != "":
		v, err := commands.ReadSource(o.json, b.input, "--json")
		if err != nil {
			return err
		}
		if !json.Valid(v) {
			return commands.Usagef("--json: invalid JSON: %s", commands.JSONProblem(v))
		}
		req.Body, req.ContentType, req.BodyKind = v, "application/json", "--json"
	case o.data != "":
		v, err := commands.ReadSource(o.data, b.input, "--data")
		if err != nil {
			return err
		}
		req.Body, req.BodyKind = v, "--data"
	default:
		v, ct, kind, err := body.build(o.form)
		if err != nil {
			return err
		}
		req.Body, req.ContentType, req.BodyKind = v, ct, kind
	}
	return nil
}

// auth sets --auth or --bearer; a user without a password is asked for one.
func (b *builder) auth(req *session.Request) error {
	o := b.o
	switch {
	case o.auth != "" && o.bearer != "":
		return commands.Usagef("give either --auth or --bearer, not both")
	case o.wire.digest && o.auth == "":
		return commands.Usagef("--digest goes with --auth USER[:PASS]")
	case o.bearer != "":
		req.Auth = &session.Auth{Scheme: "bearer", Token: o.bearer}
	case o.auth != "":
		user, pass, ok := strings.Cut(o.auth, ":")
		if !ok {
			p, err := b.env.Password(user)
			if err != nil {
				return err
			}
			pass = p
		}
		req.Auth = &session.Auth{Scheme: "basic", User: user, Pass: pass}
		if o.wire.digest {
			req.Auth.Scheme = "digest"
		}
	}
	return nil
}

// apply sets the per-request options: redirects, time limits, TLS,
// proxy; and checks --show and --stream against -o.
func (o *options) apply(req *session.Request) error {
	if o.follow && o.noFollow {
		return commands.Usagef("give either --follow or --no-follow")
	}
	if o.follow || o.noFollow {
		v := o.follow
		req.Options.Follow = &v
	}
	if o.maxRedirects >= 0 {
		n := o.maxRedirects
		req.Options.MaxRedirects = &n
	}
	if err := o.timeouts.Apply(&req.Options); err != nil {
		return err
	}
	req.Options.Insecure = o.insecure
	if o.proxy != "" {
		if _, err := session.ParseProxy(o.proxy); err != nil {
			return commands.Usagef("--proxy: %v", err)
		}
		req.Options.Proxy = o.proxy
	}
	if err := o.checkShow(); err != nil {
		return err
	}
	if o.stream && o.output != "" {
		return commands.Usagef("give either --stream or -o FILE")
	}
	return nil
}
