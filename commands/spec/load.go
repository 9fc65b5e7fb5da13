package spec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/session"
)

// maxSpecBytes bounds a spec read from a file or a URL (the library's
// own bound).
const maxSpecBytes = 64 << 20

// load is `spec load SRC`: read, parse, then put it in the session. A
// failure leaves the previous spec as it was.
func load(ctx context.Context, env *commands.Env, src string, o *options) error {
	data, err := read(ctx, env.Session, src)
	if err != nil {
		return keepPrevious(env, err)
	}
	opt := openapiOptions(o)
	if o.allowRemoteRefs {
		opt.Fetch = func(ctx context.Context, u *url.URL) ([]byte, error) { return fetch(ctx, env.Session, u.String()) }
	}
	return install(ctx, env, data, src, opt)
}

// Install parses data (read from location, which relative $refs are
// resolved against) and makes it s's spec, printing nothing: the program
// calls it for --playground with the playground's own spec, no network
// involved. A spec that does not load is an error that leaves the
// previous one in place.
func Install(ctx context.Context, s *session.Session, data []byte, location string, opt openapi.Options) (openapi.Summary, error) {
	ix, err := openapi.Load(ctx, openapi.Source{Data: data, Location: location}, opt)
	if err != nil {
		return openapi.Summary{}, err
	}
	s.Spec = newLoaded(ix, location, s)
	return ix.Summary(), nil
}

// install is Install for `spec load`: one line summing the spec up, its
// warnings, and with no base, base from the spec's first server.
func install(ctx context.Context, env *commands.Env, data []byte, location string, opt openapi.Options) error {
	sum, err := Install(ctx, env.Session, data, location, opt)
	if err != nil {
		return keepPrevious(env, err)
	}
	l := current(env.Session)
	env.Printf("spec %s %s (OpenAPI %s): %s\n", clean(sum.Title), clean(sum.Version), clean(sum.OpenAPI), commands.Plural(sum.Operations, "operation"))
	for _, w := range l.ix.Warnings {
		env.Warnf("spec: %s", clean(w))
	}
	if env.Session.Base == nil {
		return setBase(env, l, 0, false)
	}
	return nil
}

// keepPrevious is a load's failure, saying the previous spec stays; it
// keeps err's exit status (a file that cannot be read is a usage error).
func keepPrevious(env *commands.Env, err error) error {
	status := commands.ExitStatus(commands.Fail(err))
	if l := current(env.Session); l != nil {
		err = fmt.Errorf("%s (%s is still loaded)", clean(err.Error()), clean(l.location))
	} else {
		err = errors.New(clean(err.Error()))
	}
	return &commands.Error{Status: status, Err: err}
}

// read reads a spec from a file, or from an http(s) URL through the
// session (its proxy, TLS settings and credentials for that origin).
func read(ctx context.Context, s *session.Session, src string) ([]byte, error) {
	if isURL(src) {
		return fetch(ctx, s, src)
	}
	f, err := os.Open(src)
	if err != nil {
		// Nothing was read or sent: a usage error, as for other files.
		return nil, commands.Usagef("cannot read %s: %s", src, commands.DescribeFileErr(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSpecBytes+1))
	if err != nil {
		return nil, fmt.Errorf("spec load %s: %w", src, err)
	}
	return data, nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// fetch GETs raw through the session; the exchange is kept like any
// other (history shows it). Anything but a 2xx is an error.
func fetch(ctx context.Context, s *session.Session, raw string) ([]byte, error) {
	p, err := s.Prepare(&session.Request{Method: "GET", URL: raw,
		Headers: []session.Header{{Name: "Accept", Value: "application/json, application/yaml;q=0.9, */*;q=0.1"}}})
	if err != nil {
		return nil, fmt.Errorf("spec load %s: %w", raw, err)
	}
	e, err := s.Send(ctx, p, session.SendOptions{})
	if err != nil {
		return nil, fmt.Errorf("spec load %s: %w", raw, err)
	}
	r := e.Response()
	if r.StatusCode/100 != 2 {
		return nil, fmt.Errorf("spec load %s: the server answered %d %s", raw, r.StatusCode, r.Reason)
	}
	if r.Spilled() {
		return nil, fmt.Errorf("spec load %s: the spec is larger than body-limit", raw)
	}
	return r.Body, nil
}

// parseBase reads a server URL as the session's base.
func parseBase(raw string) (*url.URL, error) {
	u, err := session.Resolve(nil, raw)
	if err != nil {
		return nil, fmt.Errorf("server URL %q: %w", raw, err)
	}
	return u, nil
}
