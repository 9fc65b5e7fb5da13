package interchange

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

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
			"Options: -X/--request, -H/--header (also @FILE, 'Name;' for an empty value, 'Name:' to remove one), " +
			"-d/--data/--data-ascii (@FILE read from the current folder without CR and LF), --data-binary (@FILE as is), --data-raw (literal), " +
			"--data-urlencode (content, =content, name=content, @FILE, name@FILE), --json, -F/--form (multipart, in order: name=value, name=@FILE, name=<FILE, ;type=, ;filename=), " +
			"--form-string, -u/--user, -b/--cookie name=value (repeated: joined), -A/--user-agent, -e/--referer, -G/--get, -I/--head, --url, -k/--insecure, -L/--location, --max-redirs, " +
			"-m/--max-time, -o/--output, --compressed; combined short flags (-sSLk); output-only options (-s, -S, -v, -i, --http1.1, --http2, ...) are ignored. " +
			"The body is built as curl builds it; a multipart or binary one is prepared but left off the printed line. " +
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
	headers, cookies                   []string
	data                               []curlData
	form                               []curlPart
	get, head, insecure, follow, json  bool
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
	if input != nil && !plainText(*input) {
		// A multipart or binary body cannot be typed back: say so and
		// show the line without it.
		env.Printf("# the %d-byte body (multipart or not text) is prepared exactly as curl builds it; the line below leaves it out\n", len(*input))
		env.Printf("%s\n\n", printable(httpshLine(args[:len(args)-2], nil)))
	} else {
		env.Printf("%s\n\n", printable(httpshLine(args, input)))
	}
	return request.Prepare(ctx, env, args, input)
}

