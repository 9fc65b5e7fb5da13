package inspect

import (
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// showTLS prints the TLS connection of e's final response: protocol,
// cipher, ALPN, the server name sent, whether the chain verified (with
// --insecure: whether it would have) and each certificate, all server
// text sanitised. Plain HTTP says so.
func showTLS(env *commands.Env, e *session.Exchange) {
	resp := e.Response()
	info := resp.TLSInfo()
	if info == nil {
		env.Printf("no TLS: exchange %d went over plain HTTP (%s)\n", e.ID, render.Sanitize(session.Redact(e.URL())))
		return
	}
	for _, l := range info.Lines() {
		env.Printf("%s\n", render.Sanitize(l))
	}
}
