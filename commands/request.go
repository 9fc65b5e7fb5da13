package commands

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// requestFlags are the flags of get, post, ..., request and prepare,
// named after the keyword arguments of Python requests.
type requestFlags struct {
	params, headers, files, cookies []string
	json, data, auth, bearer        string
	output, show, proxy             string
	timeouts                        TimeoutFlags
	form, follow, noFollow          bool
	insecure, stream, raise         bool
	verbose, force                  bool
	maxRedirects                    int
}

func (f *requestFlags) register(fs *pflag.FlagSet) {
	ListFlag(fs, &f.params, "params", "", "query parameter `k=v` (same as k==v)")
	ListFlag(fs, &f.headers, "header", "H", "header `'Name: value'`")
	fs.StringVar(&f.json, "json", "", "JSON body: `TEXT|@FILE|@-`, validated before sending")
	fs.BoolVar(&f.form, "form", false, "fields are form-encoded (multipart with files)")
	fs.StringVar(&f.data, "data", "", "raw body as given: `TEXT|@FILE|@-`")
	ListFlag(fs, &f.files, "files", "", "file upload `name=@path[;type=MIME]`")
	ListFlag(fs, &f.cookies, "cookie", "", "cookie `name=value` for this request only")
	fs.StringVar(&f.auth, "auth", "", "basic credentials `user[:pass]` for this request")
	fs.StringVar(&f.bearer, "bearer", "", "bearer `TOKEN` for this request")
	fs.StringVar(&f.timeouts.whole, "timeout", "", "time limit for the whole request such as `5m` (default: set timeout)")
	fs.StringVar(&f.timeouts.header, "header-timeout", "", "time limit for the headers and each pause such as `30s` (default: set header-timeout)")
	fs.BoolVar(&f.follow, "follow", false, "follow redirects (the default)")
	fs.BoolVar(&f.noFollow, "no-follow", false, "do not follow redirects")
	fs.IntVar(&f.maxRedirects, "max-redirects", -1, "follow at most `N` redirects (default: set max-redirects)")
	fs.BoolVar(&f.insecure, "insecure", false, "skip TLS verification for this request only")
	fs.StringVar(&f.proxy, "proxy", "", "send this request through proxy `URL` (none: no proxy)")
	fs.StringVarP(&f.output, "output", "o", "", "stream the body to `FILE`")
	fs.BoolVar(&f.force, "force", false, "with -o: overwrite an existing file")
	fs.BoolVar(&f.stream, "stream", false, "print the body as it arrives")
	fs.BoolVar(&f.raise, "raise", false, "fail on a 4xx/5xx response")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "also show the request as sent")
	fs.StringVar(&f.show, "show", "", "print only these `parts`: status,headers,body,request,timing")
}

func requestCommands() []*Command {
	var cmds []*Command
	for _, m := range []string{"get", "head", "options", "delete", "post", "put", "patch"} {
		method := strings.ToUpper(m)
		cmds = append(cmds, &Command{
			Name:  m,
			Usage: m + " URL [ITEM...] [FLAG...]",
			Short: "send " + article(method) + " " + method + " request",
			Long: "Items: Name:Value header (Name: sends none), name==value query parameter, name=value body field (JSON string; a form field with --form), name:=json raw JSON field, name@path file upload (multipart), name=@path field from a file.\n" +
				"URL: absolute, /path joined to base, :8080/x for localhost.",
			Example:     exampleFor(m),
			LegacyFlags: func(fs *pflag.FlagSet) { new(requestFlags).register(fs) },
			LegacyArgs:  []string{"url", "item"},
			LegacyRun: func(ctx context.Context, x *Executor, c *Call) error {
				return x.runRequest(ctx, c, method)
			},
		})
	}
	cmds = append(cmds, &Command{
		Name:        "request",
		Usage:       "request METHOD URL [ITEM...] [FLAG...]",
		Short:       "send a request with any method",
		Example:     "request PURGE /anything",
		LegacyFlags: func(fs *pflag.FlagSet) { new(requestFlags).register(fs) },
		LegacyArgs:  []string{"method", "url", "item"},
		LegacyRun: func(ctx context.Context, x *Executor, c *Call) error {
			if len(c.Args) == 0 || strings.HasPrefix(c.Args[0], "-") {
				return Usagef("usage: request METHOD URL [ITEM...] [FLAG...]")
			}
			method := c.Args[0]
			return x.runRequest(ctx, &Call{Name: "request", Args: c.Args[1:], Input: c.Input}, method)
		},
	})
	return cmds
}

