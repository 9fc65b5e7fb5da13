package interchange

import (
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/openapi"
	"github.com/httpsh/httpsh/session"
)

// exportOpenAPI is `export openapi FILE`: openapi.Infer over every hop of
// every kept exchange (a redirect's hops each document their own
// status), written atomically.
func exportOpenAPI(env *commands.Env, file string, force bool) error {
	es := env.Session.Exchanges()
	if len(es) == 0 {
		return commands.Usagef("no exchanges yet: send some requests, then `export openapi FILE`")
	}
	var xs []openapi.Exchange
	for _, e := range es {
		for _, h := range e.Hops {
			xs = append(xs, hopExchange(h))
		}
	}
	doc, err := openapi.Infer(xs, openapi.InferOptions{})
	if err != nil {
		return commands.Fail(err)
	}
	if err := fileout.WriteFileAtomic(file, append(doc, '\n'), 0o644, force); err != nil {
		return err
	}
	env.Printf("wrote %s: an OpenAPI 3.1 draft of %s (`spec load %s` to use it)\n", file, commands.Plural(len(es), "exchange"), file)
	return nil
}

// hopExchange is one hop as Infer takes it; a body not in memory
// (streamed, spilled) is left out.
func hopExchange(h *session.Hop) openapi.Exchange {
	x := openapi.Exchange{Method: h.Request.Method, URL: h.Request.URL.String(), RequestBody: h.Request.Body}
	for _, l := range h.Request.Lines {
		if l.Name == "Content-Type" {
			x.RequestContentType = l.Value
		}
	}
	if r := h.Response; r != nil {
		x.Status = r.StatusCode
		x.ResponseContentType = r.ContentType()
		if !r.Streamed && !r.Spilled() {
			x.ResponseBody = r.Body
		}
	}
	return x
}
