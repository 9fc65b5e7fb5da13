package completion

import (
	"strings"

	"github.com/spf13/pflag"
)

// flags offers every flag of fset, long form first, with its one-line help.
func flags(fset *pflag.FlagSet) []candidate {
	var out []candidate
	fset.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Deprecated != "" {
			return
		}
		_, usage := pflag.UnquoteUsage(f)
		out = append(out, cand("--"+f.Name, usage, 0, 0))
		if f.Shorthand != "" {
			out = append(out, cand("-"+f.Shorthand, usage, 1, 0))
		}
	})
	return out
}

// lookupFlag finds the flag a word such as "-H" or "--header" names.
func lookupFlag(fset *pflag.FlagSet, word string) *pflag.Flag {
	if strings.HasPrefix(word, "--") {
		return fset.Lookup(strings.TrimPrefix(word, "--"))
	}
	if len(word) == 2 {
		return fset.ShorthandLookup(word[1:])
	}
	return nil
}

// takesValue reports whether word is a flag whose value is the next word.
func takesValue(fset *pflag.FlagSet, word string) bool {
	f := lookupFlag(fset, word)
	return f != nil && f.NoOptDefVal == "" && f.Value.Type() != "bool"
}
