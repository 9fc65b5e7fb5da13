package commands

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// WriteHelp writes the full help of one command: usage, summary, details,
// subcommands, flags and examples.
func WriteHelp(w io.Writer, cmd *Command) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", cmd.Usage, cmd.Short)
	if len(cmd.Aliases) > 0 {
		fmt.Fprintf(w, "also: %s\n", strings.Join(cmd.Aliases, ", "))
	}
	if cmd.Long != "" {
		fmt.Fprintf(w, "\n%s\n", Wrap(cmd.Long, 78))
	}
	if len(cmd.Sub) > 0 {
		fmt.Fprintf(w, "\n")
		for _, s := range cmd.Sub {
			fmt.Fprintf(w, "  %-12s %s\n", s.Name, s.Short)
		}
	}
	if fs := cmd.FlagSet(); fs.HasFlags() {
		fmt.Fprintf(w, "\nflags:\n%s", FlagUsages(fs))
	}
	if cmd.Example != "" {
		fmt.Fprintf(w, "\nexamples:\n")
		for _, l := range strings.Split(cmd.Example, "\n") {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}

// Wrap folds text at width, keeping existing line breaks.
func Wrap(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len(line)+1+len(word) > width {
				out = append(out, line)
				line = word
				continue
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// FlagUsages lists flags as "  -H, --header 'Name: value'  what it does",
// without pflag's type names and zero defaults. Hidden flags (for the
// program's own use, as session load --or-new) are left out.
func FlagUsages(fs *pflag.FlagSet) string {
	var rows [][2]string
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		name, usage := pflag.UnquoteUsage(f)
		left := "    --" + f.Name
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", --" + f.Name
		}
		if f.Value.Type() != "bool" {
			left += " " + name
		}
		rows = append(rows, [2]string{left, usage})
		width = max(width, len(left))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r[0], r[1])
	}
	return b.String()
}
