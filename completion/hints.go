package completion

import (
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/spf13/pflag"
)

// args completes the word after the positional words pos, walking the
// command's (or subcommand's) Arg hints: a word matching a choice with a
// Branch continues with the branch's hints; the last Arg repeats when it
// says so.
func (c *Completer) args(list []commands.Arg, pos []string, word string) []candidate {
	prev := ""
	for _, p := range pos {
		if len(list) == 0 {
			return nil
		}
		a := list[0]
		if next, ok := a.Branch[p]; ok {
			list, prev = next, p
			continue
		}
		if !a.Repeat || len(list) > 1 {
			list = list[1:]
		}
		prev = p
	}
	if len(list) == 0 {
		return nil
	}
	return c.arg(list[0], prev, word)
}

// arg offers what one Arg names: its fixed values, then what its hint
// offers; prev is the word before (the setting whose value is typed).
func (c *Completer) arg(a commands.Arg, prev, word string) []candidate {
	out := values(a.Desc, a.Values...)
	return append(out, c.hint(a.Hint, prev, word)...)
}

// hint offers the candidates of one hint kind.
func (c *Completer) hint(hint, prev, word string) []candidate {
	switch hint {
	case commands.HintURL:
		return c.urls(word)
	case commands.HintItem:
		return c.item(word)
	case commands.HintFile:
		return c.files("", word)
	case commands.HintAtFile:
		if strings.HasPrefix(word, "@") {
			return c.files("@", word[1:])
		}
	case commands.HintUpload:
		if i := strings.Index(word, "=@"); i >= 0 {
			return c.files(word[:i+2], word[i+2:])
		}
	case commands.HintJSON:
		return c.jsonPaths(word)
	case commands.HintVar:
		return c.varNames()
	case commands.HintCookie:
		return c.cookieNames()
	case commands.HintCookieDomain:
		return c.cookieDomains()
	case commands.HintCookiePair:
		return c.cookieAssignments()
	case commands.HintCommand:
		return c.commandNames()
	case commands.HintMethod:
		return methods()
	case commands.HintSetting:
		return settingNames()
	case commands.HintSettingValue:
		return settingValues(prev)
	case commands.HintHeaderName:
		return headerNames(word)
	case commands.HintSessionHeader:
		return c.sessionHeaderNames()
	case commands.HintResponseHeader:
		return c.responseHeaderNames()
	case commands.HintPrepared:
		return c.preparedNames()
	case commands.HintOperation:
		return c.specOperations()
	}
	return nil
}

// flagValue completes the value of flag f: its fixed values, or what its
// hint names (both set where the flag is registered).
func (c *Completer) flagValue(f *pflag.Flag, word string) []candidate {
	if desc, vs := commands.FlagValues(f); len(vs) > 0 {
		return values(desc, vs...)
	}
	return c.hint(commands.FlagHint(f), "", word)
}

// preparedNames offers the names of prepared requests.
func (c *Completer) preparedNames() []candidate {
	s := c.src.Session
	if s == nil {
		return nil
	}
	var out []candidate
	for name := range s.Prepared {
		if name != "" && safeWord(name) {
			out = append(out, cand(name, "prepared request", 0, 0))
		}
	}
	return out
}
