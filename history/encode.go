package history

import "strings"

// The history file holds one entry per line. An entry may span several
// lines of text (a heredoc, `\` continuations), so it is escaped before it
// is written, in a simple reversible way:
//
//	`\`        is written as `\\`
//	newline    is written as `\n`
//	CR         is written as `\r`
//
// Every other byte is written as is, so a file of one-line entries without
// backslashes reads like a plain shell history. Decoding accepts exactly
// these three escapes; a line holding any other `\x` sequence, or ending in
// a lone `\`, is corrupt and is skipped by Open.

// encodeEntry returns entry as one line of the history file, without the
// trailing newline.
func encodeEntry(entry string) string {
	if !strings.ContainsAny(entry, "\\\n\r") {
		return entry
	}
	var b strings.Builder
	b.Grow(len(entry) + 8)
	for i := 0; i < len(entry); i++ {
		switch c := entry[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// decodeEntry reverses encodeEntry. ok is false for a line that
// encodeEntry cannot have produced (an unknown escape, a trailing lone
// backslash, or a raw CR or newline).
func decodeEntry(line string) (entry string, ok bool) {
	if strings.ContainsAny(line, "\n\r") {
		return "", false
	}
	if !strings.Contains(line, `\`) {
		return line, true
	}
	var b strings.Builder
	b.Grow(len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(line) {
			return "", false
		}
		i++
		switch line[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", false
		}
	}
	return b.String(), true
}
