package interchange

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/request"
)

func importCmd(b *book) *commands.Command {
	file := []commands.Arg{{Hint: commands.HintFile}}
	return commands.Simple(commands.Command{
		Name: "import",
		Usage: "import curl 'curl URL [OPTION...]' | import curl curl URL [OPTION...] | import curl <<END | " +
			"import http FILE [--run] | import har FILE [--match TEXT] [--script OUT.hsh] | import postman FILE [--env FILE] [--script-dir DIR]",
		Short: "bring requests from other tools: a curl command, a .http file, a HAR archive, a Postman collection",
		Long: "http reads a .http file of VS Code REST Client, JetBrains or httpyac and prepares each request under its name (# @name, ### title, or its number): " +
			"`prepared` lists them and `send NAME` sends one, resolved when sent (file variables, the active environment (`env`), {{$uuid}} and the other system variables, " +
			"and {{login.response.body.$.token}} chaining on an earlier response); --run sends them all in order, as `httpsh FILE.http` does. " +
			"JavaScript handlers cannot run: each request says once that its handler was skipped. " +
			"har reads a browser's HAR (Chrome, Firefox): HTTP/2 pseudo-headers and hop-by-hop headers dropped, cookies handed to the jar, bodies from postData; " +
			"--match keeps the entries whose URL contains TEXT; --script writes an httpsh script instead, each recorded status an `expect status` line. " +
			"postman reads a Postman Collection v2.1: variables, auth (basic, bearer, API key), bodies (raw, urlencoded, form-data, file), folders as names (Folder/Request); " +
			"--env makes a Postman environment file active; --script-dir writes a script per folder instead; pre-request and test scripts are listed as skipped. " +
			"A file that cannot be read is one error naming FILE:LINE or its JSON path: nothing is sent and what was prepared before stays. " +
			"curl prints the equivalent httpsh line and prepares the request, so `send` sends it and `prepared` lists it. " +
			"The curl command may be quoted as one word, typed as is after `import curl`, or pasted as the input of a heredoc " +
			"(best for long multi-line pastes; bash's $'...' quoting is understood). " +
			"Options: -X/--request, -H/--header, -d/--data/--data-raw/--data-binary/--data-ascii/--data-urlencode, -F/--form, -u/--user, " +
			"-b/--cookie name=value, -A/--user-agent, -e/--referer, -G/--get, -I/--head, --url, -k/--insecure, -L/--location, --max-redirs, " +
			"-m/--max-time, -o/--output, --compressed; output-only options (-s, -S, -v, -i, --http1.1, --http2, ...) are ignored. " +
			"An Accept-Encoding header is dropped: httpsh asks for gzip and deflate itself and decodes them.",
		Sub: []commands.Sub{{Name: "curl", Usage: "import curl 'curl URL [OPTION...]'", Short: "a curl command line", Max: commands.Many},
			{Name: "http", Usage: "import http FILE [--run]", Short: "a .http file's requests, prepared by name", Args: file, Min: 1, Max: commands.Many},
			{Name: "har", Usage: "import har FILE [--match TEXT] [--script OUT.hsh] [--force]", Short: "a browser's HAR archive", Args: file, Min: 1, Max: commands.Many},
			{Name: "postman", Usage: "import postman FILE [--env FILE] [--script-dir DIR] [--force]", Short: "a Postman Collection v2.1", Args: file, Min: 1, Max: commands.Many}},
		NeedSub: true,
		Example: "import curl curl 'https://httpbin.org/post' -H 'content-type: application/json' --data-raw '{\"a\":1}'\nsend\n" +
			"import http api.http\nsend login\nimport har session.har --match /api/ --script replay.hsh",
	}, func(ctx context.Context, env *commands.Env, c *commands.Call) error {
		switch c.Sub.Name {
		case "http":
			return env.Invoke(ctx, b.importHTTP(), c.Args, c.Input)
		case "har":
			return env.Invoke(ctx, b.importHAR(), c.Args, c.Input)
		case "postman":
			return env.Invoke(ctx, b.importPostman(), c.Args, c.Input)
		}
		return runImport(ctx, env, c)
	})
}

// curlRequest is what a curl command asks for.
type curlRequest struct {
	method, url, user, output, timeout string
	headers, data, form, cookies       []string
	get, head, insecure, follow        bool
	maxRedirs                          string
	notes                              []string
}

func runImport(ctx context.Context, env *commands.Env, c *commands.Call) error {
	words, err := curlWords(c)
	if err != nil {
		return err
	}
	words, err = env.Substitute(words)
	if err != nil {
		return err
	}
	cr, err := parseCurl(words)
	if err != nil {
		return err
	}
	args, input, err := cr.httpshArgs()
	if err != nil {
		return err
	}
	for _, n := range cr.notes {
		env.Printf("# %s\n", n)
	}
	env.Printf("%s\n\n", printable(httpshLine(args, input)))
	return request.Prepare(ctx, env, args, input)
}

