package request

import (
	"context"
	"fmt"
	"sort"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// prepareOptions are prepare's flags: the request's, and where to keep it.
type prepareOptions struct {
	options
	name, whyNot string
	noSession    bool
}

func prepareFlags(fs *pflag.FlagSet, o *prepareOptions) {
	requestFlags(fs, &o.options)
	fs.StringVar(&o.name, "name", "", "keep the request under `NAME` for `send NAME`")
	fs.BoolVar(&o.noSession, "no-session", false, "build from the line alone: no session headers, credentials or cookies")
	fs.StringVar(&o.whyNot, "why-not", "", "say whether the jar's cookie `NAME` goes to this URL, and why not")
}

func prepare() *commands.Command {
	return commands.Define(commands.Command{
		Name:  "prepare",
		Usage: "prepare [--name NAME] [--no-session] METHOD URL [ITEM...]",
		Short: "build a request as send will put it on the wire, and show where each header comes from",
		Long: "The session's headers, credentials and matching cookies are merged in, each line annotated with its origin. " +
			"With --no-session the request is built from the line alone, like requests' Request.prepare(): the URL is still joined to base, " +
			"but no session header, credential or jar cookie is added, and `send` adds none either. `send` sends it. " +
			"Jar cookies that do not go to the URL are listed under the headers with the reason; --why-not NAME looks at every jar cookie called NAME: sent, or why not (domain, path, Secure, expired).",
		Example: "prepare GET /cookies\nsend\nprepare --no-session GET /cookies\nprepare GET /get --why-not sessionid",
		Args:    methodArgs(),
		Min:     2,
		Max:     commands.Many,
	}, prepareFlags, runPrepare)
}

func runPrepare(_ context.Context, env *commands.Env, c *commands.Call, o *prepareOptions) error {
	b := builder{env: env, o: &o.options, input: c.Input}
	req, err := b.build(c.Name, c.Args[0], c.Args[1:])
	if err != nil {
		return err
	}
	req.NoSession = o.noSession
	p, err := env.Session.Prepare(req)
	if err != nil {
		return commands.Usage(err)
	}
	if err := env.CheckRequest(p, "prepared"); err != nil {
		return err
	}
	env.Session.Prepared[o.name] = p
	showPrepared(env, p)
	if o.whyNot != "" {
		whyNot(env, p, o.whyNot)
	}
	hint := "send"
	if o.name != "" {
		hint = "send " + o.name
	}
	env.Printf("\n# prepared; `%s` sends it\n", hint)
	return nil
}

// showPrepared prints p with the origin of each header as a comment.
func showPrepared(env *commands.Env, p *session.Prepared) {
	r := env.Render()
	w := env.Stdout
	wire := session.Wire{Method: p.Method, URL: p.URL, Proto: "HTTP/1.1"}
	r.RequestLine(w, p.Method, render.WireTarget(&wire), "HTTP/1.1")
	var fs []render.Field
	var notes []string
	if _, typed := p.Header("Host"); !typed {
		fs, notes = []render.Field{{Name: "Host", Value: p.URL.Host}}, []string{"URL"}
	}
	for _, l := range p.Lines {
		fs = append(fs, render.Field{Name: l.Name, Value: l.Value})
		notes = append(notes, l.Origin)
	}
	r.AnnotatedHeaders(w, fs, notes)
	for _, n := range p.Notes {
		fmt.Fprintf(w, "# %s\n", render.Sanitize(n))
	}
	if p.NoSession {
		fmt.Fprintf(w, "# built without the session: no session headers, credentials or jar cookies\n")
	} else {
		_, skipped := env.Session.Jar.Match(p.URL)
		for _, s := range skipped {
			fmt.Fprintf(w, "# cookie %s not sent: %s\n", render.Sanitize(s.Cookie.Name), render.Sanitize(s.Reason))
		}
	}
	if len(p.Body) > 0 {
		fmt.Fprintln(w)
		ct, _ := p.Header("Content-Type")
		_ = r.Body(w, ct, p.Body)
	}
}

// whyNot says, for each jar cookie called name, whether p sends it and
// if not, why.
func whyNot(env *commands.Env, p *session.Prepared, name string) {
	w := env.Stdout
	shown := render.Sanitize(name)
	for _, c := range p.Cookies {
		if c.Name == name {
			fmt.Fprintf(w, "# why-not %s: given with --cookie for this request only\n", shown)
		}
	}
	if p.NoSession {
		fmt.Fprintf(w, "# why-not %s: --no-session leaves every jar cookie out\n", shown)
		return
	}
	sent, skipped := env.Session.Jar.Match(p.URL)
	found := false
	for _, c := range sent {
		if c.Name == name {
			found = true
			fmt.Fprintf(w, "# why-not %s: sent (domain %s, path %s)\n", shown, render.Sanitize(c.Domain), render.Sanitize(c.Path))
		}
	}
	for _, s := range skipped {
		if s.Cookie.Name == name {
			found = true
			fmt.Fprintf(w, "# why-not %s: not sent (domain %s, path %s): %s\n", shown, render.Sanitize(s.Cookie.Domain), render.Sanitize(s.Cookie.Path), s.Reason)
		}
	}
	if !found {
		fmt.Fprintf(w, "# why-not %s: the jar has no cookie of that name (`cookies` lists them)\n", shown)
	}
}

func send() *commands.Command {
	return commands.Define(commands.Command{
		Name: "send", Usage: "send [NAME]", Short: "send a prepared request through the session",
		Args: []commands.Arg{{Hint: commands.HintPrepared}},
		Max:  1,
	}, func(fs *pflag.FlagSet, d *display) {
		d.registerShown(fs, "print only these `parts`")
	}, func(ctx context.Context, env *commands.Env, c *commands.Call, d *display) error {
		name := ""
		if len(c.Args) == 1 {
			name = c.Args[0]
		}
		p, ok := env.Session.Prepared[name]
		if !ok {
			if name == "" {
				return commands.Usagef("nothing prepared: use `prepare METHOD URL` first")
			}
			return commands.Usagef("no prepared request %q (`prepared` lists them)", name)
		}
		if err := d.checkShow(); err != nil {
			return err
		}
		if p.Rebuild != nil {
			np, err := p.Rebuild()
			if err != nil {
				return commands.Usage(err)
			}
			p = np
		}
		return sendAndShow(ctx, env, p, d)
	})
}

func prepared() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "prepared", Usage: "prepared", Short: "list prepared requests",
	}, func(_ context.Context, env *commands.Env, _ *commands.Call) error {
		if len(env.Session.Prepared) == 0 {
			env.Printf("nothing prepared\n")
			return nil
		}
		names := make([]string, 0, len(env.Session.Prepared))
		for n := range env.Session.Prepared {
			names = append(names, n)
		}
		sort.Strings(names)
		var rows [][]string
		for _, n := range names {
			p := env.Session.Prepared[n]
			label := n
			if label == "" {
				label = "(last)"
			}
			scope := "session"
			if p.NoSession {
				scope = "no session"
			}
			rows = append(rows, []string{label, p.Method, session.Redact(p.URL), scope})
		}
		env.Render().Table(env.Stdout, []string{"name", "method", "url", "built with"}, rows)
		return nil
	})
}

func resend() *commands.Command {
	return commands.Define(commands.Command{
		Name: "resend", Usage: "resend [N]", Short: "send exchange N's request again (default: the last)",
		Max: 1,
	}, func(fs *pflag.FlagSet, d *display) {
		d.registerDisplay(fs)
	}, func(ctx context.Context, env *commands.Env, c *commands.Call, d *display) error {
		if err := d.checkShow(); err != nil {
			return err
		}
		e, err := env.Exchange(c.Args)
		if err != nil {
			return err
		}
		return sendAndShow(ctx, env, e.Prepared, d)
	})
}

// ResendLast sends the last exchange's request again, as `resend` does
// (expect --retry uses it).
func ResendLast(ctx context.Context, env *commands.Env) error {
	e, err := env.Exchange(nil)
	if err != nil {
		return err
	}
	return sendAndShow(ctx, env, e.Prepared, &display{})
}
