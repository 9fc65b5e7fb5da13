package interchange

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// exportOptions are the flags of export.
type exportOptions struct {
	force bool
}

func export() *commands.Command {
	file := commands.Arg{Hint: commands.HintFile}
	return commands.Define(commands.Command{
		Name:  "export",
		Usage: "export curl [N] | export http [N|all] [FILE] | export har [FILE] | export script FILE | export openapi FILE",
		Short: "write requests for other tools: a curl command, a .http file, a HAR archive, an httpsh script",
		Long: "curl prints a command line that curl runs to the same request (method, URL, every header as sent, body bytes; -L when redirects are followed), " +
			"quoted for a POSIX shell (bash and dash); a body that is not plain text, or is over 64 KiB, comes from a base64 heredoc through `base64 -d`; headers httpsh does not send are removed from curl's defaults. " +
			"http writes the request in the .http format of VS Code REST Client, JetBrains HTTP Client and httpyac; `http all` writes every kept exchange, separated by ### lines. " +
			"har writes every exchange (each redirect hop an entry) as HAR 1.2, which browsers' dev tools import. " +
			"script writes the lines of this session that succeeded as an httpsh script, credentials redacted. " +
			"openapi writes an OpenAPI 3.1 draft of what the session saw (paths templated where a segment looks like an id, parameters, schemas inferred from the JSON bodies, every status); `spec load` it back and `expect spec` passes on the exchanges it came from. " +
			"N is an exchange number (`history`), the last one by default. curl and http include credentials as sent: treat the output as a secret. " +
			"Files are created, never overwritten unless --force.",
		Sub: []commands.Sub{{Name: "curl", Usage: "export curl [N]", Short: "a curl command line", Max: 1},
			{Name: "http", Usage: "export http [N|all] [FILE]", Short: "a .http request, or all of them",
				Args: []commands.Arg{{Hint: commands.HintFile, Values: []string{"all"}, Desc: "every kept exchange"}, file}, Max: 2},
			{Name: "har", Usage: "export har [FILE]", Short: "HAR 1.2 of all exchanges", Args: []commands.Arg{file}, Max: 1},
			{Name: "script", Usage: "export script FILE", Short: "this session's lines as a script", Args: []commands.Arg{file}, Min: 1, Max: 1},
			{Name: "openapi", Usage: "export openapi FILE", Short: "an OpenAPI 3.1 draft of the exchanges", Args: []commands.Arg{file}, Min: 1, Max: 1}},
		NeedSub:  true,
		Unlogged: true,
		Example:  "post /post name=luke\nexport curl\nexport http 1 req.http\nexport har session.har",
	}, func(fs *pflag.FlagSet, o *exportOptions) {
		fs.BoolVar(&o.force, "force", false, "overwrite FILE")
	}, runExport)
}

func runExport(_ context.Context, env *commands.Env, c *commands.Call, o *exportOptions) error {
	rest := c.Args
	switch c.Sub.Name {
	case "http":
		if len(rest) > 0 && rest[0] == "all" {
			return exportAllHTTP(env, rest[1:], o.force)
		}
		return exportOne(env, c, false, o.force)
	case "curl":
		return exportOne(env, c, true, o.force)
	case "har":
		b, err := har(env)
		if err != nil {
			return err
		}
		file := ""
		if len(rest) == 1 {
			file = rest[0]
		}
		return writeOrPrint(env, file, string(b), o.force)
	case "openapi":
		return exportOpenAPI(env, rest[0], o.force)
	}
	lines := env.Log().Ran()
	if err := env.WriteScript(rest[0], lines, o.force); err != nil {
		return err
	}
	env.Printf("wrote %s to %s\n", commands.Plural(len(lines), "line"), rest[0])
	return nil
}

// exportOne is `export curl [N]` and `export http [N] [FILE]`.
func exportOne(env *commands.Env, c *commands.Call, curl, force bool) error {
	n, file, err := numberAndFile(c.Args)
	if err != nil {
		return err
	}
	e, err := env.Exchange(n)
	if err != nil {
		return err
	}
	if !curl {
		return writeOrPrint(env, file, HTTPFile(e.Prepared), force)
	}
	if file != "" {
		return c.UsageError()
	}
	return writeOrPrint(env, file, CurlCommand(e.Prepared, env.Session.Settings), force)
}

// numberAndFile reads [N] [FILE].
func numberAndFile(args []string) (n []string, file string, err error) {
	if len(args) > 0 {
		if _, aerr := strconv.Atoi(strings.TrimPrefix(args[0], "#")); aerr == nil {
			n, args = args[:1], args[1:]
		}
	}
	switch len(args) {
	case 0:
		return n, "", nil
	case 1:
		return n, args[0], nil
	}
	return nil, "", commands.Usagef("expected [N] [FILE], not %s", strings.Join(args, " "))
}

// writeOrPrint writes text to file, or prints it (control characters
// escaped) when file is "".
func writeOrPrint(env *commands.Env, file, text string, force bool) error {
	if file == "" {
		env.Printf("%s", printable(text))
		if !strings.HasSuffix(text, "\n") {
			env.Printf("\n")
		}
		return nil
	}
	if err := fileout.WriteFileAtomic(file, []byte(text), 0o600, force); err != nil {
		return err
	}
	env.Printf("wrote %s\n", file)
	return nil
}

