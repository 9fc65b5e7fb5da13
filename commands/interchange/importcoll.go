package interchange

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/request"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/envscope"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/har"
	"github.com/httpsh/httpsh/internal/httpfile"
	"github.com/httpsh/httpsh/internal/postman"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// maxCollection bounds a HAR or Postman file.
const maxCollection = 64 << 20

// The subcommands of import other than curl are commands of their own
// (with typed flags), run through Env.Invoke: import itself takes curl's
// words as they are.
type importHTTPOptions struct{ run bool }

type importHAROptions struct {
	match, script string
	force         bool
}

type importPostmanOptions struct {
	env, scriptDir string
	force          bool
}

func (b *book) importHTTP() *commands.Command {
	return commands.Define(commands.Command{Name: "import http", Usage: "import http FILE [--run]", Min: 1, Max: 1},
		func(fs *pflag.FlagSet, o *importHTTPOptions) {
			fs.BoolVar(&o.run, "run", false, "send every request in order instead of preparing them")
		}, b.runImportHTTP)
}

func (b *book) importHAR() *commands.Command {
	return commands.Define(commands.Command{Name: "import har", Usage: "import har FILE [--match TEXT] [--script OUT.hsh] [--force]", Min: 1, Max: 1},
		func(fs *pflag.FlagSet, o *importHAROptions) {
			fs.StringVar(&o.match, "match", "", "keep only entries whose URL contains `TEXT`")
			fs.StringVar(&o.script, "script", "", "write the requests as the httpsh script `OUT.hsh` instead")
			fs.BoolVar(&o.force, "force", false, "overwrite the script")
		}, b.runImportHAR)
}

func (b *book) importPostman() *commands.Command {
	return commands.Define(commands.Command{Name: "import postman", Usage: "import postman FILE [--env FILE] [--script-dir DIR] [--force]", Min: 1, Max: 1},
		func(fs *pflag.FlagSet, o *importPostmanOptions) {
			fs.StringVar(&o.env, "env", "", "make the Postman environment `FILE` active")
			fs.StringVar(&o.scriptDir, "script-dir", "", "write a script per folder into `DIR` instead")
			fs.BoolVar(&o.force, "force", false, "overwrite the scripts")
		}, b.runImportPostman)
}

// nameOf is r's name, or its number in the file.
func nameOf(r *collection.Request, i int) string {
	if r.Name != "" {
		return r.Name
	}
	return strconv.Itoa(i + 1)
}

// skipped says once per request what of it was not kept (JavaScript).
func skipped(env *commands.Env, r *collection.Request, name string) {
	for _, s := range r.Skipped {
		env.Warnf("%s (%s): %s", render.Sanitize(name), r.Pos, render.Sanitize(s))
	}
}

// prepareAll builds every request first, so a bad one (an unknown
// variable, a missing body file) leaves the prepared requests as they
// were; then keeps them under their names and lists them.
func (b *book) prepareAll(env *commands.Env, reqs []collection.Request, src source, chained bool) error {
	var names map[string]bool
	if chained {
		names = map[string]bool{}
		for i := range reqs {
			names[nameOf(&reqs[i], i)] = true
		}
	}
	ps := make([]*session.Prepared, len(reqs))
	for i := range reqs {
		p, err := b.build(env, &reqs[i], nameOf(&reqs[i], i), src, names)
		if err != nil {
			return commands.Usage(err)
		}
		ps[i] = p
	}
	var rows [][]string
	for i := range reqs {
		name := nameOf(&reqs[i], i)
		skipped(env, &reqs[i], name)
		env.Session.Prepared[name] = ps[i]
		rows = append(rows, []string{name, ps[i].Method, session.Redact(ps[i].URL)})
	}
	env.Render().Table(env.Stdout, []string{"prepared", "method", "url"}, rows)
	env.Printf("# %s; `send NAME` sends one, `prepared` lists them\n", commands.Plural(len(reqs), "request"))
	return nil
}

func (b *book) runImportHTTP(ctx context.Context, env *commands.Env, c *commands.Call, o *importHTTPOptions) error {
	path := c.Args[0]
	data, err := readLimited(path, httpfile.MaxSize)
	if err != nil {
		return err
	}
	f, err := httpfile.Parse(path, data)
	if err != nil {
		return commands.Usage(err)
	}
	for _, s := range f.Skipped {
		env.Warnf("%s: %s", path, render.Sanitize(s))
	}
	src := source{dir: filepath.Dir(path), vars: f.VarMap()}
	if !o.run {
		return b.prepareAll(env, f.Requests, src, true)
	}
	return b.runAll(ctx, env, f.Requests, src)
}

