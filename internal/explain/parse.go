package explain

import (
	"fmt"
	"strconv"
	"strings"
)

// The data files share one plain-text format, chosen so that a teacher can
// edit an entry without fighting JSON quoting:
//
//	# a comment
//	== 405 Method Not Allowed
//	spec:    RFC 9110, section 15.5.6
//	summary: The first sentence ...
//	         a line that starts with white space continues the field.
//	when:    ...
//	client:  ...
//	related: Allow, 200
//
// A record starts with "== KEY" (statuses: "== CODE TITLE"). Header records
// also need a "kind:" field. Blank lines and lines starting with '#' are
// ignored. Everything else is an error that names the file and line.

// parseFile parses one data file. statuses selects the status-code flavour
// of the format; otherwise records describe header fields.
func parseFile(name, text string, statuses bool) ([]Entry, error) {
	var (
		entries []Entry
		cur     *Entry
		start   int             // line of the current record
		seen    map[string]bool // fields set in the current record
		last    *string         // field a continuation line extends
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		if err := check(*cur, statuses); err != nil {
			return fmt.Errorf("%s:%d: %s: %v", name, start, cur.Key, err)
		}
		entries = append(entries, *cur)
		return nil
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "=="):
			if err := finish(); err != nil {
				return nil, err
			}
			e, err := recordHead(strings.TrimSpace(line[2:]), statuses)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, err)
			}
			cur, start, seen, last = &e, n, map[string]bool{}, nil
		case line[0] == ' ' || line[0] == '\t':
			if last == nil {
				return nil, fmt.Errorf("%s:%d: continuation line without a field", name, n)
			}
			*last += " " + trimmed
		default:
			if cur == nil {
				return nil, fmt.Errorf("%s:%d: field before the first \"== KEY\" line", name, n)
			}
			field, value, ok := strings.Cut(line, ":")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want \"field: value\", got %q", name, n, line)
			}
			field = strings.TrimSpace(field)
			if seen[field] {
				return nil, fmt.Errorf("%s:%d: %s: field %q given twice", name, n, cur.Key, field)
			}
			seen[field] = true
			value = strings.TrimSpace(value)
			var dst *string
			switch field {
			case "spec":
				dst = &cur.Spec
			case "summary":
				dst = &cur.Summary
			case "when":
				dst = &cur.When
			case "client":
				dst = &cur.Client
			case "kind":
				if statuses {
					return nil, fmt.Errorf("%s:%d: status records take no kind field", name, n)
				}
				dst = &cur.Kind
			case "related":
				cur.Related = splitRelated(value)
				last = nil
				continue
			default:
				return nil, fmt.Errorf("%s:%d: unknown field %q", name, n, field)
			}
			*dst = value
			last = dst
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return entries, nil
}

// recordHead reads the text after "==".
func recordHead(s string, statuses bool) (Entry, error) {
	if !statuses {
		if s == "" || strings.ContainsAny(s, " \t:") {
			return Entry{}, fmt.Errorf("want \"== Header-Name\", got %q", "== "+s)
		}
		return Entry{Key: s, Title: s}, nil
	}
	code, title, _ := strings.Cut(s, " ")
	n, err := strconv.Atoi(code)
	if err != nil || len(code) != 3 || n < 100 || n > 599 {
		return Entry{}, fmt.Errorf("want \"== CODE Title\" with CODE in 100..599, got %q", "== "+s)
	}
	return Entry{Key: code, Title: strings.TrimSpace(title), Kind: "status"}, nil
}

func splitRelated(s string) []string {
	var out []string
	for r := range strings.SplitSeq(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// check reports what a finished record is missing.
func check(e Entry, statuses bool) error {
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"title", e.Title}, {"spec", e.Spec}, {"summary", e.Summary},
		{"when", e.When}, {"client", e.Client},
	} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	if statuses {
		return nil
	}
	switch e.Kind {
	case "request header", "response header", "request and response header":
		return nil
	}
	return fmt.Errorf("kind %q: want \"request header\", \"response header\" or \"request and response header\"", e.Kind)
}
