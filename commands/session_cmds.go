package commands

import (
	"context"
	"sort"
	"strings"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

func sessionCommands() []*Command {
	return []*Command{
		{
			Name: "base", Usage: "base [URL]", Short: "show or set the base URL that /paths are joined to",
			Example: "base https://httpbin.org\nget /get", LegacyArgs: []string{"url"},
			LegacyRun: runBase,
		},
		{
			Name: "headers", Usage: "headers [Name:Value...] | headers unset NAME | headers clear | headers secret NAME...",
			Short: "default headers sent with every request", LegacyArgs: []string{"header"},
			Sub: []Sub{{Name: "unset", Usage: "headers unset NAME", Short: "stop sending a default header"}, {Name: "clear", Usage: "headers clear", Short: "remove every default header"},
				{Name: "secret", Usage: "headers secret NAME...", Short: "treat a header as a credential: never sent on a redirect to another origin"}},
			Long: "Headers named like credentials (Authorization, Cookie, *token*, *key*, *secret*, *auth*, *session*, *password*, *csrf*) are secret already: " +
				"a redirect to another origin (scheme, host or port) drops them. `headers secret NAME` marks any other name so.",
			Example:   "headers X-Client:httpsh Accept:application/json\nheaders unset Accept",
			LegacyRun: runHeaders,
		},
		{
			Name: "auth", Usage: "auth [basic USER[:PASS] | bearer TOKEN | clear]",
			Short: "session credentials, sent only to the base URL's origin",
			Long:  "Credentials belong to the origin (scheme, host, port) of the base URL when they are set; requests to any other origin, and redirects away from it, go without them.",
			Sub: []Sub{{Name: "basic", Usage: "auth basic USER[:PASS]", Short: "HTTP basic credentials"}, {Name: "bearer", Usage: "auth bearer TOKEN", Short: "a bearer token"},
				{Name: "clear", Usage: "auth clear", Short: "forget the credentials"}},
			Example:   "auth basic ada:lovelace\nget /basic-auth/ada/lovelace",
			LegacyRun: runAuth,
		},
		{
			Name: "set", Usage: "set [NAME [VALUE]]", Short: "show or change settings",
			Long: "Settings: " + settingsHelp(), LegacyArgs: []string{"setting"},
			Example:   "set header-timeout 60s\nset timeout 5m\nset follow off\nset show status,body",
			LegacyRun: runSet,
		},
		{Name: "vars", Usage: "vars", Short: "list variables", LegacyRun: runVars},
		{
			Name: "var", Usage: "var NAME VALUE", Short: "set a variable, used as {{NAME}}", LegacyArgs: []string{"var"},
			Example: "var user ada\nget /anything/{{user}}", LegacyRun: runVar,
		},
		{Name: "unvar", Usage: "unvar NAME", Short: "remove a variable", LegacyArgs: []string{"var"}, LegacyRun: runUnvar},
	}
}

func settingsHelp() string {
	var parts []string
	for _, n := range session.SettingNames() {
		parts = append(parts, n+" ("+session.SettingHelp(n)+")")
	}
	return strings.Join(parts, "; ")
}

func runBase(_ context.Context, x *Executor, c *Call) error {
	if err := needArgs(c, 0, 1, "base [URL]"); err != nil {
		return err
	}
	if len(c.Args) == 0 {
		if x.Session.Base == nil {
			x.printf("no base URL: set one with `base URL`\n")
			return nil
		}
		x.printf("%s\n", session.Redact(x.Session.Base))
		return nil
	}
	u, err := session.Resolve(nil, c.Args[0])
	if err != nil {
		return Usage(err)
	}
	x.Session.Base = u
	x.printf("base %s\n", session.Redact(u))
	return nil
}

func runHeaders(_ context.Context, x *Executor, c *Call) error {
	s := x.Session
	switch {
	case len(c.Args) == 0:
		if len(s.Headers) == 0 {
			x.printf("no default headers: add one with `headers Name:Value`\n")
			return nil
		}
		var fs []render.Field
		var notes []string
		for _, h := range s.Headers {
			fs = append(fs, render.Field{Name: h.Name, Value: h.Value})
			note := ""
			if s.IsSecret(h.Name) {
				note = "secret: kept on its origin"
			}
			notes = append(notes, note)
		}
		x.Render().AnnotatedHeaders(x.Stdout, fs, notes)
		return nil
	case c.Args[0] == "secret":
		if err := needArgs(c, 2, -1, "headers secret NAME..."); err != nil {
			return err
		}
		for _, n := range c.Args[1:] {
			if !session.ValidHeaderName(n) {
				return Usagef("headers secret %q: expected a header name", n)
			}
			s.MarkSecret(n)
		}
		return nil
	case c.Args[0] == "clear":
		n := len(s.Headers)
		s.Headers = nil
		x.printf("removed %s\n", plural(n, "default header"))
		return nil
	case c.Args[0] == "unset":
		if err := needArgs(c, 2, -1, "headers unset NAME..."); err != nil {
			return err
		}
		for _, n := range c.Args[1:] {
			if !s.UnsetHeader(n) {
				return Usagef("no default header %q (`headers` lists them)", n)
			}
		}
		return nil
	}
	var add []session.Header
	for _, w := range c.Args {
		it, err := ParseItem(w)
		if err != nil || it.Kind != ItemHeader {
			return Usagef("headers %q: expected Name:Value", w)
		}
		add = append(add, session.Header{Name: it.Name, Value: strings.TrimSpace(it.Value)})
	}
	for _, h := range add {
		if h.Value == "" {
			s.UnsetHeader(h.Name)
			continue
		}
		s.SetHeader(h.Name, h.Value)
	}
	return nil
}

func runAuth(_ context.Context, x *Executor, c *Call) error {
	s := x.Session
	if len(c.Args) == 0 {
		if s.Auth == nil {
			x.printf("no credentials: set them with `auth basic USER:PASS` or `auth bearer TOKEN`\n")
			return nil
		}
		x.printf("%s\n", s.Auth.Redacted())
		return nil
	}
	if c.Args[0] == "clear" {
		s.Auth = nil
		return nil
	}
	if err := needArgs(c, 2, 2, "auth basic USER[:PASS] | auth bearer TOKEN | auth clear"); err != nil {
		return err
	}
	if s.Base == nil {
		return Usagef("auth needs a base URL to bind the credentials to: set one with `base URL`")
	}
	a := &session.Auth{Scheme: c.Args[0], Origin: session.Origin(s.Base)}
	switch c.Args[0] {
	case "basic":
		user, pass, ok := strings.Cut(c.Args[1], ":")
		if !ok {
			p, err := x.Password(user)
			if err != nil {
				return err
			}
			pass = p
		}
		a.User, a.Pass = user, pass
	case "bearer":
		a.Token = c.Args[1]
	default:
		return Usagef("auth %q: expected basic, bearer or clear", c.Args[0])
	}
	s.Auth = a
	x.printf("auth %s\n", a.Redacted())
	return nil
}

func runSet(_ context.Context, x *Executor, c *Call) error {
	st := &x.Session.Settings
	switch len(c.Args) {
	case 0:
		var rows [][]string
		for _, n := range session.SettingNames() {
			v, _ := st.Get(n)
			rows = append(rows, []string{n, v, session.SettingHelp(n)})
		}
		x.Render().Table(x.Stdout, []string{"setting", "value", "meaning"}, rows)
		return nil
	case 1:
		v, err := st.Get(c.Args[0])
		if err != nil {
			return Usage(err)
		}
		x.printf("%s %s\n", c.Args[0], v)
		return nil
	}
	name, value := c.Args[0], strings.Join(c.Args[1:], " ")
	if name == "style" {
		if _, err := render.New(render.Options{Color: true, Style: value}); err != nil {
			return Usagef("unknown style %q: try monokai, github, dracula, solarized-dark (see `help set`)", value)
		}
	}
	if err := st.Set(name, value); err != nil {
		return Usagef("set %s: %v", name, err)
	}
	return nil
}

func runVars(_ context.Context, x *Executor, c *Call) error {
	if err := needArgs(c, 0, 0, "vars"); err != nil {
		return err
	}
	vars := x.Session.Vars
	if len(vars) == 0 {
		x.printf("no variables: set one with `var NAME VALUE`\n")
		return nil
	}
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	var rows [][]string
	for _, n := range names {
		rows = append(rows, []string{n, vars[n]})
	}
	x.Render().Table(x.Stdout, []string{"name", "value"}, rows)
	return nil
}

func runVar(_ context.Context, x *Executor, c *Call) error {
	if len(c.Args) < 2 {
		return Usagef("usage: var NAME VALUE")
	}
	if !validVarName(c.Args[0]) {
		return Usagef("bad variable name %q: use letters, digits, _ and -", c.Args[0])
	}
	x.Session.Vars[c.Args[0]] = strings.Join(c.Args[1:], " ")
	return nil
}

func runUnvar(_ context.Context, x *Executor, c *Call) error {
	if err := needArgs(c, 1, -1, "unvar NAME..."); err != nil {
		return err
	}
	for _, n := range c.Args {
		if _, ok := x.Session.Vars[n]; !ok {
			return Usagef("no variable %q (`vars` lists them)", n)
		}
		delete(x.Session.Vars, n)
	}
	return nil
}

func validVarName(n string) bool {
	if n == "" || strings.HasPrefix(n, "env.") {
		return false
	}
	for i, r := range n {
		ok := r == '_' || r == '-' || r == '.' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