// printable escapes control characters other than newline and tab.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CurlCommand is a POSIX shell command line (bash and dash run it the
// same) with which curl sends the same request as p: method, URL, every
// header line as prepared (curl's own User-Agent and Accept replaced, or
// removed when p sends none; Content-Type removed when p has none; an
// empty line as curl's 'Name;'), and the body bytes. A plain-text body up
// to maxArgBody bytes goes on the line (--data-raw); any other (binary,
// multipart, larger) comes on curl's standard input from a base64
// heredoc decoded by `base64 -d`, which survives any byte, a leading '-'
// and the kernel's 128 KiB limit on one argument. Redirects are followed
// (-L) when p would follow them under settings.
func CurlCommand(p *session.Prepared, settings session.Settings) string {
	var words []string
	add := func(ws ...string) { words = append(words, ws...) }
	add("curl")
	switch {
	case p.Method == "HEAD":
		add("--head")
	case p.Method == "GET" && len(p.Body) == 0:
	case p.Method == "POST" && len(p.Body) > 0:
	default:
		add("--request", p.Method)
	}
	add(curlHeaders(p)...)
	follow := settings.Follow
	if p.Options.Follow != nil {
		follow = *p.Options.Follow
	}
	if follow {
		add("--location")
		max := settings.MaxRedirects
		if p.Options.MaxRedirects != nil {
			max = *p.Options.MaxRedirects
		}
		add("--max-redirs", strconv.Itoa(max))
	}
	if p.Options.Insecure || !settings.Verify {
		add("--insecure")
	}
	stdin := false
	if sendsBody(p) {
		if textBody(p.Body) && len(p.Body) <= maxArgBody {
			add("--data-raw", string(p.Body)) // literal: no @file, no stripping
		} else {
			stdin = true
			add("--data-binary", "@-")
		}
	}
	add("--url", p.URL.String())
	for i, w := range words {
		words[i] = shellQuote(w)
	}
	line := strings.Join(words, " ")
	if !stdin {
		return line
	}
	return "base64 -d <<'" + bodyWord + "' | " + line + "\n" + base64Lines(p.Body) + bodyWord + "\n"
}

// maxArgBody is the largest text body put on the command line: well
// under Linux's 128 KiB limit on one argument (MAX_ARG_STRLEN).
const maxArgBody = 64 << 10

// bodyWord ends the base64 heredoc; no base64 line can be it.
const bodyWord = "HTTPSH_BODY"

func sendsBody(p *session.Prepared) bool {
	return len(p.Body) > 0 || p.Method == "POST" || p.Method == "PUT" || p.Method == "PATCH"
}

// curlHeaders are the --header words for p's lines. curl's defaults that
// p does not send (User-Agent, Accept; Content-Type for a body) are
// removed with 'Name:'; an empty line is sent with 'Name;'.
func curlHeaders(p *session.Prepared) []string {
	var words []string
	has := map[string]bool{}
	for _, l := range p.Lines {
		name := strings.ToLower(l.Name)
		has[name] = true
		switch {
		case name == "content-length":
			continue
		case name == "accept-encoding":
			words = append(words, "--compressed")
		case l.Value == "":
			words = append(words, "--header", l.Name+";")
			continue
		}
		words = append(words, "--header", l.Name+": "+l.Value)
	}
	for _, d := range []string{"User-Agent", "Accept"} {
		if !has[strings.ToLower(d)] {
			words = append(words, "--header", d+":") // curl would send its own
		}
	}
	if sendsBody(p) && !has["content-type"] {
		words = append(words, "--header", "Content-Type:") // curl would add x-www-form-urlencoded
	}
	return words
}

// base64Lines is b in base64, 76 characters a line, each ending in a
// newline.
func base64Lines(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	var s strings.Builder
	for len(enc) > 76 {
		s.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	if enc != "" {
		s.WriteString(enc + "\n")
	}
	return s.String()
}

// textBody reports a body that can be written inside single quotes and
// shown on a terminal: UTF-8 with no control characters but \n and \t.
func textBody(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

// shellQuote quotes w for a POSIX shell: bare when it is made of safe
// characters, else in single quotes.
func shellQuote(w string) string {
	if w == "" {
		return "''"
	}
	safe := true
	for _, c := range []byte(w) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_./:@%+,", c) >= 0) {
			safe = false
			break
		}
	}
	if safe {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// HTTPFile is p in the .http format (VS Code REST Client, JetBrains,
// httpyac): request line, the headers as prepared but the defaults those
// tools send themselves (User-Agent, Accept-Encoding, Content-Length), a
// blank line and the body. A body that is not text is left out with a
// comment.
func HTTPFile(p *session.Prepared) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\n", p.Method, p.URL.String())
	for _, l := range p.Lines {
		if l.Origin == "default" && !strings.EqualFold(l.Name, "Accept") || strings.EqualFold(l.Name, "Content-Length") {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", l.Name, l.Value)
	}
	switch {
	case len(p.Body) == 0:
	case textBody(p.Body):
		b.WriteString("\n")
		b.Write(p.Body)
		if !strings.HasSuffix(string(p.Body), "\n") {
			b.WriteString("\n")
		}
	default:
		fmt.Fprintf(&b, "\n# a %d-byte binary body is not written: .http files hold text\n", len(p.Body))
	}
	return b.String()
}

// exportAllHTTP writes every kept exchange's request as one .http file,
// the requests separated by "###" lines as those tools expect.
func exportAllHTTP(env *commands.Env, rest []string, force bool) error {
	es := env.Session.Exchanges()
	if len(es) == 0 {
		return commands.Usagef("no exchanges yet: send a request first, e.g. `get /get`")
	}
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "### #%d %s\n", e.ID, e.Summary())
		b.WriteString(HTTPFile(e.Prepared))
	}
	file := ""
	if len(rest) == 1 {
		file = rest[0]
	}
	return writeOrPrint(env, file, b.String(), force)
}
