// Package spec is the family of the `spec` command: an OpenAPI
// description of the API being poked at (3.0, 3.1 or Swagger 2.0, JSON
// or YAML), loaded with `spec load FILE|URL` or `httpsh --spec`, summed up
// by `spec`, listed by `spec ops`, shown by `spec show OP`, and taken out
// by `spec unload`; `spec server N` makes server N the base.
//
// The loaded spec lives in Session.Spec as a commands.Spec, which is how
// the other families reach it without importing this one: the request
// family checks requests before sending (set spec-check) and responses
// after, explain describes operations, history and show name them,
// `expect spec` asserts conformance and `export openapi` drafts one. The
// same value offers completion its Spec* methods (paths, parameters,
// body fields, response paths). A load that fails leaves the previous
// spec in place.
package spec

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/spf13/pflag"
)

// Commands returns the family's commands.
func Commands() []*commands.Command { return []*commands.Command{specCmd()} }

// options are spec's flags (those of spec load).
type options struct {
	allowRemoteRefs, noCache bool
}

const specUsage = "spec [load FILE|URL | unload | server [N] | ops [TEXT|tag:TAG] | show OP]"

func specCmd() *commands.Command {
	return commands.Define(commands.Command{
		Name:  "spec",
		Usage: specUsage,
		Short: "load an OpenAPI description of the API: completion, checks and docs from it",
		Long: "spec load reads an OpenAPI 3.0, 3.1 or Swagger 2.0 document (JSON or YAML) from a file or a URL (fetched through the session); relative $refs are read too, remote ones only with --allow-remote-refs. " +
			"A parsed spec is cached under $XDG_CACHE_HOME/httpsh/openapi. A spec that does not load leaves the previous one in place. " +
			"With no base, base is taken from the spec's first server; `spec server N` picks another. " +
			"With a spec, completion offers its paths, parameters, body fields and response paths; every request is checked before sending (`set spec-check warn|strict|off`) and every response after; " +
			"`explain OP` describes an operation, `expect spec` asserts the last exchange conforms, and `export openapi FILE` drafts a spec from the session.",
		Example: "spec load petstore.yaml\nspec\nspec ops pets\nspec show getPetById\nspec server 2",
		Sub: []commands.Sub{
			{Name: "load", Usage: "spec load FILE|URL [--allow-remote-refs] [--no-cache]", Short: "load a spec from a file or URL",
				Args: []commands.Arg{{Hint: commands.HintFile}}, Min: 1, Max: 1},
			{Name: "unload", Usage: "spec unload", Short: "forget the spec"},
			{Name: "server", Usage: "spec server [N]", Short: "list the servers, or make server N the base", Max: 1},
			{Name: "ops", Usage: "spec ops [TEXT|tag:TAG]", Short: "list operations, filtered by a word or a tag", Max: commands.Many},
			{Name: "show", Usage: "spec show OP", Short: "an operation's parameters, body, responses and security",
				Args: []commands.Arg{{Hint: commands.HintOperation}}, Min: 1, Max: 2},
		},
	}, func(fs *pflag.FlagSet, o *options) {
		fs.BoolVar(&o.allowRemoteRefs, "allow-remote-refs", false, "spec load: follow $refs to http(s) URLs")
		fs.BoolVar(&o.noCache, "no-cache", false, "spec load: parse again, neither reading nor writing the cache")
	}, runSpec)
}

func runSpec(ctx context.Context, env *commands.Env, c *commands.Call, o *options) error {
	if c.SubName() == "load" {
		return load(ctx, env, c.Args[0], o)
	}
	if o.allowRemoteRefs || o.noCache {
		return c.UsageError()
	}
	l := current(env.Session)
	if l == nil {
		return commands.Usagef("no spec loaded: `spec load FILE|URL` first")
	}
	switch c.SubName() {
	case "unload":
		env.Session.Spec = nil
		env.Printf("spec %s unloaded\n", clean(l.location))
	case "server":
		return server(env, l, c.Args)
	case "ops":
		printOps(env, l.ix, strings.Join(c.Args, " "))
	case "show":
		op, err := l.ix.Find(strings.Join(c.Args, " "))
		if err != nil {
			return commands.Usagef("%s (`spec ops` lists them)", clean(err.Error()))
		}
		printShow(env, l.ix, op)
	default:
		printSummary(env, l)
	}
	return nil
}

// server lists the servers or makes server N (1-based) the base.
func server(env *commands.Env, l *loaded, args []string) error {
	if len(args) == 0 {
		for i, s := range l.ix.Servers {
			desc := ""
			if s.Description != "" {
				desc = "  " + clean(s.Description)
			}
			env.Printf("%d  %s%s\n", i+1, clean(s.URL), desc)
		}
		if len(l.ix.Servers) == 0 {
			env.Printf("the spec lists no servers: its paths are on the spec's own origin\n")
		}
		return nil
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 1 {
		return commands.Usagef("spec server %q: give a server number (`spec server` lists them)", args[0])
	}
	return setBase(env, l, n-1, true)
}

// setBase makes server n (0-based) the base; quiet failures are for the
// automatic choice at load time, which a relative server may not allow.
func setBase(env *commands.Env, l *loaded, n int, loud bool) error {
	u, err := serverBase(l, n)
	if err == nil {
		env.Session.Base = u
		env.Printf("base %s (server %d of the spec)\n", clean(u.String()), n+1)
		return nil
	}
	if loud {
		return commands.Usage(err)
	}
	env.Printf("# base not set from the spec: %v\n", err)
	return nil
}

// serverBase is server n's URL as a base, with errors that count
// servers from 1 as `spec server` does.
func serverBase(l *loaded, n int) (*url.URL, error) {
	servers := l.ix.Servers
	if n >= max(1, len(servers)) {
		return nil, fmt.Errorf("no server %d: the spec lists %d (`spec server` shows them)", n+1, len(servers))
	}
	raw, err := l.ix.BaseURL(n)
	if err != nil && n < len(servers) {
		return nil, fmt.Errorf("server %d is %s, a relative URL, and the spec was not read from a URL: set one with `base URL`", n+1, clean(servers[n].URL))
	}
	if err != nil {
		return nil, fmt.Errorf("the spec lists no servers and was not read from a URL: set one with `base URL`")
	}
	return parseBase(raw)
}

// openapiOptions are the Load options of a `spec load`.
func openapiOptions(o *options) openapi.Options {
	opt := openapi.Options{AllowRemoteRefs: o.allowRemoteRefs}
	if !o.noCache {
		if dir, err := openapi.DefaultCacheDir(); err == nil {
			opt.CacheDir = dir
		}
	}
	return opt
}
