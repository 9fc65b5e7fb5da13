package commands

import (
	"strings"
	"testing"
)

func TestAssembler(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // Text|Input per logical line
	}{
		{"plain", "get /a\nget /b", []string{"get /a|", "get /b|"}},
		{"continuation", "post /post \\\n  name=luke \\\n  side=light", []string{"post /post    name=luke    side=light|"}},
		{"escaped backslash", `echo a\\`, []string{`echo a\\|`}},
		{"heredoc", "post /post --json @- <<END\n{\"a\": 1}\nEND\nget /x", []string{"post /post --json @-|{\"a\": 1}\n", "get /x|"}},
		{"heredoc keeps blank lines", "echo <<EOF\n\nx\n\nEOF", []string{"echo|\nx\n\n"}},
		{"quoted << is not a heredoc", "echo '<<END'", []string{"echo '<<END'|"}},
		{"single-quoted word", "echo <<'END'\n{{x}}\nEND", []string{"echo|{{x}}\n!"}},
		{"double-quoted word", "echo <<\"END\"\na\nEND", []string{"echo|a\n!"}},
		{"unquoted word substitutes", "echo <<END\n{{x}}\nEND", []string{"echo|{{x}}\n"}},
		{"mismatched quotes are no heredoc", "echo <<'END\"", []string{"echo <<'END\"|"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a Assembler
			var got []string
			for _, l := range strings.Split(tc.input, "\n") {
				if lg := a.Feed(l); lg != nil {
					in := ""
					if lg.Input != nil {
						in = *lg.Input
					}
					if lg.Literal {
						in += "!"
					}
					got = append(got, lg.Text+"|"+in)
				}
			}
			if strings.Join(got, "\n---\n") != strings.Join(tc.want, "\n---\n") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
			if open, _ := a.Pending(); open {
				t.Error("left pending")
			}
		})
	}
}

func TestAssemblerPending(t *testing.T) {
	var a Assembler
	a.Feed("post /post --json @- <<END")
	a.Feed("{}")
	if open, what := a.Pending(); !open || !strings.Contains(what, `"END"`) {
		t.Errorf("Pending = %v, %q", open, what)
	}
	a.Reset()
	if open, _ := a.Pending(); open {
		t.Error("Reset left it pending")
	}
}
