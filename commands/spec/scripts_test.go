package spec_test

import (
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

func TestMain(m *testing.M) { scripttest.Main(m) }

func TestScripts(t *testing.T) { scripttest.Run(t, "testdata", nil) }
