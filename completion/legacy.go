package completion

// This file completes the commands not yet moved to their family; it goes
// with the last of them.

import (
	"strings"

	"github.com/httpsh/httpsh/commands"
)

func (c *Completer) legacy(cmd *commands.Command, pos []string, word string) []candidate {
	switch cmd.Name {
	case "set":
		if len(pos) == 0 {
			return settingNames()
		}
		if len(pos) == 1 {
			return settingValues(pos[0])
		}
		return nil
	case "explain":
		if len(pos) == 0 {
			return headerNames(word)
		}
		return nil
	case "capture":
		if len(pos) > 0 {
			return c.capture(pos[1:], word)
		}
	}
	if len(cmd.Sub) > 0 {
		if len(pos) == 0 {
			return append(subs(cmd), c.hint(legacyHintAt(cmd, 0), "", word)...)
		}
		if out, ok := c.subArgs(cmd.Name, pos, word); ok {
			return out
		}
	}
	return c.hint(legacyHintAt(cmd, len(pos)), "", word)
}

func legacyHintAt(cmd *commands.Command, i int) string {
	if len(cmd.LegacyArgs) == 0 {
		return ""
	}
	h := ""
	if i < len(cmd.LegacyArgs) {
		h = cmd.LegacyArgs[i]
	} else if last := cmd.LegacyArgs[len(cmd.LegacyArgs)-1]; last == "item" || last == "header" {
		h = last
	}
	if h == "header" {
		return "item"
	}
	return h
}

func (c *Completer) subArgs(name string, pos []string, word string) ([]candidate, bool) {
	sub := name + " " + pos[0]
	n := len(pos) - 1
	switch {
	case sub == "cookies unset" && n == 0:
		return c.cookieNames(), true
	case sub == "cookies clear" && n == 0:
		return c.cookieDomains(), true
	case (sub == "cookies save" || sub == "cookies load") && n == 0:
		return c.files("", word), true
	case sub == "headers unset" && n == 0:
		return c.sessionHeaderNames(), true
	case sub == "expect header" && n == 0:
		return c.responseHeaderNames(), true
	case sub == "expect json" && n == 0:
		return c.jsonPaths(word), true
	case sub == "expect cookie" && n == 0:
		return c.cookieNames(), true
	case sub == "expect status" && n == 0:
		return values("expected status", "200", "201", "204", "2xx", "3xx", "400", "401", "403", "404", "4xx", "5xx"), true
	case strings.HasPrefix(sub, "expect ") && n == 1 && pos[0] != "status" && pos[0] != "body":
		return operators(), true
	}
	return nil, false
}

func (c *Completer) capture(pos []string, word string) []candidate {
	if len(pos) == 0 {
		return values("what to capture", "json", "header", "cookie", "status")
	}
	if len(pos) > 1 {
		return nil
	}
	switch pos[0] {
	case "json":
		return c.jsonPaths(word)
	case "header":
		return c.responseHeaderNames()
	case "cookie":
		return c.cookieNames()
	}
	return nil
}

// legacyFlagValue completes flag values of the commands not yet moved.
func (c *Completer) legacyFlagValue(name, word string) []candidate {
	switch name {
	case "header", "H":
		return c.item(word)
	case "show":
		return showValues()
	case "output", "o":
		return c.files("", word)
	case "json", "data":
		if strings.HasPrefix(word, "@") {
			return c.files("@", word[1:])
		}
	case "files":
		if i := strings.Index(word, "=@"); i >= 0 {
			return c.files(word[:i+2], word[i+2:])
		}
	case "timeout", "header-timeout":
		return values("time limit", "5s", "10s", "30s", "1m", "off")
	case "max-redirects":
		return values("redirects", "0", "5", "10", "30")
	case "cookie":
		return c.cookieAssignments()
	}
	return nil
}