// curlWords are the words of the curl command, without "curl".
func curlWords(c *commands.Call) ([]string, error) {
	all, err := commands.SplitDialect(c.Raw, commands.Curl)
	if err != nil {
		return nil, commands.Usagef("import curl: %v", err)
	}
	words := all[min(2, len(all)):] // after "import curl"
	if len(words) == 1 && strings.HasPrefix(strings.TrimSpace(words[0]), "curl ") {
		if words, err = commands.SplitDialect(words[0], commands.Curl); err != nil {
			return nil, commands.Usagef("import curl: %v", err)
		}
	}
	if len(words) == 0 && c.Input != nil {
		if words, err = commands.SplitDialect(*c.Input, commands.Curl); err != nil {
			return nil, commands.Usagef("import curl: %v", err)
		}
	}
	if len(words) == 1 && strings.ContainsAny(strings.TrimSpace(words[0]), " \t\n") {
		first, _, _ := strings.Cut(strings.TrimSpace(words[0]), " ")
		return nil, commands.Usagef("import curl: %q is not a curl command: paste one that starts with curl", first)
	}
	if len(words) > 0 && words[0] == "curl" {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil, commands.Usagef("import curl: no curl command: paste one, e.g. import curl 'curl https://example.com'")
	}
	return words, nil
}

// curlValueOptions take a value; the map gives the field it goes to.
func (cr *curlRequest) valueOption(name string) (func(string), bool) {
	set := func(p *string) func(string) { return func(v string) { *p = v } }
	add := func(p *[]string) func(string) { return func(v string) { *p = append(*p, v) } }
	switch name {
	case "-X", "--request":
		return set(&cr.method), true
	case "-H", "--header":
		return add(&cr.headers), true
	case "-d", "--data", "--data-raw", "--data-binary", "--data-ascii":
		return add(&cr.data), true
	case "--data-urlencode":
		return func(v string) { cr.data = append(cr.data, urlencodeData(v)) }, true
	case "-F", "--form", "--form-string":
		return add(&cr.form), true
	case "-u", "--user":
		return set(&cr.user), true
	case "-b", "--cookie":
		return add(&cr.cookies), true
	case "-A", "--user-agent":
		return func(v string) { cr.headers = append(cr.headers, "User-Agent: "+v) }, true
	case "-e", "--referer":
		return func(v string) { cr.headers = append(cr.headers, "Referer: "+v) }, true
	case "--url":
		return set(&cr.url), true
	case "-o", "--output":
		return set(&cr.output), true
	case "-m", "--max-time":
		return func(v string) { cr.timeout = v + "s" }, true
	case "--max-redirs":
		return set(&cr.maxRedirs), true
	case "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time", "-w", "--write-out", "--limit-rate", "-c", "--cookie-jar", "-D", "--dump-header", "--trace", "--trace-ascii", "--stderr":
		return func(string) { cr.notes = append(cr.notes, name+" ignored") }, true
	}
	return nil, false
}

// flagOption handles options without a value.
func (cr *curlRequest) flagOption(name string) bool {
	switch name {
	case "-G", "--get":
		cr.get = true
	case "-I", "--head":
		cr.head = true
	case "-k", "--insecure":
		cr.insecure = true
	case "-L", "--location":
		cr.follow = true
	case "--compressed", "-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include", "-N", "--no-buffer",
		"--http1.1", "--http1.0", "--http2", "--http2-prior-knowledge", "--http3", "-f", "--fail", "--fail-with-body", "-#", "--progress-bar",
		"-g", "--globoff", "--no-progress-meter", "--location-trusted", "--tr-encoding", "--raw", "-O", "--remote-name":
	default:
		return false
	}
	return true
}

func parseCurl(words []string) (*curlRequest, error) {
	cr := &curlRequest{}
	for i := 0; i < len(words); i++ {
		w := words[i]
		name, value, hasValue := w, "", false
		if strings.HasPrefix(w, "--") {
			name, value, hasValue = strings.Cut(w, "=")
		} else if len(w) > 2 && w[0] == '-' && w[1] != '-' {
			if _, takes := cr.valueOption(w[:2]); takes {
				name, value, hasValue = w[:2], w[2:], true
			}
		}
		if !strings.HasPrefix(name, "-") || name == "-" {
			if cr.url != "" {
				return nil, commands.Usagef("import curl: two URLs (%s and %s): import one request at a time", cr.url, w)
			}
			cr.url = w
			continue
		}
		if set, ok := cr.valueOption(name); ok {
			if !hasValue {
				if i+1 >= len(words) {
					return nil, commands.Usagef("import curl: %s needs a value", name)
				}
				i++
				value = words[i]
			}
			set(value)
			continue
		}
		if !hasValue && cr.flagOption(name) {
			continue
		}
		return nil, commands.Usagef("import curl: option %s is not supported (`help import` lists those that are)", name)
	}
	if cr.url == "" {
		return nil, commands.Usagef("import curl: no URL in the curl command")
	}
	return cr, nil
}

