package charset

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	cases := []struct {
		body, ct, want, name string
	}{
		{"caf\xe9", "text/plain; charset=ISO-8859-1", "café", "iso-8859-1"},
		{"caf\xe9", "text/plain; charset=latin1", "café", "latin1"},
		{"\x80 5", "text/plain;charset=windows-1252", "€ 5", "windows-1252"},
		{"\x93\xfa\x96\x7b", `text/html; charset="Shift_JIS"`, "日本", "shift_jis"},
		{"\xff\xfeh\x00i\x00", "application/json; charset=utf-16le", "hi", "utf-16le"},
		{"café", "application/json", "café", ""},
		{"café", "text/plain; charset=utf-8", "café", ""},
		{"caf\xe9", "text/html;charset=latin1;", "café", "latin1"},
	}
	for _, c := range cases {
		got, name, err := Decode([]byte(c.body), c.ct)
		if err != nil || string(got) != c.want || name != c.name {
			t.Errorf("%q %s: %q %q %v", c.body, c.ct, got, name, err)
		}
	}
}

// TestDecodeLeavesBytes: the input is not changed, and an unknown
// charset returns it as it is with ErrUnknown naming the charset.
func TestDecodeLeavesBytes(t *testing.T) {
	body := []byte("caf\xe9")
	_, _, _ = Decode(body, "text/plain; charset=latin1")
	if string(body) != "caf\xe9" {
		t.Fatal("input changed")
	}
	got, _, err := Decode(body, "text/plain; charset=x-klingon")
	if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "x-klingon") || !bytes.Equal(got, body) {
		t.Fatalf("%q %v", got, err)
	}
}

func TestNewReader(t *testing.T) {
	r, name, err := NewReader(strings.NewReader(strings.Repeat("caf\xe9 ", 100000)), "text/plain; charset=latin1")
	if err != nil || name != "latin1" {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	if !strings.HasPrefix(string(b), "café café") || len(b) != 600000 {
		t.Fatalf("%d bytes", len(b))
	}
}

func TestSniff(t *testing.T) {
	for body, want := range map[string]string{
		`<html><head><meta charset="windows-1252">`:                            "windows-1252",
		`<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">`: "koi8-r",
		`<?xml version="1.0" encoding='ISO-8859-15'?><a/>`:                     "iso-8859-15",
		"\xef\xbb\xbf<a/>": "utf-8",
		"<p>none</p>":      "",
	} {
		if got := Sniff([]byte(body)); got != want {
			t.Errorf("%s: %q, want %q", body, got, want)
		}
	}
}

// toLatin1 encodes text whose runes are all below U+0100 (others become '?').
func toLatin1(text []byte) []byte {
	var out []byte
	for _, r := range string(text) {
		if r > 0xff {
			r = '?'
		}
		out = append(out, byte(r))
	}
	return out
}

func BenchmarkDecodeOnly(b *testing.B) {
	latin1 := toLatin1(bytes.Repeat([]byte("café au lait, crème brûlée — naïve façade\n"), 5<<20/47))
	b.SetBytes(int64(len(latin1)))
	for b.Loop() {
		_, _, _ = Decode(latin1, "text/plain; charset=iso-8859-1")
	}
}

func TestDecodeBody(t *testing.T) {
	got, name, err := DecodeBody([]byte(`<meta charset="latin1"><p>caf`+"\xe9"), "text/html")
	if err != nil || name != "latin1" || !strings.HasSuffix(string(got), "café") {
		t.Fatalf("%q %q %v", got, name, err)
	}
	if got, name, _ := DecodeBody([]byte(`charset=latin1 caf`+"\xe9"), "text/plain"); name != "" || string(got) != "charset=latin1 caf\xe9" {
		t.Fatalf("plain text sniffed: %q %q", got, name)
	}
}
