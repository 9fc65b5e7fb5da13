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

func exportCmd() *commands.Command {
	file := commands.Arg{Hint: commands.HintFile}
	which := []commands.Arg{{Hint: commands.HintFile, Values: []string{"all"}, Desc: "every kept exchange"}, file}
	return commands.Define(commands.Command{
		Name:  "export",
		Usage: "export curl [N] | export http|python|httpie|hurl [N|all] [FILE] | export har [FILE] | export script FILE | export openapi FILE",
		Short: "write requests for other tools: curl, .http, HAR, Python requests, HTTPie, Hurl, an httpsh script, an OpenAPI draft",
		Long: "curl prints a command line that curl runs to the same request (method, URL, every header as sent, body bytes; -L when redirects are followed), " +
			"quoted for a POSIX shell (bash and dash); a body that is not plain text, or is over 64 KiB, comes from a base64 heredoc through `base64 -d`; headers httpsh does not send are removed from curl's defaults. " +
			"http writes the request in the .http format of VS Code REST Client, JetBrains HTTP Client and httpyac, which replay it byte for byte: " +
			"a body that is not safe as text (binary, multipart, a line those tools would read as ### or {{template}}) goes to a file beside FILE, read with `< ./file`; " +
			"a method those tools do not know (PURGE) gets a warning. `http all` writes every kept exchange. " +
			"python writes a script with one requests.Session() that sends the same bytes; httpie writes `http` command lines; " +
			"hurl writes a Hurl file, and with `all` the expect and capture lines that followed each request become its [Asserts] and [Captures]. " +
			"har writes every exchange (each redirect hop an entry) as HAR 1.2, valid under the HAR schema: time is the sum of the timings, one Host header, full cookie attributes, postData.params for forms. " +
			"script writes the lines of this session that succeeded as an httpsh script, credentials redacted. " +
			"openapi writes an OpenAPI 3.1 draft of what the session saw (paths templated where a segment looks like an id, parameters, schemas inferred from the JSON bodies, every status); `spec load` it back and `expect spec` passes on the exchanges it came from. " +
			"N is an exchange number (`history`), the last one by default. Exports include credentials as sent (treat them as secrets), " +
			"but the active environment's secret values (`env`), which are written as {{name}}. " +
			"Files are created, never overwritten unless --force.",
		Sub: []commands.Sub{{Name: "curl", Usage: "export curl [N]", Short: "a curl command line", Max: 1},
			{Name: "http", Usage: "export http [N|all] [FILE]", Short: "a .http request, or all of them", Args: which, Max: 2},
			{Name: "python", Usage: "export python [N|all] [FILE]", Short: "a Python requests script", Args: which, Max: 2},
			{Name: "httpie", Usage: "export httpie [N|all] [FILE]", Short: "HTTPie command lines", Args: which, Max: 2},
			{Name: "hurl", Usage: "export hurl [N|all] [FILE]", Short: "a Hurl file with the session's expect and capture lines", Args: which, Max: 2},
			{Name: "har", Usage: "export har [FILE]", Short: "HAR 1.2 of all exchanges", Args: []commands.Arg{file}, Max: 1},
			{Name: "script", Usage: "export script FILE", Short: "this session's lines as a script", Args: []commands.Arg{file}, Min: 1, Max: 1},
			{Name: "openapi", Usage: "export openapi FILE", Short: "an OpenAPI 3.1 draft of the exchanges", Args: []commands.Arg{file}, Min: 1, Max: 1}},
		NeedSub:  true,
		Unlogged: true,
		Example:  "post /post name=luke\nexport curl\nexport http 1 req.http\nexport python all replay.py\nexport har session.har",
	}, func(fs *pflag.FlagSet, o *exportOptions) {
		fs.BoolVar(&o.force, "force", false, "overwrite FILE")
	}, runExport)
}

func runExport(_ context.Context, env *commands.Env, c *commands.Call, o *exportOptions) error {
	rest := c.Args
	switch c.Sub.Name {
	case "http":
		return exportHTTP(env, rest, o.force)
	case "python", "httpie", "hurl":
		return exportPeer(env, c.Sub.Name, rest, o.force)
	case "curl":
		return exportOne(env, c, o.force)
	case "har":
		b, err := harOf(env)
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

// exportOne is `export curl [N]`.
func exportOne(env *commands.Env, c *commands.Call, force bool) error {
	n, file, err := numberAndFile(c.Args)
	if err != nil {
		return err
	}
	e, err := env.Exchange(n)
	if err != nil {
		return err
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