// urlencodeData is curl's --data-urlencode: "name=content" encodes content.
func urlencodeData(v string) string {
	name, content, ok := strings.Cut(v, "=")
	if !ok {
		return queryEscape(v)
	}
	return name + "=" + queryEscape(content)
}

// queryEscape percent-encodes as curl does: everything but unreserved
// characters, space as %20.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// httpshArgs are the words of `prepare` for the request, and the body as
// heredoc input.
func (cr *curlRequest) httpshArgs() ([]string, *string, error) {
	method := strings.ToUpper(cr.method)
	u := cr.url
	if !strings.Contains(u, "://") && !strings.HasPrefix(u, "/") {
		u = "http://" + u // curl's default scheme; a /path is joined to base
	}
	body := strings.Join(cr.data, "&")
	if cr.get && len(cr.data) > 0 {
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u, body, cr.data = u+sep+body, "", nil
	}
	switch {
	case method != "":
	case cr.head:
		method = "HEAD"
	case len(cr.data) > 0 || len(cr.form) > 0:
		method = "POST"
	default:
		method = "GET"
	}
	args := []string{method, u}
	hasType := false
	for _, h := range cr.headers {
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" {
			return nil, nil, commands.Usagef("import curl: header %q: expected 'Name: value'", h)
		}
		switch strings.ToLower(name) {
		case "accept-encoding":
			cr.notes = append(cr.notes, "Accept-Encoding dropped: httpsh asks for gzip, deflate and decodes them")
			continue
		case "content-type":
			hasType = true
		case "content-length", "host":
			continue // computed from the body and URL
		}
		args = append(args, "-H", name+": "+value)
	}
	for _, ck := range cr.cookies {
		if !strings.Contains(ck, "=") {
			return nil, nil, commands.Usagef("import curl: -b %s reads a cookie file: load it with `cookies load %s` instead", ck, ck)
		}
		args = append(args, "-H", "Cookie: "+ck)
	}
	if cr.user != "" {
		args = append(args, "--auth", cr.user)
	}
	if cr.insecure {
		args = append(args, "--insecure")
	}
	if cr.follow {
		args = append(args, "--follow")
	}
	if cr.maxRedirs != "" {
		args = append(args, "--max-redirects", cr.maxRedirs)
	}
	if cr.timeout != "" {
		args = append(args, "--timeout", cr.timeout)
	}
	if cr.output != "" {
		cr.notes = append(cr.notes, fmt.Sprintf("-o %s: add -o %s to the request line (prepare keeps no output file)", cr.output, cr.output))
	}
	return cr.bodyArgs(args, body, hasType)
}

func (cr *curlRequest) bodyArgs(args []string, body string, hasType bool) ([]string, *string, error) {
	if len(cr.form) > 0 {
		if len(cr.data) > 0 {
			return nil, nil, commands.Usagef("import curl: -d and -F cannot be mixed (curl refuses too)")
		}
		args = append(args, "--form")
		for _, f := range cr.form {
			name, value, ok := strings.Cut(f, "=")
			if !ok {
				return nil, nil, commands.Usagef("import curl: -F %q: expected name=value or name=@file", f)
			}
			if path, isFile := strings.CutPrefix(value, "@"); isFile {
				args = append(args, "--files", name+"=@"+path)
				continue
			}
			args = append(args, name+"="+value)
		}
		return args, nil, nil
	}
	if len(cr.data) == 0 {
		return args, nil, nil
	}
	if !hasType {
		args = append(args, "-H", "Content-Type: application/x-www-form-urlencoded")
	}
	args = append(args, "--data", "@-")
	return args, &body, nil
}

// httpshLine is args as a line the shell reads back, with the body as a
// heredoc.
func httpshLine(args []string, input *string) string {
	words := []string{"prepare"}
	for _, a := range args {
		words = append(words, commands.Quote(a))
	}
	if input == nil {
		return strings.Join(words, " ")
	}
	if !strings.ContainsAny(*input, "\n\r") && !strings.HasPrefix(*input, "@") && *input != "" {
		words[len(words)-1] = commands.Quote(*input) // --data TEXT reads the same
		return strings.Join(words, " ")
	}
	line := strings.Join(words, " ")
	word := "END"
	for strings.Contains(*input, word) {
		word += "_"
	}
	in := *input
	if !strings.HasSuffix(in, "\n") {
		in += "\n"
	}
	return line + " <<" + word + "\n" + in + word
}
