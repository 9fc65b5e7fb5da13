package commands

import (
	"bytes"
	"context"
	"os"
	"strings"
	"time"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

func cookieCommands() []*Command {
	return []*Command{{
		Name:  "cookies",
		Usage: "cookies [--rejected] | cookies clear [DOMAIN] | cookies set name=value [--domain D] [--path P] | cookies unset NAME | cookies save FILE | cookies load FILE",
		Short: "list and change the session's cookie jar",
		Long: "The jar follows RFC 6265 with the public suffix list: no cookie for a suffix such as co.uk, a Domain must contain the host, " +
			"__Host- and __Secure- prefixes are enforced, Secure cookies need https (127.0.0.1, ::1 and localhost count as secure, as in browsers). " +
			"`cookies --rejected` says why a server's cookies were refused. save and load use the Netscape cookies.txt format of curl -c/-b.",
		Sub: []Sub{
			{Name: "clear", Usage: "cookies clear [DOMAIN]", Short: "remove every cookie, or a domain's"},
			{Name: "set", Usage: "cookies set name=value [--domain D] [--path P]", Short: "add a cookie by hand"},
			{Name: "unset", Usage: "cookies unset NAME [--domain D]", Short: "remove cookies by name"},
			{Name: "save", Usage: "cookies save FILE [--force]", Short: "write the jar as cookies.txt"},
			{Name: "load", Usage: "cookies load FILE", Short: "add the cookies of a cookies.txt"},
		},
		LegacyFlags: func(fs *pflag.FlagSet) {
			fs.Bool("rejected", false, "list the cookies servers sent that the jar refused, and why")
			fs.String("domain", "", "with set/unset: the cookie's `domain`")
			fs.String("path", "/", "with set: the cookie's `path`")
			fs.Bool("force", false, "with save: overwrite FILE")
		},
		LegacyArgs: []string{"cookie"},
		Example:    "get /cookies/set?lastname=skywalker\ncookies\ncookies clear",
		LegacyRun:  runCookies,
	}}
}

func runCookies(_ context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("cookies")
	fs := cmd.FlagSet()
	args, err := parseFlags("cookies", fs, c.Args)
	if err != nil {
		return err
	}
	jar := x.Session.Jar
	if len(args) == 0 {
		if rej, _ := fs.GetBool("rejected"); rej {
			x.listRejected()
			return nil
		}
		x.listCookies()
		return nil
	}
	domain, _ := fs.GetString("domain")
	switch args[0] {
	case "clear":
		d := ""
		if len(args) > 1 {
			d = args[1]
		}
		n := jar.Clear(d)
		x.printf("removed %s\n", plural(n, "cookie"))
	case "set":
		return x.setCookie(fs, args)
	case "unset":
		if len(args) != 2 {
			return Usagef("usage: cookies unset NAME [--domain D]")
		}
		if jar.Unset(args[1], domain) == 0 {
			return Usagef("no cookie %q in the jar (`cookies` lists them)", args[1])
		}
	case "save":
		if len(args) != 2 {
			return Usagef("usage: cookies save FILE [--force]")
		}
		var buf bytes.Buffer
		if err := jar.SaveNetscape(&buf); err != nil {
			return Fail(err)
		}
		force, _ := fs.GetBool("force")
		if err := fileout.WriteFileAtomic(args[1], buf.Bytes(), 0o600, force); err != nil {
			return err
		}
		x.printf("saved %s to %s\n", plural(jar.Len(), "cookie"), args[1])
	case "load":
		return x.loadCookies(args)
	default:
		return Usagef("cookies %q: expected clear, set, unset, save or load", args[0])
	}
	return nil
}

func (x *Executor) setCookie(fs *pflag.FlagSet, args []string) error {
	if len(args) != 2 {
		return Usagef("usage: cookies set name=value [--domain D] [--path P]")
	}
	name, value, ok := strings.Cut(args[1], "=")
	if !ok || name == "" {
		return Usagef("cookies set %q: expected name=value", args[1])
	}
	domain, _ := fs.GetString("domain")
	path, _ := fs.GetString("path")
	if domain == "" {
		if x.Session.Base == nil {
			return Usagef("cookies set needs --domain D when there is no base URL")
		}
		domain = x.Session.Base.Hostname()
	}
	err := x.Session.Jar.Set(session.Cookie{Name: name, Value: value, Domain: domain, Path: path, HostOnly: true, SetBy: "user"})
	if err != nil {
		return Usagef("cookies set: %v", err)
	}
	return nil
}

func (x *Executor) loadCookies(args []string) error {
	if len(args) != 2 {
		return Usagef("usage: cookies load FILE")
	}
	f, err := os.Open(args[1])
	if err != nil {
		return Usagef("cannot read %s: %s", args[1], DescribeFileErr(err))
	}
	defer f.Close()
	n, err := x.Session.Jar.LoadNetscape(f, x.Session.Now())
	if err != nil {
		return Usagef("%s: %v (nothing loaded)", args[1], err)
	}
	x.printf("loaded %s from %s\n", plural(n, "cookie"), args[1])
	return nil
}

func (x *Executor) listCookies() {
	cs := x.Session.Jar.All()
	if len(cs) == 0 {
		x.printf("no cookies\n")
		return
	}
	var rows [][]string
	for _, c := range cs {
		rows = append(rows, []string{c.Name, c.Value, cookieDomain(c), c.Path, expiry(c.Expires),
			yes(c.Secure), yes(c.HTTPOnly), c.SameSite})
	}
	x.Render().Table(x.Stdout, []string{"name", "value", "domain", "path", "expires", "secure", "httponly", "samesite"}, rows)
}

func (x *Executor) listRejected() {
	rs := x.Session.Jar.Rejected()
	if len(rs) == 0 {
		x.printf("no cookies were refused\n")
		return
	}
	var rows [][]string
	for _, r := range rs {
		rows = append(rows, []string{r.Name, r.Domain, r.URL, r.Reason})
	}
	x.Render().Table(x.Stdout, []string{"name", "domain", "from", "why refused"}, rows)
}

func cookieDomain(c session.Cookie) string {
	if c.HostOnly {
		return c.Domain
	}
	return "." + c.Domain
}

func expiry(t time.Time) string {
	if t.IsZero() {
		return "session"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
