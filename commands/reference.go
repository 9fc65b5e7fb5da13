package commands

import (
	"fmt"
	"io"
	"strings"
)

// WriteReference writes the command reference in Markdown, generated from
// the registry like `help` is, so README and help cannot disagree.
func (r *Registry) WriteReference(w io.Writer) {
	for _, c := range r.Commands() {
		fmt.Fprintf(w, "### %s\n\n```\n%s\n```\n\n%s.", c.Name, c.Usage, capitalize(c.Short))
		if len(c.Aliases) > 0 {
			fmt.Fprintf(w, " Also: `%s`.", strings.Join(c.Aliases, "`, `"))
		}
		fmt.Fprintln(w)
		if c.Long != "" {
			fmt.Fprintf(w, "\n%s\n", c.Long)
		}
		if len(c.Sub) > 0 {
			fmt.Fprintln(w)
			for _, s := range c.Sub {
				fmt.Fprintf(w, "- `%s`: %s\n", s.Name, s.Short)
			}
		}
		if fs := c.FlagSet(); fs.HasFlags() {
			fmt.Fprintf(w, "\n```\n%s```\n", FlagUsages(fs))
		}
		if c.Example != "" {
			fmt.Fprintf(w, "\nExample:\n\n```\n%s\n```\n", c.Example)
		}
		fmt.Fprintln(w)
	}
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