func exampleFor(m string) string {
	switch m {
	case "get":
		return "get /get api_key==DEMO_KEY date==2019-04-11\nget /json --show body"
	case "post":
		return "post /post --form name=luke side=light\npost /post --json '{\"name\": \"luke\"}'\npost /post file@photo.png"
	case "head":
		return "head /get"
	case "options":
		return "options /get"
	case "delete":
		return "delete /delete"
	}
	return m + " /" + m + " name=luke"
}

func (x *Executor) runRequest(ctx context.Context, c *Call, method string) error {
	var f requestFlags
	fs := pflag.NewFlagSet(c.Name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	args, err := parseFlags(c.Name, fs, c.Args)
	if err != nil {
		return err
	}
	req, err := x.buildRequest(method, args, &f, c)
	if err != nil {
		return err
	}
	p, err := x.Session.Prepare(req)
	if err != nil {
		return Usage(err)
	}
	return x.sendAndShow(ctx, p, &f)
}

// buildRequest turns positional words and flags into a session.Request.
func (x *Executor) buildRequest(method string, args []string, f *requestFlags, c *Call) (*session.Request, error) {
	if len(args) == 0 {
		return nil, Usagef("%s needs a URL: %s URL [ITEM...]", c.Name, c.Name)
	}
	req := &session.Request{Method: method, URL: args[0]}
	var body bodyParts
	if err := x.applyItems(req, &body, args[1:], c); err != nil {
		return nil, err
	}
	if err := x.applyFlags(req, &body, f, c); err != nil {
		return nil, err
	}
	return req, nil
}

func (x *Executor) applyItems(req *session.Request, body *bodyParts, words []string, c *Call) error {
	for _, w := range words {
		it, err := ParseItem(w)
		if err != nil {
			return err
		}
		switch it.Kind {
		case ItemHeader:
			req.Headers = append(req.Headers, session.Header{Name: it.Name, Value: strings.TrimSpace(it.Value)})
		case ItemQuery:
			req.Query = append(req.Query, session.Header{Name: it.Name, Value: it.Value})
		case ItemField, ItemRawJSON:
			body.fields = append(body.fields, it)
		case ItemFieldAt, ItemRawJSONA:
			b, err := ReadSource("@"+it.Value, c.Input, it.Name)
			if err != nil {
				return err
			}
			kind := ItemField
			if it.Kind == ItemRawJSONA {
				kind = ItemRawJSON
				if err := CheckItem(Item{Kind: kind, Name: it.Name, Value: string(b)}, w); err != nil {
					return err
				}
			}
			body.fields = append(body.fields, Item{Kind: kind, Name: it.Name, Value: string(b)})
		case ItemFile:
			u, err := ParseUpload(it.Name + "=@" + it.Value)
			if err != nil {
				return err
			}
			body.uploads = append(body.uploads, u)
		}
	}
	return nil
}

func (x *Executor) applyFlags(req *session.Request, body *bodyParts, f *requestFlags, c *Call) error {
	for _, p := range f.params {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return Usagef("--params %q: expected k=v", p)
		}
		req.Query = append(req.Query, session.Header{Name: k, Value: v})
	}
	for _, h := range f.headers {
		hd, err := HeaderFlag(h)
		if err != nil {
			return err
		}
		req.Headers = append(req.Headers, hd)
	}
	for _, v := range f.files {
		u, err := ParseUpload(v)
		if err != nil {
			return err
		}
		body.uploads = append(body.uploads, u)
	}
	for _, v := range f.cookies {
		k, val, ok := strings.Cut(v, "=")
		if !ok || k == "" {
			return Usagef("--cookie %q: expected name=value", v)
		}
		req.Cookies = append(req.Cookies, session.Header{Name: k, Value: val})
	}
	if err := x.applyBody(req, body, f, c); err != nil {
		return err
	}
	if err := x.applyAuth(req, f); err != nil {
		return err
	}
	return applyOptions(req, f)
}

