package request_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"sync/atomic"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// FuzzResponse sends random reason phrases, header names and values,
// content types and bodies from a real loopback server through the whole
// path (session, commands, renderer) with and without colour: it never
// panics, and nothing unsafe reaches stdout, stderr or the error line.
func FuzzResponse(f *testing.F) {
	f.Add("OK", "X-A", "b", "text/plain", []byte("hello"))
	f.Add("OK"+hostile.Evil, "X-Evil", hostile.EvilHigh, "application/json", []byte(`{"k":"`+hostile.Evil+`"}`))
	f.Add("Found", "Location", "/x"+hostile.EvilHigh, "text/html", []byte("<b>\x1b[31m</b>"))
	f.Add("OK", "Set-Cookie", "a"+hostile.EvilHigh+"=1; Domain=com", "text/event-stream", []byte("data: \x9b\n\n"))
	f.Add("OK", "Content-Encoding", "gzip", "application/octet-stream", []byte{0x1f, 0x8b, 0, 0})
	var current atomic.Value
	current.Store("")
	u := hostile.Raw(f, func(c net.Conn) { _, _ = c.Write([]byte(current.Load().(string))) })
	f.Fuzz(func(t *testing.T, reason, name, value, ctype string, body []byte) {
		code := 200
		if name == "Location" {
			code = 302
		}
		current.Store(fmt.Sprintf("HTTP/1.1 %d %s\r\n%s: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
			code, reason, name, value, ctype, len(body), body))
		for _, colour := range []string{"never", "always"} {
			s := session.New("fuzz")
			s.Getenv = func(string) string { return "" }
			s.Settings.Color = colour
			s.Settings.MaxRedirects = 1
			var out, errOut bytes.Buffer
			x := commands.NewExecutor(s, all.Registry(), &out, &errOut)
			for _, line := range []string{"get " + u + " -v", "show redirects", "cookies --rejected", "json"} {
				err := x.ExecuteLine(context.Background(), line)
				if err != nil {
					hostile.CheckTerminalSafe(t, line+" (error)", []byte(commands.ErrorText(err)), false)
				}
			}
			hostile.CheckTerminalSafe(t, colour+" stdout", out.Bytes(), colour == "always")
			hostile.CheckTerminalSafe(t, colour+" stderr", errOut.Bytes(), colour == "always")
			s.Close()
		}
	})
}
