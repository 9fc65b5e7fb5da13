package state

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session/jar"
	"github.com/spf13/pflag"
)

// cookiesOptions are the flags of cookies.
type cookiesOptions struct {
	rejected, force bool
	domain, path    string
}

func cookies() *commands.Command {
	file := []commands.Arg{{Hint: commands.HintFile}}
	return commands.Define(commands.Command{
		Name:  "cookies",
		Usage: "cookies [--rejected] | cookies clear [DOMAIN] | cookies set name=value [--domain D] [--path P] | cookies unset NAME | cookies save FILE | cookies load FILE",
		Short: "list and change the session's cookie jar",
		Long: "The jar follows RFC 6265 with the public suffix list: no cookie for a suffix such as co.uk, a Domain must contain the host, " +
			"__Host- and __Secure- prefixes are enforced, Secure cookies need https (127.0.0.1, ::1 and localhost count as secure, as in browsers). " +
			"`cookies --rejected` says why a server's cookies were refused. save and load use the Netscape cookies.txt format of curl -c/-b; load skips a line it cannot use with a warning that names the line, and loads the rest, as curl does.",
		Sub: []commands.Sub{
			{Name: "clear", Usage: "cookies clear [DOMAIN]", Short: "remove every cookie, or a domain's",
				Args: []commands.Arg{{Hint: commands.HintCookieDomain}}, Max: commands.Many},
			{Name: "set", Usage: "cookies set name=value [--domain D] [--path P]", Short: "add a cookie by hand",
				Args: []commands.Arg{{Hint: commands.HintCookiePair}}, Min: 1, Max: 1},
			{Name: "unset", Usage: "cookies unset NAME [--domain D]", Short: "remove cookies by name",
				Args: []commands.Arg{{Hint: commands.HintCookie}}, Min: 1, Max: 1},
			{Name: "save", Usage: "cookies save FILE [--force]", Short: "write the jar as cookies.txt", Args: file, Min: 1, Max: 1},
			{Name: "load", Usage: "cookies load FILE", Short: "add the cookies of a cookies.txt", Args: file, Min: 1, Max: 1},
		},
		// The first word: a subcommand, or a cookie's name (what the
		// shell offers there); any other word is refused by run.
		Args:    []commands.Arg{{Hint: commands.HintCookie}},
		Max:     commands.Many,
		Example: "get /cookies/set?lastname=skywalker\ncookies\ncookies clear",
	}, func(fs *pflag.FlagSet, o *cookiesOptions) {
		fs.BoolVar(&o.rejected, "rejected", false, "list the cookies servers sent that the jar refused, and why")
		fs.StringVar(&o.domain, "domain", "", "with set/unset: the cookie's `domain`")
		fs.StringVar(&o.path, "path", "/", "with set: the cookie's `path`")
		fs.BoolVar(&o.force, "force", false, "with save: overwrite FILE")
		commands.HintFlag(fs, "domain", commands.HintCookieDomain)
	}, runCookies)
}

func runCookies(_ context.Context, env *commands.Env, c *commands.Call, o *cookiesOptions) error {
	jar := env.Session.Jar
	switch c.SubName() {
	case "":
		if len(c.Args) > 0 {
			return commands.Usagef("cookies %q: expected clear, set, unset, save or load", c.Args[0])
		}
		if o.rejected {
			listRejected(env)
			return nil
		}
		listCookies(env)
	case "clear":
		d := ""
		if len(c.Args) > 0 {
			d = c.Args[0]
		}
		n := jar.Clear(d)
		env.Printf("removed %s\n", commands.Plural(n, "cookie"))
	case "set":
		return setCookie(env, c.Args[0], o)
	case "unset":
		if jar.Unset(c.Args[0], o.domain) == 0 {
			return commands.Usagef("no cookie %q in the jar (`cookies` lists them)", c.Args[0])
		}
	case "save":
		return saveCookies(env, c.Args[0], o.force)
	case "load":
		return loadCookies(env, c.Args[0])
	}
	return nil
}

func setCookie(env *commands.Env, pair string, o *cookiesOptions) error {
	name, value, ok := strings.Cut(pair, "=")
	if !ok || name == "" {
		return commands.Usagef("cookies set %q: expected name=value", pair)
	}
	domain := o.domain
	if domain == "" {
		if env.Session.Base == nil {
			return commands.Usagef("cookies set needs --domain D when there is no base URL")
		}
		domain = env.Session.Base.Hostname()
	}
	err := env.Session.Jar.Set(jar.Cookie{Name: name, Value: value, Domain: domain, Path: o.path, HostOnly: true, SetBy: "user"})
	if err != nil {
		return commands.Usagef("cookies set: %v", err)
	}
	return nil
}

func saveCookies(env *commands.Env, path string, force bool) error {
	jar := env.Session.Jar
	var buf bytes.Buffer
	if err := jar.SaveNetscape(&buf); err != nil {
		return commands.Fail(err)
	}
	if err := fileout.WriteFileAtomic(path, buf.Bytes(), 0o600, force); err != nil {
		return err
	}
	env.Printf("saved %s to %s\n", commands.Plural(jar.Len(), "cookie"), path)
	return nil
}

func loadCookies(env *commands.Env, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return commands.Usagef("cannot read %s: %s", path, commands.DescribeFileErr(err))
	}
	defer f.Close()
	n, skipped, err := env.Session.Jar.LoadNetscape(f, env.Session.Now())
	for _, s := range skipped {
		env.Warnf("%s", render.Sanitize(fmt.Sprintf("%s %v: skipped", path, s)))
	}
	if err != nil {
		return commands.Failf("%s: %w (loaded %s before it)", path, err, commands.Plural(n, "cookie"))
	}
	if len(skipped) > 0 {
		env.Printf("loaded %s from %s (%s skipped)\n", commands.Plural(n, "cookie"), path, commands.Plural(len(skipped), "line"))
		return nil
	}
	env.Printf("loaded %s from %s\n", commands.Plural(n, "cookie"), path)
	return nil
}

func listCookies(env *commands.Env) {
	cs := env.Session.Jar.All()
	if len(cs) == 0 {
		env.Printf("no cookies\n")
		return
	}
	var rows [][]string
	for _, c := range cs {
		rows = append(rows, []string{c.Name, c.Value, cookieDomain(c), c.Path, expiry(c.Expires),
			yes(c.Secure), yes(c.HTTPOnly), c.SameSite})
	}
	env.Render().Table(env.Stdout, []string{"name", "value", "domain", "path", "expires", "secure", "httponly", "samesite"}, rows)
}

func listRejected(env *commands.Env) {
	rs := env.Session.Jar.Rejected()
	if len(rs) == 0 {
		env.Printf("no cookies were refused\n")
		return
	}
	var rows [][]string
	for _, r := range rs {
		rows = append(rows, []string{r.Name, r.Domain, r.URL, r.Reason})
	}
	env.Render().Table(env.Stdout, []string{"name", "domain", "from", "why refused"}, rows)
}

func cookieDomain(c jar.Cookie) string {
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
