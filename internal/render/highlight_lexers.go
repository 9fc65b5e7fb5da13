package render

import (
	"io/fs"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

const lexersDir = "chroma/lexers"

// lexerByType maps media types to chroma lexer names: those of the files in
// lexersDir, and markdown. text/plain and
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
func (h *highlighter) lexerFor(mediaType string) chroma.Lexer {
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
	return h.registry().Get(name)
}

// registry returns h's lexers, parsing and registering them on the first
// call. A registry of h's own, not a global one, resolves the lexers that
// others use, such as JavaScript and CSS in HTML.
func (h *highlighter) registry() *chroma.LexerRegistry {
	h.lexersOnce.Do(func() { h.lexers = newLexerRegistry() })
	return h.lexers
}

// newLexerRegistry registers the lexers of lexersDir and markdown. A lexer
// whose file does not parse is left out (a test parses them all). Only the
// configurations are parsed here; chroma parses a lexer's rules when it
// first tokenises.
func newLexerRegistry() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	paths, _ := fs.Glob(assets, lexersDir+"/*.xml")
	for _, path := range paths {
		if lexer, err := chroma.NewXMLLexer(assets, path); err == nil {
			reg.Register(lexer)
		}
	}
	reg.Register(newMarkdownLexer())
	return reg
}
