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
