package commands_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands"
)

// FuzzParse feeds arbitrary text through the command parser: the
// assembler (continuations, heredocs), Split and ParseItem. None may
// panic, and Quote must round-trip every word through Split.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`post /post --json '{"a": 1}' name=luke n:=3 X-A:b q==1 f@file`,
		"post /post --json @- <<END\n{\"a\":\n1}\nEND",
		"get /x \\\n  a==b",
		`echo "unbalanced`, `echo 'x`, `a\`, "#comment", `x:=@file`, `=`, `:=`, `==`, `@`,
		"get <<", "get <<'E'\nx\nE", "\x00\xff\u202e", `"\"\\\$\` + "`" + `"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var a commands.Assembler
		for _, line := range strings.Split(text, "\n") {
			if l := a.Feed(line); l != nil {
				parseLogical(t, l.Text)
			}
		}
		a.Pending()
		parseLogical(t, text)
	})
}

func parseLogical(t *testing.T, text string) {
	words, err := commands.Split(text)
	if err != nil {
		return
	}
	for _, w := range words {
		_, _ = commands.ParseItem(w)
		back, err := commands.Split(commands.Quote(w))
		if err != nil || !reflect.DeepEqual(back, []string{w}) {
			t.Fatalf("Quote(%q) = %q splits to %q, %v", w, commands.Quote(w), back, err)
		}
	}
}
