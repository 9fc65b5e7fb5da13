package render

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

type bodyCase struct {
	name, contentType string
	body              []byte
}

func bodyCases(t testing.TB) []bodyCase {
	return []bodyCase{
		{"empty", "application/json", nil},
		{"json-nested", "application/json", []byte(`{"args":{},"headers":{"Accept":"*/*","Host":"httpbin.org"},"list":[1,-2.5e-3,0,true,false,null,[],[[]],{"deep":{"er":[{}]}}],"url":"https://httpbin.org/get?a=1"}`)},
		{"json-unicode", "application/json; charset=utf-8", []byte(`{"ключ":"значение","emoji":"😀👍🏽","cjk":"日本語","esc":"\u00e9\u202e\u001b[31m","raw":"` + "\u202e\u0085\x7f\xff" + `"}`)},
		{"json-escapes", "application/problem+json", []byte(` [ "quote \" backslash \\ slash \/ \b\f\n\r\t" , "\ud83d\ude00" , 1E+10 ] `)},
		{"json-scalar", "text/json", []byte(`"just a string"`)},
		{"json-invalid", "application/json", []byte("{\"a\": 1,\n \"b\": \x1b[2J}")},
		{"html", "text/html; charset=utf-8", []byte("<!DOCTYPE html>\r\n<html>\r\n<head><title>t\x1b]0;pwned\x07</title>\r\n<style>p { color: red; }</style></head>\r\n<body class=\"x\">\u202eevil\u202c<script>var a = 1;</script></body>\r\n</html>")},
		{"xml", "application/atom+xml", []byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`)},
		{"yaml", "application/yaml", []byte("a: 1\nb: [x, y]\n# comment\n")},
		{"plain-escapes", "text/plain", []byte("line one\r\nclear \x1b[2J\x1b[H bell\x07 del\x7f c1\u009b bidi\u2067 bad\xc3\x28\ttab\n")},
		{"unknown-text", "", []byte("no type at all\n")},
		{"binary-png", "image/png", pngBytes(t)},
		{"binary-sniffed", "text/plain", []byte("abc\x00def")},
		{"binary-untyped", "", append([]byte("\x00\x01"), pngBytes(t)...)},
	}
}

func pngBytes(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestBodyGolden(t *testing.T) {
	for _, colour := range []bool{false, true} {
		r, err := New(Options{Color: colour})
		if err != nil {
			t.Fatal(err)
		}
		suffix := ".plain"
		if colour {
			suffix = ".color"
		}
		for _, c := range bodyCases(t) {
			t.Run(c.name+suffix, func(t *testing.T) {
				var out bytes.Buffer
				if err := r.Body(&out, c.contentType, c.body); err != nil {
					t.Fatal(err)
				}
				checkSafe(t, out.Bytes(), colour)
				golden(t, filepath.Join("testdata", "golden", c.name+suffix), out.Bytes())
			})
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update after checking)\ngot:\n%q\nwant:\n%q", path, got, want)
	}
}

func TestBodyEndsWithNewline(t *testing.T) {
	r, _ := New(Options{})
	for _, body := range []string{"x", "x\n", "{}", "\x00"} {
		var out bytes.Buffer
		if err := r.Body(&out, "", []byte(body)); err != nil {
			t.Fatal(err)
		}
		if s := out.String(); !strings.HasSuffix(s, "\n") || strings.HasSuffix(s, "\n\n") {
			t.Errorf("Body(%q) = %q, want exactly one trailing newline", body, s)
		}
	}
}

func TestBodyHighlightLimit(t *testing.T) {
	r, err := New(Options{Color: true, MaxHighlight: 10})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := r.Body(&out, "application/json", []byte(`{"a":1,"b":2,"c":3}`)); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	before, after, _ := strings.Cut(got, `: 2`)
	if !strings.Contains(before, "\x1b[") || strings.Contains(after, "\x1b[") {
		t.Errorf("want colour only before offset 10, got %q", got)
	}
	out.Reset()
	if err := r.Body(&out, "text/html", []byte("<p>longer than ten bytes</p>")); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("HTML past MaxHighlight was coloured: %q", out.String())
	}
}

func TestNewStyles(t *testing.T) {
	if _, err := New(Options{Style: "no-such-style"}); err == nil {
		t.Error("New accepted an unknown style")
	}
	names := Styles()
	if len(names) < 10 {
		t.Fatalf("Styles() = %v", names)
	}
	for i, name := range names {
		if i > 0 && names[i-1] >= name {
			t.Errorf("Styles() not sorted at %q", name)
		}
		if _, err := New(Options{Style: name, Color: true}); err != nil {
			t.Errorf("New(%q): %v", name, err)
		}
	}
	r, _ := New(Options{Style: "MonoKai"})
	if r.Palette() != nil {
		t.Error("Palette() without colour is not nil")
	}
	r, _ = New(Options{Color: true})
	if p := r.Palette(); p == nil || p.Key == "" || p.Reset != "\x1b[0m" {
		t.Errorf("Palette() = %+v", p)
	}
}
