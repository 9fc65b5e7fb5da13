// Package request is the family of commands that build and send HTTP
// requests: the verbs get, head, options, delete, post, put and patch;
// request (any method); prepare, send and prepared (build a request,
// look at it, send it later); and resend (send an exchange's request
// again).
//
// A line's words are a URL and request items (commands.ParseItem), and
// its flags are named after the keyword arguments of Python requests.
// Other families build requests from words through Run and Prepare.
package request

import (
	"context"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// Commands returns the family's commands.
func Commands() []*commands.Command {
	var cmds []*commands.Command
	for _, m := range []string{"get", "head", "options", "delete", "post", "put", "patch"} {
		cmds = append(cmds, verb(m))
	}
	return append(cmds, anyMethod(), prepare(), send(), prepared(), resend())
}

// Run sends a request as `request METHOD WORDS...` does: words are the
// URL, the items and the flags as a line gives them (--json, -H, -o,
// --show...); input is the heredoc input read by @-, or nil. The exchange
// is printed and kept in the session's history; errors are the
// command's, with their exit status.
func Run(ctx context.Context, env *commands.Env, method string, words []string, input *string) error {
	return env.Invoke(ctx, anyMethod(), append([]string{method}, words...), input)
}

// Prepare builds a request as `prepare WORDS...` does, without sending
// it: words are METHOD URL [ITEM...] and the flags as a line gives them
// (--name, --no-session, -H...); input is the heredoc input read by @-, or
// nil. The request is printed with the origin of each header and kept
// for `send`.
func Prepare(ctx context.Context, env *commands.Env, words []string, input *string) error {
	return env.Invoke(ctx, prepare(), words, input)
}

// SendPrepared sends p, a request another family built and prepared
// itself (session.Session.Prepare: a .http or HAR request, with its
// headers and body bytes as given, not re-split into words), as `send`
// does: the exchange is printed with the session's show setting, kept in
// the history, and a 4xx/5xx fails only under `set raise on`. p.Rebuild
// is not called: p is sent as it is.
func SendPrepared(ctx context.Context, env *commands.Env, p *session.Prepared) error {
	return sendAndShow(ctx, env, p, &display{})
}

// options are the flags of get, post, ..., request and prepare, named
// after the keyword arguments of Python requests.
type options struct {
	params, headers, files, cookies []string
	json, data, auth, bearer, proxy string
	timeouts                        commands.TimeoutFlags
	form, follow, noFollow          bool
	insecure                        bool
	maxRedirects                    int
	wire                            wireFlags
	display
}

// requestFlags registers the flags of the verbs, request and prepare into o.
func requestFlags(fs *pflag.FlagSet, o *options) {
	commands.ListFlag(fs, &o.params, "params", "", "query parameter `k=v` (same as k==v)")
	commands.ListFlag(fs, &o.headers, "header", "H", "header `'Name: value'` ('Name;' sends Name with an empty value, as curl)")
	commands.HintFlag(fs, "header", commands.HintItem)
	fs.StringVar(&o.json, "json", "", "JSON body: `TEXT|@FILE|@-`, validated before sending")
	commands.HintFlag(fs, "json", commands.HintAtFile)
	fs.BoolVar(&o.form, "form", false, "fields are form-encoded (multipart with files)")
	fs.StringVar(&o.data, "data", "", "raw body as given: `TEXT|@FILE|@-`")
	commands.HintFlag(fs, "data", commands.HintAtFile)
	commands.ListFlag(fs, &o.files, "files", "", "file upload `name=@path[;type=MIME]`")
	commands.HintFlag(fs, "files", commands.HintUpload)
	commands.ListFlag(fs, &o.cookies, "cookie", "", "cookie `name=value` for this request only")
	commands.HintFlag(fs, "cookie", commands.HintCookiePair)
	fs.StringVar(&o.auth, "auth", "", "basic credentials `user[:pass]` for this request")
	fs.StringVar(&o.bearer, "bearer", "", "bearer `TOKEN` for this request")
	o.timeouts.Register(fs, "time limit for the whole request such as `5m` (default: set timeout)",
		"time limit for the headers and each pause such as `30s` (default: set header-timeout)")
	fs.BoolVar(&o.follow, "follow", false, "follow redirects (the default)")
	fs.BoolVar(&o.noFollow, "no-follow", false, "do not follow redirects")
	fs.IntVar(&o.maxRedirects, "max-redirects", -1, "follow at most `N` redirects (default: set max-redirects)")
	commands.ValuesFlag(fs, "max-redirects", "redirects", "0", "5", "10", "30")
	fs.BoolVar(&o.insecure, "insecure", false, "skip TLS verification for this request only")
	o.wire.register(fs)
	fs.StringVar(&o.proxy, "proxy", "", "send this request through proxy `URL` (none: no proxy)")
	o.registerDisplay(fs)
}

// itemArgs hint the words after the URL: request items, repeating.
func itemArgs() []commands.Arg {
	return []commands.Arg{{Hint: commands.HintURL}, {Hint: commands.HintItem, Repeat: true}}
}

// methodArgs hint METHOD URL [ITEM...].
func methodArgs() []commands.Arg {
	return append([]commands.Arg{{Hint: commands.HintMethod}}, itemArgs()...)
}

// verb is the command of one method: get, post...
func verb(m string) *commands.Command {
	method := strings.ToUpper(m)
	return commands.Define(commands.Command{
		Name:  m,
		Usage: m + " URL [ITEM...] [FLAG...]",
		Short: "send " + article(method) + " " + method + " request",
		Long: "Items: Name:Value header (Name: sends none), name==value query parameter, name=value body field (JSON string; a form field with --form), name:=json raw JSON field, name@path file upload (multipart), name=@path field from a file.\n" +
			"URL: absolute, /path joined to base, :8080/x for localhost.",
		Example: exampleFor(m),
		Args:    itemArgs(),
		Max:     commands.Many, // no URL: "get needs a URL" says more than the usage
	}, requestFlags, func(ctx context.Context, env *commands.Env, c *commands.Call, o *options) error {
		return sendLine(ctx, env, o, c.Input, c.Name, method, c.Args)
	})
}

// anyMethod is `request METHOD URL ...`.
func anyMethod() *commands.Command {
	return commands.Define(commands.Command{
		Name:    "request",
		Usage:   "request METHOD URL [ITEM...] [FLAG...]",
		Short:   "send a request with any method",
		Example: "request PURGE /anything",
		Args:    methodArgs(),
		Min:     1,
		Max:     commands.Many,
	}, requestFlags, func(ctx context.Context, env *commands.Env, c *commands.Call, o *options) error {
		if strings.HasPrefix(c.Args[0], "-") || len(c.Args) == 1 { // after --, or no URL
			return c.UsageError()
		}
		return sendLine(ctx, env, o, c.Input, "request", c.Args[0], c.Args[1:])
	})
}

// sendLine builds the request of one line, prepares it through the session
// and sends it.
func sendLine(ctx context.Context, env *commands.Env, o *options, input *string, name, method string, args []string) error {
	b := builder{env: env, o: o, input: input}
	req, err := b.build(name, method, args)
	if err != nil {
		return err
	}
	p, err := env.Session.Prepare(req)
	if err != nil {
		return commands.Usage(err)
	}
	return sendAndShow(ctx, env, p, &o.display)
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

func article(word string) string {
	if strings.ContainsRune("AEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}
