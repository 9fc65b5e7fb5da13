package commands

import "github.com/spf13/pflag"

// Annotation keys a flag's completion hints are kept under (pflag's
// per-flag annotations), set where the flag is registered.
const (
	annotHint   = "httpsh-hint"
	annotValues = "httpsh-values"
)

// HintFlag says what the value of the flag name is (one of the Hint
// constants), for completion. It panics if no such flag is registered:
// that is a programming error caught by every test that builds the set.
func HintFlag(fs *pflag.FlagSet, name, hint string) {
	must(fs.SetAnnotation(name, annotHint, []string{hint}))
}

// ValuesFlag gives the flag name fixed values to offer, described by desc.
func ValuesFlag(fs *pflag.FlagSet, name, desc string, values ...string) {
	must(fs.SetAnnotation(name, annotValues, append([]string{desc}, values...)))
}

// FlagHint returns the hint set with HintFlag, or "".
func FlagHint(f *pflag.Flag) string {
	if v := f.Annotations[annotHint]; len(v) == 1 {
		return v[0]
	}
	return ""
}

// FlagValues returns the description and values set with ValuesFlag.
func FlagValues(f *pflag.Flag) (desc string, values []string) {
	v := f.Annotations[annotValues]
	if len(v) == 0 {
		return "", nil
	}
	return v[0], v[1:]
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
