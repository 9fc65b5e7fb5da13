package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchJSON returns a JSON document of about n bytes shaped like a typical
// API listing: an array of objects with strings, numbers, literals, nested
// arrays and some non-ASCII text.
func benchJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":%d,"name":"item %d — ünïcödé","price":%d.%02d,"active":%t,"tags":["a","b\"c","\u00e9"],"owner":null,"meta":{"created":"2024-01-02T03:04:05Z","score":-1.5e-3}}`,
			i, i, i%1000, i%100, i%2 == 0)
	}
	b.WriteString(`],"total":1}`)
	return b.Bytes()
}

func BenchmarkIndentJSON(b *testing.B) {
	data := benchJSON(5 << 20)
	r, err := New(Options{Color: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		p    *Palette
	}{{"plain", nil}, {"colour", r.Palette()}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := IndentJSON(io.Discard, data, bc.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBodyJSON includes the json.Valid check and the highlight cap
// (1 MiB coloured, the rest plain).
func BenchmarkBodyJSON(b *testing.B) {
	data := benchJSON(5 << 20)
	r, err := New(Options{Color: true})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Body(io.Discard, "application/json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSanitizeText(b *testing.B) {
	clean := strings.Repeat("a line of ordinary text, ünïcödé 😀\n", 30000)
	dirty := strings.Repeat("a line \x1b[31m with \u202e escapes\r\n", 30000)
	for _, bc := range []struct{ name, s string }{{"clean", clean}, {"dirty", dirty}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.s)))
			b.ReportAllocs()
			for b.Loop() {
				_ = SanitizeText(bc.s)
			}
		})
	}
}

func BenchmarkBodyHTML(b *testing.B) {
	page := []byte(strings.Repeat(`<div class="row"><a href="/x?a=1&b=2">link</a> text &amp; more</div>`+"\n", 1500))
	r, err := New(Options{Color: true})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Body(io.Discard, "text/html", page); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBodyJSONSizes prints coloured JSON bodies of a small API
// response, 5 MB and 50 MB through Body (validated while printed).
func BenchmarkBodyJSONSizes(b *testing.B) {
	r, err := New(Options{Color: true, MaxJSONHighlight: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{300, 5 << 20, 50 << 20} {
		data := benchJSON(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := r.Body(io.Discard, "application/json", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidate compares the check Body used to make first
// (json.Valid) with the one the printer now makes of the rest of a large
// body (validFrom).
func BenchmarkValidate(b *testing.B) {
	data := benchJSON(5 << 20)
	b.Run("json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !json.Valid(data) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("validFrom", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if !validFrom(data, 0, nil) {
				b.Fatal("invalid")
			}
		}
	})
}
