package render

import (
	"encoding/binary"
	"math/bits"
	"strings"

	"github.com/httpsh/httpsh/internal/charset"
)

// DisplayText is a text body as the screen shows it: decoded to UTF-8 by
// the charset of contentType (or, for HTML and XML, the one the body
// declares), XML and HTML indented up to MaxMarkupIndent bytes, and
// sanitised as SanitizeText does. A body of an unknown charset is shown
// as received. A single-byte charset (Latin-1, Windows-125x) is decoded
// and escaped in one pass.
func DisplayText(mediaType, contentType string, body []byte) string {
	indent := markupIndenter(mediaType)
	if indent == nil {
		if runes, _, ok := charset.Runes(body, contentType); ok {
			return sanitizeSingleByte(body, runes)
		}
	}
	text, _, _ := charset.DecodeBody(body, contentType)
	if indent != nil {
		text, _ = indent(text)
	}
	return SanitizeText(string(text))
}

// markupIndenter is IndentXML or IndentHTML for an XML or HTML media
// type, else nil.
func markupIndenter(mt string) func([]byte) ([]byte, bool) {
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return IndentHTML
	case mt == "text/xml" || mt == "application/xml" || strings.HasSuffix(mt, "+xml"):
		return IndentXML
	}
	return nil
}

// plainASCII marks the bytes SanitizeText copies as they are.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = true
	}
	t['\n'], t['\t'] = true, true
	return t
}()

// sanitizeSingleByte is SanitizeText(decode(body)) in one pass for a
// single-byte charset whose byte b is runes[b]: ASCII runs are copied,
// each other byte becomes its rune's UTF-8 (or its \uNNNN escape when
// the rune is a control).
func sanitizeSingleByte(body []byte, runes *[256]rune) string {
	var high [128]string
	for i := range high {
		r := runes[0x80+i]
		if unsafeRune(r) || r < 0x20 || r == 0x7f {
			var b strings.Builder
			writeU(&b, r)
			high[i] = b.String()
			continue
		}
		high[i] = string(r)
	}
	var b strings.Builder
	b.Grow(len(body) + 2*highBytes(body) + 8)
	for i := 0; i < len(body); {
		j := plainRun(body, i)
		b.Write(body[i:j])
		for j < len(body) && body[j] >= 0x80 {
			b.WriteString(high[body[j]-0x80])
			j++
		}
		if j < len(body) && body[j] < 0x80 && !plainASCII[body[j]] {
			j += escapeASCII(&b, body[j:])
		}
		i = j
	}
	return b.String()
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// highBytes counts the bytes over 0x7f, eight at a time.
func highBytes(in []byte) int {
	n, i := 0, 0
	for ; i+8 <= len(in); i += 8 {
		n += bits.OnesCount64(binary.LittleEndian.Uint64(in[i:]) & highs)
	}
	for ; i < len(in); i++ {
		n += int(in[i] >> 7)
	}
	return n
}

// plainRun is the index of the first byte at or after i that is not
// plainASCII.
func plainRun(in []byte, i int) int {
	for i < len(in) && plainASCII[in[i]] {
		i++
	}
	return i
}

// escapeASCII writes the escape of the ASCII control at body[0] as
// SanitizeText does (a \r before \n is dropped) and returns 1.
func escapeASCII(b *strings.Builder, body []byte) int {
	c := body[0]
	switch {
	case c == '\r' && len(body) > 1 && body[1] == '\n':
	case c == '\r':
		b.WriteString(`\r`)
	default:
		writeHexByte(b, c)
	}
	return 1
}

// decodable reports whether a body that looks binary as bytes is text in
// a declared single-byte charset (dense Latin-1 is invalid UTF-8).
func decodable(body []byte, contentType string) bool {
	if charset.Name(contentType) == "" {
		return false
	}
	for _, c := range body[:min(len(body), sniffLen)] {
		if c == 0 {
			return false
		}
	}
	_, _, ok := charset.Runes(body, contentType)
	return ok
}
