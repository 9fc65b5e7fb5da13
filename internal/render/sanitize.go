package render

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// Sanitize makes one line of server text safe to print on a terminal.
//
// C0 controls and DEL become escapes (\n, \r, \t, otherwise \xNN), C1
// controls (U+0080..U+009F) and the bidi controls (U+061C, U+200E, U+200F,
// U+202A..U+202E, U+2066..U+2069) become \uNNNN, and bytes that are not
// valid UTF-8 become \xNN. Everything else, including a backslash, is
// unchanged. When nothing needs escaping, s itself is returned without
// allocating.
func Sanitize(s string) string { return sanitize(s, false) }

// SanitizeText is Sanitize for multi-line text such as bodies: it keeps \n
// and \t, drops the \r of each \r\n pair (so CRLF text reads as lines), and
// escapes everything else exactly as Sanitize does, a lone \r included.
func SanitizeText(s string) string { return sanitize(s, true) }

func sanitize(s string, text bool) string {
	i := safePrefix(s, text)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8 + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		i += escapeOne(&b, s[i:], text)
		j := safePrefix(s[i:], text)
		b.WriteString(s[i : i+j])
		i += j
	}
	return b.String()
}

// safePrefix returns the length of the longest prefix of s that needs no
// escaping.
func safePrefix(s string, text bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < 0x80 {
			if text && (c == '\n' || c == '\t') {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// escapeOne writes the escape for the unsafe character at the start of s
// and returns how many bytes of s it consumed.
func escapeOne(b *strings.Builder, s string, text bool) int {
	c := s[0]
	if c < 0x80 {
		switch {
		case c == '\r' && text && len(s) > 1 && s[1] == '\n':
			// CRLF: keep the line break, drop the carriage return.
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		default:
			writeHexByte(b, c)
		}
		return 1
	}
	r, size := utf8.DecodeRuneInString(s)
	if size == 1 {
		writeHexByte(b, c)
		return 1
	}
	writeU(b, r)
	return size
}

func writeHexByte(b *strings.Builder, c byte) {
	b.WriteString(`\x`)
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xf])
}

// writeU writes r, which must be in the BMP, as \uNNNN.
func writeU(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}

// unsafeRune reports whether a valid non-ASCII rune must be escaped: C1
// controls and bidi controls.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f:
		return true
	case r >= 0x202a && r <= 0x202e:
		return true
	case r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
