package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/httpsh/httpsh/internal/playground"
	"github.com/httpsh/httpsh/repl"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"httpsh": func() { os.Exit(repl.Main(os.Args[1:], repl.StdStreams())) },
	})
}

// TestScripts runs testdata/script/*.txtar: each gets a fresh playground
// (go-httpbin on 127.0.0.1) in $PLAYGROUND, the JUnit schema
// (testdata/junit.xsd) in $JUNIT_XSD, and HOME/XDG dirs inside its work
// directory. `go test -run TestScripts -update` rewrites the golden parts
// of the scripts.
func TestScripts(t *testing.T) {
	xsd, err := filepath.Abs(filepath.Join("testdata", "junit.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			pg, err := playground.Start(0)
			if err != nil {
				return err
			}
			env.Defer(func() { _ = pg.Close() })
			env.Setenv("PLAYGROUND", pg.URL)
			env.Setenv("JUNIT_XSD", xsd)
			env.Setenv("HOME", env.WorkDir+"/home")
			env.Setenv("XDG_STATE_HOME", env.WorkDir+"/home/.local/state")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/home/.config")
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: scriptCommands(),
	})
}
