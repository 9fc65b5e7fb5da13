package render

import (
	"fmt"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// This is the only file that imports chroma.
//
// Output uses chroma's terminal256 formatter: 256-colour SGR sequences work
// in practically every terminal in use (Terminal.app, tmux and screen
// without extra configuration included), whereas 24-bit colour does not,
// and the closest-colour mapping keeps the styles recognisable.

// defaultStyle is used when Options.Style is empty.
const defaultStyle = "monokai"

// highlighter colours text with one chroma style.
type highlighter struct {
	style *chroma.Style
}

// newHighlighter looks up the named style, case-insensitively.
func newHighlighter(name string) (*highlighter, error) {
	if name == "" {
		name = defaultStyle
	}
	style, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("%w %q (try monokai, dracula, github-dark, nord or solarized-dark)", ErrUnknownStyle, Sanitize(name))
	}
	return &highlighter{style: style}, nil
}

func styleNames() []string { return styles.Names() }

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
	tokens := make([]chroma.Token, len(themeTypes))
	for i, tt := range themeTypes {
		tokens[i] = chroma.Token{Type: tt, Value: string(rune('A' + i))}
	}
	var b strings.Builder
	if err := formatters.TTY256.Format(&b, h.style, chroma.Literator(tokens...)); err != nil {
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

// lexerByType maps media types to chroma lexer names. text/plain and
// anything not listed are not highlighted.
var lexerByType = map[string]string{
	"text/html":                "html",
	"application/xhtml+xml":    "html",
	"text/xml":                 "xml",
	"application/xml":          "xml",
	"text/javascript":          "javascript",
	"application/javascript":   "javascript",
	"application/x-javascript": "javascript",
	"application/ecmascript":   "javascript",
	"text/ecmascript":          "javascript",
	"text/css":                 "css",
	"application/yaml":         "yaml",
	"application/x-yaml":       "yaml",
	"text/yaml":                "yaml",
	"text/x-yaml":              "yaml",
	"text/markdown":            "markdown",
	"text/x-markdown":          "markdown",
	"text/csv":                 "csv",
	"application/toml":         "toml",
	"application/graphql":      "graphql",
	"application/sql":          "sql",
	"application/x-sh":         "bash",
	"text/x-shellscript":       "bash",
	"text/x-python":            "python",
	"text/x-diff":              "diff",
	"text/x-patch":             "diff",
}

// lexerFor chooses the lexer for a media type as returned by MediaType,
// or nil for none.
func lexerFor(mediaType string) chroma.Lexer {
	name, ok := lexerByType[mediaType]
	if !ok {
		switch {
		case strings.HasSuffix(mediaType, "+xml"):
			name = "xml"
		case strings.HasSuffix(mediaType, "+yaml"):
			name = "yaml"
		default:
			return nil
		}
	}
	return lexers.Get(name)
}

// highlight colours text, which must already be sanitised, as mediaType.
// It reports false when there is no lexer for the type or chroma fails
// (an error or a panic); the caller then prints text plain. The output
// contains text's characters plus SGR sequences, nothing else.
func (h *highlighter) highlight(mediaType, text string) (out string, ok bool) {
	lexer := lexerFor(mediaType)
	if lexer == nil {
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
	if err := formatters.TTY256.Format(&b, h.style, it); err != nil {
		return "", false
	}
	return b.String(), true
}
