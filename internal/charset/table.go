package charset

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// byteTable decodes a single-byte charset by table: ASCII runs are
// copied eight bytes at a time and each other byte is its rune's UTF-8.
// It is several times faster than x/text's transformer for the Latin-1
// and Windows-125x bodies that are most of the non-UTF-8 web.
type byteTable struct {
	utf [256][4]byte
	n   [256]uint8
}

// tableFor returns a table for charmap encodings that keep ASCII as it
// is, or nil.
func tableFor(enc encoding.Encoding) *byteTable {
	cm, ok := enc.(*charmap.Charmap)
	if !ok {
		return nil
	}
	t := &byteTable{}
	for b := range 256 {
		r := cm.DecodeByte(byte(b))
		if b < 0x80 && r != rune(b) {
			return nil // not ASCII-compatible (EBCDIC)
		}
		t.n[b] = uint8(utf8.EncodeRune(t.utf[b][:], r))
	}
	return t
}

func (t *byteTable) decode(in []byte) []byte {
	// Each byte over 0x7f becomes at most 3 bytes; count them by words.
	high := 0
	i := 0
	for ; i+8 <= len(in); i += 8 {
		high += bits.OnesCount64(binary.LittleEndian.Uint64(in[i:]) & 0x8080808080808080)
	}
	for ; i < len(in); i++ {
		high += int(in[i] >> 7)
	}
	out := make([]byte, len(in)+2*high)
	j := 0
	for i := 0; i < len(in); {
		k := asciiRun(in, i)
		j += copy(out[j:], in[i:k])
		if k == len(in) {
			break
		}
		for ; k < len(in) && in[k] >= 0x80; k++ {
			u := &t.utf[in[k]]
			if t.n[in[k]] == 2 {
				out[j], out[j+1] = u[0], u[1]
				j += 2
				continue
			}
			j += copy(out[j:], u[:t.n[in[k]]])
		}
		i = k
	}
	return out[:j]
}

// asciiRun is the index of the first byte over 0x7f in in[i:], or len(in).
func asciiRun(in []byte, i int) int {
	for ; i+8 <= len(in); i += 8 {
		if w := binary.LittleEndian.Uint64(in[i:]) & 0x8080808080808080; w != 0 {
			return i + bits.TrailingZeros64(w)/8
		}
	}
	for ; i < len(in) && in[i] < 0x80; i++ {
	}
	return i
}

// Runes is the rune of each byte when body's charset, by DecodeBody's
// rules, is a single-byte charset that keeps ASCII as it is (Latin-1,
// Windows-125x, KOI8...), with the charset's name; ok is false for
// anything else (no charset, UTF-8, multi-byte, unknown), which Decode
// handles. A display can decode and escape in one pass with it.
func Runes(body []byte, contentType string) (runes *[256]rune, name string, ok bool) {
	name = Name(contentType)
	if name == "" && markup(contentType) {
		name = Sniff(body)
	}
	enc, err := lookup(name)
	if err != nil || enc == nil {
		return nil, "", false
	}
	cm, isMap := enc.(*charmap.Charmap)
	if !isMap {
		return nil, "", false
	}
	var t [256]rune
	for b := range 256 {
		t[b] = cm.DecodeByte(byte(b))
		if b < 0x80 && t[b] != rune(b) {
			return nil, "", false
		}
	}
	return &t, name, true
}

// Check returns the error Decode gives for contentType's charset (one
// wrapping ErrUnknown when it has no decoder), without decoding.
func Check(contentType string) error {
	_, err := lookup(Name(contentType))
	return err
}
