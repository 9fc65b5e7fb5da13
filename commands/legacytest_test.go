package commands

import (
	"bytes"
	"testing"

	"github.com/httpsh/httpsh/session"
)

// TestRegistry builds the registry of newTestExecutor: the whole language,
// set by families_test.go (package commands_test), since a test of this
// package cannot import the families, which import it. Transitional: it
// goes with the last internal test that sends requests.
var TestRegistry func() *Registry

// newTestExecutor runs the whole language against base, with the
// environment empty.
func newTestExecutor(t testing.TB, base string) (*Executor, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	s := session.New("httpsh-test")
	t.Cleanup(s.Close)
	u, err := session.Resolve(nil, base)
	if err != nil {
		t.Fatal(err)
	}
	s.Base = u
	var out, errOut bytes.Buffer
	x := NewExecutor(s, TestRegistry(), &out, &errOut)
	x.Getenv = func(string) string { return "" }
	return x, &out, &errOut
}
