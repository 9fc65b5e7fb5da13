package learn_test

import (
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

func TestMain(m *testing.M) { scripttest.Main(m) }

// TestScripts runs testdata/*.txtar: learn check, lists, reset and a
// teacher's lesson with an error.
func TestScripts(t *testing.T) { scripttest.Run(t, "testdata", nil) }
