// Package scripttest is the one harness for the testdata/*.txtar scripts
// of the command families and the program: each script runs `httpsh`
// (repl.Main, in-process) against a fresh playground. It is imported by
// tests only.
//
// A family's test file has:
//
//	func TestMain(m *testing.M) { scripttest.Main(m) }
//	func TestScripts(t *testing.T) { scripttest.Run(t, "testdata", nil) }
package scripttest

import (
	"bytes"
	"os"
	"testing"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/commands/all"
	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/repl"
	"github.com/httpsh/httpsh/session"
	"github.com/rogpeppe/go-internal/testscript"
)

// Main registers the httpsh command for the scripts and runs the tests.
func Main(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"httpsh": func() { os.Exit(repl.Main(os.Args[1:], repl.StdStreams())) },
	})
}

// Options adjust a run: extra environment and commands, and whether the
// scripts' golden parts are rewritten (-update).
type Options struct {
	Env    map[string]string
	Cmds   map[string]func(ts *testscript.TestScript, neg bool, args []string)
	Update bool
}

// Run runs dir/*.txtar. Each script gets a fresh playground (go-httpbin
// on 127.0.0.1) in $PLAYGROUND, HOME and the XDG folders inside its work
// directory, and NO_COLOR empty.
func Run(t *testing.T, dir string, o *Options) {
	if o == nil {
		o = &Options{}
	}
	testscript.Run(t, testscript.Params{
		Dir:           dir,
		UpdateScripts: o.Update,
		Setup: func(env *testscript.Env) error {
			pg, err := playground.Start(0)
			if err != nil {
				return err
			}
			env.Defer(func() { _ = pg.Close() })
			env.Setenv("PLAYGROUND", pg.URL)
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_STATE_HOME", env.WorkDir+"/home/.local/state")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/home/.cache")
			env.Setenv("XDG_DATA_HOME", env.WorkDir+"/home/.local/share")
			env.Setenv("NO_COLOR", "")
			for k, v := range o.Env {
				env.Setenv(k, v)
			}
			return nil
		},
		Cmds: o.Cmds,
	})
}

// Executor runs the whole language on a new session whose base is base
// ("" for none), writing to the returned stdout and stderr buffers, with
// an empty environment. The session is closed when t ends.
func Executor(t testing.TB, base string) (*commands.Executor, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	s := session.New("httpsh-test")
	t.Cleanup(s.Close)
	if base != "" {
		u, err := session.Resolve(nil, base)
		if err != nil {
			t.Fatal(err)
		}
		s.Base = u
	}
	var out, errOut bytes.Buffer
	x := commands.NewExecutor(s, all.Registry(), &out, &errOut)
	x.Getenv = func(string) string { return "" }
	return x, &out, &errOut
}
