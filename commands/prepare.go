package commands

import (
	"context"
	"fmt"
	"io"
	"sort"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

func prepareCommands() []*Command {
	return []*Command{
		{
			Name:  "prepare",
			Usage: "prepare [--name NAME] [--no-session] METHOD URL [ITEM...] [FLAG...]",
			Short: "build a request as send will put it on the wire, and show where each header comes from",
			Long: "The session's headers, credentials and matching cookies are merged in, each line annotated with its origin. " +
				"With --no-session the request is built from the line alone, like requests' Request.prepare(): the URL is still joined to base, " +
				"but no session header, credential or jar cookie is added, and `send` adds none either. `send` sends it. " +
				"Jar cookies that do not go to the URL are listed under the headers with the reason; --why-not NAME looks at every jar cookie called NAME: sent, or why not (domain, path, Secure, expired).",
			Example: "prepare GET /cookies\nsend\nprepare --no-session GET /cookies\nprepare GET /get --why-not sessionid",
			LegacyFlags: func(fs *pflag.FlagSet) {
				new(requestFlags).register(fs)
				fs.String("name", "", "keep the request under `NAME` for `send NAME`")
				fs.Bool("no-session", false, "build from the line alone: no session headers, credentials or cookies")
				fs.String("why-not", "", "say whether the jar's cookie `NAME` goes to this URL, and why not")
			},
			LegacyArgs: []string{"method", "url", "item"},
			LegacyRun:  runPrepare,
		},
		{
			Name: "send", Usage: "send [NAME] [-v] [--show PARTS]", Short: "send a prepared request through the session",
			LegacyFlags: func(fs *pflag.FlagSet) {
				fs.BoolP("verbose", "v", false, "also show the request as sent")
				fs.String("show", "", "print only these `parts`")
				fs.Bool("raise", false, "fail on a 4xx/5xx response")
			},
			LegacyRun: runSend,
		},
		{Name: "prepared", Usage: "prepared", Short: "list prepared requests", LegacyRun: runPrepared},
	}
}

func runPrepare(_ context.Context, x *Executor, c *Call) error {
	var f requestFlags
	fs := pflag.NewFlagSet("prepare", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	name := fs.String("name", "", "")
	noSession := fs.Bool("no-session", false, "")
	whyNot := fs.String("why-not", "", "")
	args, err := parseFlags("prepare", fs, c.Args)
	if err != nil {
		return err
	}
	if len(args) < 2 {
		return Usagef("usage: prepare [--name NAME] [--no-session] METHOD URL [ITEM...]")
	}
	req, err := x.buildRequest(args[0], args[1:], &f, c)
	if err != nil {
		return err
	}
	req.NoSession = *noSession
	p, err := x.Session.Prepare(req)
	if err != nil {
		return Usage(err)
	}
	x.Session.Prepared[*name] = p
	x.showPrepared(p)
	if *whyNot != "" {
		x.whyNot(p, *whyNot)
	}
	hint := "send"
	if *name != "" {
		hint = "send " + *name
	}
	fmt.Fprintf(x.Stdout, "\n# prepared; `%s` sends it\n", hint)
	return nil
}

// showPrepared prints p with the origin of each header as a comment.
func (x *Executor) showPrepared(p *session.Prepared) {
	r := x.Render()
	w := x.Stdout
	wire := session.Wire{Method: p.Method, URL: p.URL, Proto: "HTTP/1.1"}
	r.RequestLine(w, p.Method, render.WireTarget(&wire), "HTTP/1.1")
	fs := []render.Field{{Name: "Host", Value: p.URL.Host}}
	notes := []string{"URL"}
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
		_, skipped := x.Session.Jar.Match(p.URL)
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
func (x *Executor) whyNot(p *session.Prepared, name string) {
	w := x.Stdout
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
	sent, skipped := x.Session.Jar.Match(p.URL)
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

func runSend(ctx context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("send")
	fs := cmd.FlagSet()
	args, err := parseFlags("send", fs, c.Args)
	if err != nil {
		return err
	}
	if len(args) > 1 {
		return Usagef("usage: send [NAME]")
	}
	name := ""
	if len(args) == 1 {
		name = args[0]
	}
	p, ok := x.Session.Prepared[name]
	if !ok {
		if name == "" {
			return Usagef("nothing prepared: use `prepare METHOD URL` first")
		}
		return Usagef("no prepared request %q (`prepared` lists them)", name)
	}
	var f requestFlags
	f.verbose, _ = fs.GetBool("verbose")
	f.show, _ = fs.GetString("show")
	f.raise, _ = fs.GetBool("raise")
	if f.show != "" {
		if _, err := session.ParseShow(f.show); err != nil {
			return Usagef("--show: %v", err)
		}
	}
	return x.sendAndShow(ctx, p, &f)
}

func runPrepared(_ context.Context, x *Executor, c *Call) error {
	if len(x.Session.Prepared) == 0 {
		x.printf("nothing prepared\n")
		return nil
	}
	names := make([]string, 0, len(x.Session.Prepared))
	for n := range x.Session.Prepared {
		names = append(names, n)
	}
	sort.Strings(names)
	var rows [][]string
	for _, n := range names {
		p := x.Session.Prepared[n]
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
	x.Render().Table(x.Stdout, []string{"name", "method", "url", "built with"}, rows)
	return nil
}
