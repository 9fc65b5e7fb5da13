package render

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
)

// Only the files highlight*.go import chroma, and only its core and
// formatters packages: chroma/lexers and chroma/styles parse every
// definition they embed at init, two thirds of httpsh's start-up. Render
// embeds copies of the definitions it uses instead (chroma/README.md) and
// parses them when a Renderer first needs them.
//
// Output uses chroma's terminal256 formatter: 256-colour SGR sequences work
// in practically every terminal in use (Terminal.app, tmux and screen
// without extra configuration included), whereas 24-bit colour does not,
// and the closest-colour mapping keeps the styles recognisable.

// defaultStyle is used when Options.Style is empty.
const defaultStyle = "monokai"

// assets holds chroma's definitions: chroma/styles/NAME.xml, where NAME is
// the style's name in lower case, and chroma/lexers/*.xml.
//
//go:embed chroma/styles/*.xml chroma/lexers/*.xml
var assets embed.FS

const stylesDir = "chroma/styles"

// highlighter colours text with one chroma style. It parses the style and
// the lexers on first use, each once; it is safe for concurrent use.
type highlighter struct {
	styleName string // lower case, the name of a file in stylesDir

	styleOnce sync.Once
	style     *chroma.Style // nil if the style did not parse

	lexersOnce sync.Once
	lexers     *chroma.LexerRegistry
}

// newHighlighter checks the named style exists, case-insensitively,
// without parsing it.
func newHighlighter(name string) (*highlighter, error) {
	if name == "" {
		name = defaultStyle
	}
	lower := strings.ToLower(name)
	if !hasStyle(lower) {
		return nil, fmt.Errorf("%w %q (try monokai, dracula, github-dark, nord or solarized-dark)", ErrUnknownStyle, Sanitize(name))
	}
	return &highlighter{styleName: lower}, nil
}

// stylePath is the file of a lower-case style name.
func stylePath(name string) string { return stylesDir + "/" + name + ".xml" }

// hasStyle reports whether a lower-case name has a style file.
func hasStyle(name string) bool {
	if name == "" || strings.ContainsAny(name, `/\`) || !fs.ValidPath(stylePath(name)) {
		return false
	}
	_, err := fs.Stat(assets, stylePath(name))
	return err == nil
}

// styleNames lists the style files' names, sorted.
func styleNames() []string {
	entries, _ := fs.ReadDir(assets, stylesDir)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".xml"); ok {
			names = append(names, name)
		}
	}
	slices.Sort(names) // not ReadDir's order: "github" < "github-dark" but "github-dark.xml" < "github.xml"
	return names
}

// loadStyle parses a lower-case style name's file.
func loadStyle(name string) (*chroma.Style, error) {
	f, err := assets.Open(stylePath(name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return chroma.NewXMLStyle(f)
}

// getStyle returns h's style, parsing it on the first call, or nil if it
// does not parse (a test parses them all).
func (h *highlighter) getStyle() *chroma.Style {
	h.styleOnce.Do(func() {
		if style, err := loadStyle(h.styleName); err == nil {
			h.style = style
		}
	})
	return h.style
}

// themeTypes are the token types whose colours the palette takes, in the
// order of the fields of theme.
var themeTypes = [...]chroma.TokenType{
	chroma.NameTag, chroma.LiteralString, chroma.LiteralNumber,
	chroma.KeywordConstant, chroma.Punctuation, chroma.Comment,
}

// theme is the palette and the comment colour of a style.
type theme struct {
	palette Palette
	comment string
}

// theme asks the terminal256 formatter for the sequence of each token type,
// so JSON and chroma-highlighted text use the same colours.
func (h *highlighter) theme() theme {
	style := h.getStyle()
	if style == nil {
		return theme{palette: Palette{Reset: sgrReset}}
	}
	tokens := make([]chroma.Token, len(themeTypes))
	for i, tt := range themeTypes {
		tokens[i] = chroma.Token{Type: tt, Value: string(rune('A' + i))}
	}
	var b strings.Builder
	if err := formatters.TTY256.Format(&b, style, chroma.Literator(tokens...)); err != nil {
		return theme{palette: Palette{Reset: sgrReset}}
	}
	seqs := splitSequences(b.String(), len(tokens))
	return theme{
		palette: Palette{Key: seqs[0], String: seqs[1], Number: seqs[2],
			Literal: seqs[3], Punct: seqs[4], Reset: sgrReset},
		comment: seqs[5],
	}
}

// splitSequences parses the formatter's output for n one-letter tokens
// 'A', 'B', ... into the sequence that preceded each letter.
func splitSequences(out string, n int) []string {
	seqs := make([]string, n)
	for i := range n {
		j := strings.IndexByte(out, byte('A'+i))
		if j < 0 {
			break
		}
		seqs[i] = out[:j]
		out = strings.TrimPrefix(out[j+1:], sgrReset)
	}
	return seqs
}

// highlight colours text, which must already be sanitised, as mediaType.
// It reports false when there is no lexer for the type or chroma fails
// (an error or a panic); the caller then prints text plain. The output
// contains text's characters plus SGR sequences, nothing else.
func (h *highlighter) highlight(mediaType, text string) (out string, ok bool) {
	style := h.getStyle()
	lexer := h.lexerFor(mediaType)
	if style == nil || lexer == nil {
		return "", false
	}
	defer func() {
		if recover() != nil {
			out, ok = "", false
		}
	}()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, text)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(text) * 2)
	if err := formatters.TTY256.Format(&b, style, it); err != nil {
		return "", false
	}
	return b.String(), true
}
