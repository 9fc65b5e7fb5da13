package commands_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

// evilServers starts the servers whose every field is hostile and returns
// the lines that show each field.
func evilServers(t *testing.T) []string {
	text := hostile.Raw(t, hostile.Bytes(hostile.EscapesResponse("text/plain")))
	js := hostile.Raw(t, hostile.Bytes(hostile.EscapesResponse("application/json")))
	badHeader := hostile.Raw(t, hostile.Bytes("HTTP/1.1 200 OK\r\nX-Bad: "+hostile.Evil+"\r\nContent-Length: 0\r\n\r\n"))
	redir := hostile.Server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/again"+hostile.EvilHigh)
		w.WriteHeader(http.StatusFound)
	}))
	notFound := hostile.Raw(t, hostile.Bytes("HTTP/1.1 404 Not"+hostile.Evil+"\r\nContent-Length: 0\r\n\r\n"))
	badLocation := hostile.Raw(t, hostile.Bytes("HTTP/1.1 302 Found\r\nLocation: http://[::1"+hostile.EvilHigh+"\r\nContent-Length: 0\r\n\r\n"))
	return []string{
		"get " + text, "show headers", "show cookies", "show raw", "cookies", "cookies --rejected",
		"get " + text + " -v --stream",
		"get " + js, "json", "json .", "history", "history 1",
		"get " + badHeader,
		"get " + redir.URL + " --max-redirects 2", "show redirects", "show request",
		"get " + notFound, "check", "get " + notFound + " --raise",
		"get " + badLocation,
		"prepare get " + text,
	}
}

// TestServerTextNeverDrivesTheTerminal runs every command that shows
// server text against servers that put escape sequences, C1 controls,
// bidi overrides and invalid UTF-8 in the reason phrase, headers, cookies,
// bodies, JSON strings, Location and error messages: with and without
// colour, nothing unsafe reaches stdout, stderr or the error line.
func TestServerTextNeverDrivesTheTerminal(t *testing.T) {
	lines := evilServers(t)
	for _, colour := range []string{"never", "always"} {
		t.Run(colour, func(t *testing.T) {
			s := session.New("test")
			s.Getenv = func(string) string { return "" }
			defer s.Close()
			s.Settings.Color = colour
			var out, errOut bytes.Buffer
			x := commands.NewExecutor(s, commands.NewRegistry(commands.LegacyCommands()), &out, &errOut)
			x.Getenv = func(string) string { return "" }
			for _, line := range lines {
				out.Reset()
				errOut.Reset()
				err := x.ExecuteLine(context.Background(), line)
				label := colour + ": " + line
				hostile.CheckTerminalSafe(t, label+" (stdout)", out.Bytes(), colour == "always")
				hostile.CheckTerminalSafe(t, label+" (stderr)", errOut.Bytes(), colour == "always")
				if err != nil {
					hostile.CheckTerminalSafe(t, label+" (error)", []byte(commands.ErrorText(err)), false)
				}
			}
		})
	}
}

// TestRejectedCookieShown: a Set-Cookie that net/http cannot parse is
// not dropped silently: `cookies --rejected` shows it, escaped.
func TestRejectedCookieShown(t *testing.T) {
	u := hostile.Raw(t, hostile.Bytes(hostile.EscapesResponse("text/plain")))
	s := session.New("test")
	defer s.Close()
	var out bytes.Buffer
	x := commands.NewExecutor(s, all.Registry(), &out, &out)
	for _, l := range []string{"get " + u, "cookies --rejected"} {
		out.Reset()
		if err := x.ExecuteLine(context.Background(), l); err != nil {
			t.Fatal(err)
		}
	}
	got := out.String()
	if !strings.Contains(got, `c\u009b31m\x9b\xff\u202eevil`) || !strings.Contains(got, "not understood: invalid cookie name") {
		t.Errorf("cookies --rejected:\n%s", got)
	}
}

// TestErrorTextEscapes: whatever an error quotes, its line is safe and
// one line.
func TestErrorTextEscapes(t *testing.T) {
	got := commands.ErrorText(commands.Failf("server said %s\nsecond line", hostile.Evil))
	hostile.CheckTerminalSafe(t, "ErrorText", []byte(got), false)
	if strings.Contains(got, "\n") || !strings.Contains(got, `\x1b[2J`) {
		t.Errorf("ErrorText = %q", got)
	}
}
