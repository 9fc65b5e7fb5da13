package commands_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/hostile"
	"github.com/httpsh/httpsh/session"
)

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