func (x *Executor) applyBody(req *session.Request, body *bodyParts, f *requestFlags, c *Call) error {
	sources := 0
	for _, set := range []bool{f.json != "", f.data != "", len(body.fields)+len(body.uploads) > 0} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return Usagef("give the body one way: --json, --data, or fields (name=value, name@file)")
	}
	switch {
	case f.json != "":
		b, err := ReadSource(f.json, c.Input, "--json")
		if err != nil {
			return err
		}
		if !json.Valid(b) {
			return Usagef("--json: invalid JSON: %s", JSONProblem(b))
		}
		req.Body, req.ContentType, req.BodyKind = b, "application/json", "--json"
	case f.data != "":
		b, err := ReadSource(f.data, c.Input, "--data")
		if err != nil {
			return err
		}
		req.Body, req.BodyKind = b, "--data"
	default:
		b, ct, kind, err := body.build(f.form)
		if err != nil {
			return err
		}
		req.Body, req.ContentType, req.BodyKind = b, ct, kind
	}
	return nil
}

func (x *Executor) applyAuth(req *session.Request, f *requestFlags) error {
	switch {
	case f.auth != "" && f.bearer != "":
		return Usagef("give either --auth or --bearer, not both")
	case f.bearer != "":
		req.Auth = &session.Auth{Scheme: "bearer", Token: f.bearer}
	case f.auth != "":
		user, pass, ok := strings.Cut(f.auth, ":")
		if !ok {
			p, err := x.Password(user)
			if err != nil {
				return err
			}
			pass = p
		}
		req.Auth = &session.Auth{Scheme: "basic", User: user, Pass: pass}
	}
	return nil
}

func applyOptions(req *session.Request, f *requestFlags) error {
	if f.follow && f.noFollow {
		return Usagef("give either --follow or --no-follow")
	}
	if f.follow || f.noFollow {
		v := f.follow
		req.Options.Follow = &v
	}
	if f.maxRedirects >= 0 {
		n := f.maxRedirects
		req.Options.MaxRedirects = &n
	}
	if err := f.timeouts.apply(&req.Options); err != nil {
		return err
	}
	req.Options.Insecure = f.insecure
	if f.proxy != "" {
		if _, err := session.ParseProxy(f.proxy); err != nil {
			return Usagef("--proxy: %v", err)
		}
		req.Options.Proxy = f.proxy
	}
	if f.show != "" {
		if _, err := session.ParseShow(f.show); err != nil {
			return Usagef("--show: %v", err)
		}
	}
	if f.stream && f.output != "" {
		return Usagef("give either --stream or -o FILE")
	}
	return nil
}

func article(word string) string {
	if strings.ContainsRune("AEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// HeaderFlag reads the value of -H 'Name: value'.
func HeaderFlag(h string) (session.Header, error) {
	name, value, ok := strings.Cut(h, ":")
	name = strings.TrimSpace(name)
	if !ok || !session.ValidHeaderName(name) || !session.ValidHeaderValue(value) {
		return session.Header{}, Usagef("-H %q: expected 'Name: value'", h)
	}
	return session.Header{Name: name, Value: strings.TrimSpace(value)}, nil
}
