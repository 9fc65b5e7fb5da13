package env_test

import (
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

func TestMain(m *testing.M) { scripttest.Main(m) }

// TestScripts runs testdata/*.txtar, one behaviour of the family each.
func TestScripts(t *testing.T) { scripttest.Run(t, "testdata", nil) }
