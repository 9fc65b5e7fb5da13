package main

import (
	"path/filepath"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

func TestMain(m *testing.M) { scripttest.Main(m) }

// TestScripts runs testdata/script/*.txtar (see internal/scripttest), with
// the JUnit schema (testdata/junit.xsd) in $JUNIT_XSD. `go test -run
// TestScripts -update` rewrites the golden parts of the scripts.
func TestScripts(t *testing.T) {
	xsd, err := filepath.Abs(filepath.Join("testdata", "junit.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	scripttest.Run(t, "testdata/script", &scripttest.Options{
		Env:    map[string]string{"JUNIT_XSD": xsd},
		Cmds:   scriptCommands(),
		Update: *update,
	})
}
