package request_test

import (
	"bytes"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/scripttest"
	"github.com/httpsh/httpsh/session"
)

func TestMain(m *testing.M) { scripttest.Main(m) }

// TestScripts runs testdata/*.txtar: one behaviour of the family each.
func TestScripts(t *testing.T) { scripttest.Run(t, "testdata", nil) }

// newTestExecutor runs the whole language against base (the tests show a
// request with other families' commands: save, show), with the
// environment empty.
func newTestExecutor(t testing.TB, base string) (*commands.Executor, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	s := session.New("httpsh-test")
	t.Cleanup(s.Close)
	u, err := session.Resolve(nil, base)
	if err != nil {
		t.Fatal(err)
	}
	s.Base = u
	var out, errOut bytes.Buffer
	x := commands.NewExecutor(s, all.Registry(), &out, &errOut)
	x.Getenv = func(string) string { return "" }
	return x, &out, &errOut
}
