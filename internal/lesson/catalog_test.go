package lesson

import "testing"

func TestBuiltinParse(t *testing.T) {
	ls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		t.Logf("%s: %d steps", l.Name, len(l.Steps))
	}
}