// runAll checks every request (as prepareAll does), then sends them in
// order, each resolved just before it goes so that it can chain on the
// responses before it. It stops at the first failure.
func (b *book) runAll(ctx context.Context, env *commands.Env, reqs []collection.Request, src source) error {
	names := map[string]bool{}
	for i := range reqs {
		names[nameOf(&reqs[i], i)] = true
	}
	for i := range reqs {
		if _, err := b.build(env, &reqs[i], "", src, names); err != nil {
			return commands.Usage(err)
		}
	}
	for i := range reqs {
		name := nameOf(&reqs[i], i)
		skipped(env, &reqs[i], name)
		p, err := b.build(env, &reqs[i], name, src, nil)
		if err != nil {
			return commands.Usage(err)
		}
		if err := request.SendPrepared(ctx, env, p); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) runImportHAR(_ context.Context, env *commands.Env, c *commands.Call, o *importHAROptions) error {
	path := c.Args[0]
	data, err := readLimited(path, maxCollection)
	if err != nil {
		return err
	}
	res, err := har.Read(path, data, har.ReadOptions{Match: o.match})
	if err != nil {
		return commands.Usage(err)
	}
	for _, s := range res.Skipped {
		env.Printf("# skipped: %s\n", render.Sanitize(s))
	}
	if o.script != "" {
		s := &script{path: o.script, literal: true}
		s.header("from "+filepath.Base(path)+" by `import har`: the recorded statuses are checked", nil)
		for i := range res.Requests {
			if err := s.add(&res.Requests[i], i+1); err != nil {
				return commands.Usage(err)
			}
		}
		return writeScript(env, s, o.force, len(res.Requests))
	}
	for _, r := range res.Requests {
		toJar(env.Session, &r)
	}
	return b.prepareAll(env, res.Requests, source{dir: filepath.Dir(path), literal: true}, false)
}

// toJar hands a HAR request's cookies to the session's jar, for its host.
func toJar(s *session.Session, r *collection.Request) {
	u, err := url.Parse(r.URL)
	if err != nil || u.Host == "" || len(r.Cookies) == 0 {
		return
	}
	var cs []*http.Cookie
	for _, c := range r.Cookies {
		cs = append(cs, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	s.Jar.SetCookies(u, cs)
}

// writeScript writes a script's side files, then the script, each
// atomically and refusing to overwrite without force.
func writeScript(env *commands.Env, s *script, force bool, n int) error {
	dir := filepath.Dir(s.path)
	for _, f := range s.files {
		if err := fileout.WriteFileAtomic(filepath.Join(dir, f.Name), f.Data, 0o600, force); err != nil {
			return err
		}
	}
	if err := fileout.WriteFileAtomic(s.path, []byte(s.b.String()), 0o600, force); err != nil {
		return err
	}
	env.Printf("wrote %s (%s)\n", s.path, commands.Plural(n, "request"))
	return nil
}

func (b *book) runImportPostman(_ context.Context, env *commands.Env, c *commands.Call, o *importPostmanOptions) error {
	path := c.Args[0]
	data, err := readLimited(path, maxCollection)
	if err != nil {
		return err
	}
	col, err := postman.Read(path, data)
	if err != nil {
		return commands.Usage(err)
	}
	if o.env != "" {
		edata, err := readLimited(o.env, maxCollection)
		if err != nil {
			return err
		}
		name, vars, err := postman.ReadEnvironment(o.env, edata)
		if err != nil {
			return commands.Usage(err)
		}
		if _, err := envscope.Activate(env.Session, env.Getenv, name, vars, nil); err != nil {
			return commands.Fail(err)
		}
		env.Printf("environment %s: %s\n", render.Sanitize(name), commands.Plural(len(vars), "variable"))
	}
	for _, s := range col.Skipped {
		env.Warnf("%s: %s", path, render.Sanitize(s))
	}
	vars := map[string]string{}
	var pairs [][2]string
	for _, v := range col.Vars {
		vars[v.Name] = v.Value
		pairs = append(pairs, [2]string{v.Name, v.Value})
	}
	if o.scriptDir == "" {
		return b.prepareAll(env, col.Requests, source{dir: filepath.Dir(path), vars: vars}, true)
	}
	return postmanScripts(env, col, pairs, o)
}

// postmanScripts writes one script per folder of col into o.scriptDir:
// requests at the top go to COLLECTION.hsh, those of folder A/B to A-B.hsh.
func postmanScripts(env *commands.Env, col *postman.Collection, vars [][2]string, o *importPostmanOptions) error {
	if err := os.MkdirAll(o.scriptDir, 0o755); err != nil {
		return commands.Failf("--script-dir: %w", err)
	}
	byFolder := map[string]*script{}
	var order []string
	counts := map[string]int{}
	for i := range col.Requests {
		r := &col.Requests[i]
		folder := col.Name
		if j := strings.LastIndexByte(r.Name, '/'); j >= 0 {
			folder = r.Name[:j]
		}
		s, ok := byFolder[folder]
		if !ok {
			s = &script{path: filepath.Join(o.scriptDir, fileName(folder)+".hsh")}
			s.header(fmt.Sprintf("%s from %s by `import postman`", folder, col.Name), vars)
			byFolder[folder], order = s, append(order, folder)
		}
		counts[folder]++
		if err := s.add(r, counts[folder]); err != nil {
			return commands.Usage(err)
		}
		skipped(env, r, r.Name)
	}
	for _, f := range order {
		if err := writeScript(env, byFolder[f], o.force, counts[f]); err != nil {
			return err
		}
	}
	return nil
}

// fileName makes a folder path a file name: letters, digits, . _ and -.
func fileName(s string) string {
	out := []rune(s)
	for i, r := range out {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			out[i] = '-'
		}
	}
	if len(out) == 0 || out[0] == '.' {
		return "collection" + string(out)
	}
	return string(out)
}
