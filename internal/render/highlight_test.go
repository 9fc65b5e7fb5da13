package render

import (
	"encoding/xml"
	"errors"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// TestStyleFiles checks each style file is named after its style, in
// lower case as chroma's registry keys them: New and Styles go by the
// file name and parse nothing.
func TestStyleFiles(t *testing.T) {
	paths, err := fs.Glob(assets, stylesDir+"/*.xml")
	if err != nil || len(paths) < 70 {
		t.Fatalf("style files: %v, %v", paths, err)
	}
	for _, p := range paths {
		data, err := fs.ReadFile(assets, p)
		if err != nil {
			t.Fatal(err)
		}
		var attr struct {
			Name string `xml:"name,attr"`
		}
		if err := xml.Unmarshal(data, &attr); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := strings.ToLower(attr.Name) + ".xml"
		if path.Base(p) != want {
			t.Errorf("%s holds style %q: name it %s", p, attr.Name, want)
		}
		style, err := loadStyle(strings.TrimSuffix(path.Base(p), ".xml"))
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if style.Name != attr.Name {
			t.Errorf("%s parsed as %q", p, style.Name)
		}
	}
	if len(Styles()) != len(paths) {
		t.Errorf("Styles() has %d names for %d files", len(Styles()), len(paths))
	}
}

func TestUnknownStyles(t *testing.T) {
	for _, name := range []string{"no-such-style", "../monokai", "monokai/", "/monokai", `x\monokai`, "monokai.xml", ".", " monokai", "monokai\x00"} {
		if _, err := New(Options{Style: name}); !errors.Is(err, ErrUnknownStyle) {
			t.Errorf("New(Style: %q) = %v, want ErrUnknownStyle", name, err)
		}
	}
	for _, name := range []string{"", "monokai", "MonoKai", "GitHub-Dark", "solarized-dark256"} {
		if _, err := New(Options{Style: name}); err != nil {
			t.Errorf("New(Style: %q): %v", name, err)
		}
	}
}

// TestLexerFiles checks every lexer parses, rules included, and that each
// name in lexerByType, and those that HTML uses, finds one.
func TestLexerFiles(t *testing.T) {
	h, err := newHighlighter("")
	if err != nil {
		t.Fatal(err)
	}
	reg := h.registry()
	paths, _ := fs.Glob(assets, lexersDir+"/*.xml")
	if len(reg.Lexers) != len(paths)+1 { // + markdown
		t.Errorf("registry has %d lexers for %d files and markdown: one does not parse", len(reg.Lexers), len(paths))
	}
	for _, l := range reg.Lexers {
		if _, err := l.Tokenise(nil, "x\n"); err != nil {
			t.Errorf("%s: %v", l.Config().Name, err)
		}
	}
	names := []string{"Javascript", "CSS", "YAML"}
	for _, name := range lexerByType {
		names = append(names, name)
	}
	for _, name := range names {
		if reg.Get(name) == nil {
			t.Errorf("no lexer %q", name)
		}
	}
}

// TestHighlightLazily checks New parses nothing without colour, and the
// lexers wait for the first body that has one.
func TestHighlightLazily(t *testing.T) {
	r, err := New(Options{Style: "dracula"})
	if err != nil {
		t.Fatal(err)
	}
	if r.hl.style != nil || r.hl.lexers != nil {
		t.Error("New without colour parsed the style or the lexers")
	}
	r, err = New(Options{Color: true, Style: "dracula"})
	if err != nil {
		t.Fatal(err)
	}
	if r.hl.style == nil || r.hl.lexers != nil {
		t.Errorf("New with colour: style %v, lexers %v; want the style only", r.hl.style, r.hl.lexers)
	}
	var b strings.Builder
	if err := r.Body(&b, "text/plain", []byte("plain")); err != nil {
		t.Fatal(err)
	}
	if r.hl.lexers != nil {
		t.Error("text/plain, which has no lexer, loaded the lexers")
	}
	if err := r.Body(&b, "text/css", []byte("a { color: red }")); err != nil {
		t.Fatal(err)
	}
	if r.hl.lexers == nil || !strings.Contains(b.String(), "\x1b[") {
		t.Errorf("CSS was not highlighted: %q", b.String())
	}
}

// TestMarkdown checks the adapted markdown lexer: front matter as YAML,
// and fenced code in a language of ours highlighted, in another plain.
func TestMarkdown(t *testing.T) {
	r, err := New(Options{Color: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	text := "---\ntitle: x\n---\n# Title\n\n```css\na { color: red }\n```\n\n```cobol\nDISPLAY 'X'.\n```\n"
	if err := r.Body(&b, "text/markdown", []byte(text)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if plain := stripSGR(out); plain != text {
		t.Errorf("markdown changed the text: %q", plain)
	}
	for _, want := range []string{"title\x1b[0m", "color\x1b[0m", "DISPLAY 'X'."} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown output lacks %q: %q", want, out)
		}
	}
}

// stripSGR removes "\x1b[...m" sequences.
func stripSGR(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], 'm')
		if j < 0 {
			return b.String() + s[i:]
		}
		s = s[i+j+1:]
	}
}