// plainText reports whether s reads back the same from a heredoc: UTF-8
// with no control character but newline and tab.
func plainText(s string) bool {
	return utf8.ValidString(s) && printable(s) == s
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
	case "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "--json":
		return func(v string) {
			cr.data = append(cr.data, curlData{option: name, value: v})
			cr.json = cr.json || name == "--json"
		}, true
	case "-F", "--form", "--form-string":
		return func(v string) { cr.form = append(cr.form, curlPart{value: v, literal: name == "--form-string"}) }, true
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
			var err error
			if name, value, hasValue, err = cr.shortFlags(w); err != nil {
				return nil, err
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

// shortFlags reads a word of combined short options (-sS, -fsSL,
// -XPOST, -sSLk -o x): the flags before the last are applied; the last
// (or one that takes a value, with the rest of the word as its value) is
// returned for the caller, as curl reads them.
func (cr *curlRequest) shortFlags(w string) (name, value string, hasValue bool, err error) {
	for i := 1; i < len(w); i++ {
		opt := "-" + w[i:i+1]
		if _, takes := cr.valueOption(opt); takes {
			if i+1 < len(w) {
				return opt, w[i+1:], true, nil
			}
			return opt, "", false, nil
		}
		if i == len(w)-1 {
			return opt, "", false, nil
		}
		if !cr.flagOption(opt) {
			return "", "", false, commands.Usagef("import curl: option %s (in %s) is not supported (`help import` lists those that are)", opt, w)
		}
	}
	return w, "", false, nil
}

// httpshArgs are the words of `prepare` for the request, and the body as
// heredoc input.
func (cr *curlRequest) httpshArgs() ([]string, *string, error) {
	method := strings.ToUpper(cr.method)
	u := cr.url
	if !strings.Contains(u, "://") && !strings.HasPrefix(u, "/") {
		u = "http://" + u // curl's default scheme; a /path is joined to base
	}
	if cr.get && len(cr.data) > 0 {
		query, err := curlBody(cr.data)
		if err != nil {
			return nil, nil, err
		}
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u, cr.data = u+sep+lowerEscapes(string(query)), nil
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
	args, typed, err := cr.headerArgs(args)
	if err != nil {
		return nil, nil, err
	}
	for _, ck := range cr.cookies {
		if !strings.Contains(ck, "=") {
			return nil, nil, commands.Usagef("import curl: -b %s reads a cookie file: load it with `cookies load %s` instead", ck, ck)
		}
	}
	if len(cr.cookies) > 0 {
		args = append(args, "-H", "Cookie: "+strings.Join(cr.cookies, ";")) // curl joins -b values so
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
	return cr.bodyArgs(args, typed)
}

// headerArgs adds -H for each curl header: @FILE reads one header a
// line, 'Name;' sends Name empty, 'Name:' removes it. It returns the
// lower-case names typed.
func (cr *curlRequest) headerArgs(args []string) ([]string, map[string]bool, error) {
	typed := map[string]bool{}
	var all []string
	for _, h := range cr.headers {
		path, fromFile := strings.CutPrefix(h, "@")
		if !fromFile {
			all = append(all, h)
			continue
		}
		b, err := readCurlFile("-H", path)
		if err != nil {
			return nil, nil, err
		}
		for _, line := range strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n") {
			if strings.TrimSpace(line) != "" {
				all = append(all, line)
			}
		}
	}
	for _, h := range all {
		if name, ok := strings.CutSuffix(strings.TrimSpace(h), ";"); ok && !strings.Contains(name, ":") {
			typed[strings.ToLower(name)] = true
			args = append(args, "-H", name+";")
			continue
		}
		name, value, ok := strings.Cut(h, ":")
		name, value = strings.TrimSpace(name), strings.TrimSpace(value)
		if !ok || name == "" {
			return nil, nil, commands.Usagef("import curl: header %q: expected 'Name: value'", h)
		}
		switch strings.ToLower(name) {
		case "accept-encoding":
			cr.notes = append(cr.notes, "Accept-Encoding dropped: httpsh asks for gzip, deflate, br and zstd and decodes them")
			continue
		case "content-length":
			continue // computed from the body
		}
		typed[strings.ToLower(name)] = true
		args = append(args, "-H", name+": "+value)
	}
	return args, typed, nil
}

// bodyArgs adds the body curl would send, built here (files read,
// multipart made), as --data @- with the body as input, and the
// Content-Type curl adds unless one was typed.
func (cr *curlRequest) bodyArgs(args []string, typed map[string]bool) ([]string, *string, error) {
	var body []byte
	var typ string
	switch {
	case len(cr.form) > 0 && len(cr.data) > 0:
		return nil, nil, commands.Usagef("import curl: -d and -F cannot be mixed (curl refuses too)")
	case len(cr.form) > 0:
		b, boundary, err := multipartBody(cr.form)
		if err != nil {
			return nil, nil, err
		}
		body, typ = b, "multipart/form-data; boundary="+boundary
		args = withBoundary(args, boundary)
	case len(cr.data) > 0:
		b, err := curlBody(cr.data)
		if err != nil {
			return nil, nil, err
		}
		body, typ = b, "application/x-www-form-urlencoded"
		if cr.json {
			typ = "application/json"
			if !typed["accept"] {
				args = append(args, "-H", "Accept: application/json")
			}
		}
	default:
		return args, nil, nil
	}
	if !typed["content-type"] {
		args = append(args, "-H", "Content-Type: "+typ)
	}
	in := string(body)
	return append(args, "--data", "@-"), &in, nil
}

// withBoundary adds the boundary to a typed multipart Content-Type that
// has none, as curl does.
func withBoundary(args []string, boundary string) []string {
	for i, a := range args {
		name, value, _ := strings.Cut(a, ":")
		if i > 0 && args[i-1] == "-H" && strings.EqualFold(name, "Content-Type") &&
			strings.HasPrefix(strings.TrimSpace(strings.ToLower(value)), "multipart/") && !strings.Contains(value, "boundary=") {
			args[i] = a + "; boundary=" + boundary
		}
	}
	return args
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
