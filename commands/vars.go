package commands

// ValidVarName reports whether n may name a session variable ({{n}}):
// letters, digits (not first), _, - and ., and not env.NAME, which reads
// the environment.
func ValidVarName(n string) bool { return validVarName(n) }
