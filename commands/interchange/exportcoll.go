package interchange

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/export"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/httpfile"
	"github.com/httpsh/httpsh/session"
)

// requestOf is the request of exchange e as a collection request: the
// headers as prepared but the defaults every peer sends itself
// (User-Agent, Accept-Encoding) and Content-Length, the body bytes. The
// active environment's secret values become {{name}}; hidden says so.
func requestOf(env *commands.Env, p *session.Prepared, name string) (r collection.Request, hidden bool) {
	hide := env.Session.Env.Hide
	r = collection.Request{Name: name, Method: p.Method, URL: hide(p.URL.String())}
	hidden = r.URL != p.URL.String()
	for _, l := range p.Lines {
		if l.Origin == "default" && !strings.EqualFold(l.Name, "Accept") || strings.EqualFold(l.Name, "Content-Length") {
			continue
		}
		v := hide(l.Value)
		hidden = hidden || v != l.Value
		r.Headers = append(r.Headers, collection.Header{Name: l.Name, Value: v})
	}
	if len(p.Body) > 0 {
		r.Body = collection.Body{Kind: collection.Bytes, Bytes: p.Body}
		if b := hide(string(p.Body)); b != string(p.Body) {
			r.Body.Bytes, hidden = []byte(b), true
		}
	}
	if p.Options.Follow != nil && !*p.Options.Follow {
		r.Settings = map[string]string{"no-redirect": ""}
	}
	return r, hidden
}

// exchangeRequests are the requests of every kept exchange, numbered by
// exchange, or of exchange N alone.
func exchangeRequests(env *commands.Env, n []string, all bool) ([]collection.Request, bool, error) {
	var es []*session.Exchange
	if all {
		es = env.Session.Exchanges()
		if len(es) == 0 {
			return nil, false, commands.Usagef("no exchanges yet: send a request first, e.g. `get /get`")
		}
	} else {
		e, err := env.Exchange(n)
		if err != nil {
			return nil, false, err
		}
		es = []*session.Exchange{e}
	}
	var reqs []collection.Request
	hidden := false
	for _, e := range es {
		name := ""
		if all {
			name = fmt.Sprintf("#%d %s", e.ID, e.Summary())
		}
		r, h := requestOf(env, e.Prepared, name)
		reqs, hidden = append(reqs, r), hidden || h
	}
	return reqs, hidden, nil
}

// writeOutput writes text and its side files beside file (atomically,
// side files first), or prints text when file is "" (side files are then
// an error: they need a folder).
func writeOutput(env *commands.Env, file string, text []byte, files []httpfile.SideFile, warnings []string, force bool) error {
	for _, w := range warnings {
		env.Warnf("%s", w)
	}
	if file == "" && len(files) > 0 {
		return commands.Usagef("these requests need %s beside the output: give a FILE", commands.Plural(len(files), "side file"))
	}
	dir := filepath.Dir(file)
	for _, f := range files {
		if err := fileout.WriteFileAtomic(filepath.Join(dir, f.Name), f.Data, 0o600, force); err != nil {
			return err
		}
		env.Printf("wrote %s\n", filepath.Join(dir, f.Name))
	}
	return writeOrPrint(env, file, string(text), force)
}

// exportJob is what an export of `[N|all] [FILE]` works on: the
// requests, whether all exchanges were asked for, the output file ("":
// print), the side files' name prefix, and whether environment secrets
// were written as {{name}}.
type exportJob struct {
	reqs   []collection.Request
	all    bool
	file   string
	prefix string
	hidden bool
}

// newExportJob reads `[N|all] [FILE]`.
func newExportJob(env *commands.Env, rest []string) (*exportJob, error) {
	j := &exportJob{all: len(rest) > 0 && rest[0] == "all", prefix: "body"}
	if j.all {
		rest = rest[1:]
	}
	n, file, err := numberAndFile(rest)
	if err != nil {
		return nil, err
	}
	if j.reqs, j.hidden, err = exchangeRequests(env, n, j.all); err != nil {
		return nil, err
	}
	if j.file = file; file != "" {
		j.prefix = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	return j, nil
}

// exportHTTP is `export http [N|all] [FILE]` through httpfile.Write.
func exportHTTP(env *commands.Env, rest []string, force bool) error {
	j, err := newExportJob(env, rest)
	if err != nil {
		return err
	}
	out, err := httpfile.Write(j.reqs, httpfile.WriteOptions{SideFiles: j.file != "", Prefix: j.prefix, Templates: j.hidden})
	if err != nil {
		return commands.Usage(err)
	}
	warnSecrets(env, j.hidden)
	text := out.Text
	if !j.all {
		text = bytes.TrimPrefix(text, []byte("###\n")) // one request needs no separator
	}
	return writeOutput(env, j.file, text, out.Files, out.Warnings, force)
}

// exportPeer is `export python|httpie|hurl [N|all] [FILE]`.
func exportPeer(env *commands.Env, kind string, rest []string, force bool) error {
	j, err := newExportJob(env, rest)
	if err != nil {
		return err
	}
	var out *export.Output
	switch kind {
	case "python":
		out = export.Python(j.reqs)
	case "httpie":
		out = export.HTTPie(j.reqs, j.prefix)
	default:
		if j.all {
			attachChecks(env, j.reqs)
		}
		out = export.Hurl(j.reqs, j.prefix)
	}
	warnSecrets(env, j.hidden)
	return writeOutput(env, j.file, out.Text, out.Files, out.Warnings, force)
}

func warnSecrets(env *commands.Env, hidden bool) {
	if hidden {
		env.Warnf("secret values of environment %s are written as {{name}}, not in clear", env.Session.Env.Name)
	}
}
