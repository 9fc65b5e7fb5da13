package render

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, line, text string }{
		{"", "", ""},
		{"plain ASCII ~!@#", "plain ASCII ~!@#", "plain ASCII ~!@#"},
		{`back\slash \x1b`, `back\slash \x1b`, `back\slash \x1b`},
		{"héllo wörld 日本語 😀👍🏽", "héllo wörld 日本語 😀👍🏽", "héllo wörld 日本語 😀👍🏽"},
		{"\ufffd valid replacement char", "\ufffd valid replacement char", "\ufffd valid replacement char"},
		{"a\nb", `a\nb`, "a\nb"},
		{"a\tb", `a\tb`, "a\tb"},
		{"a\rb", `a\rb`, `a\rb`},
		{"a\r\nb", `a\r\nb`, "a\nb"},
		{"a\r\r\nb", `a\r\r\nb`, "a\\r\nb"},
		{"end\r", `end\r`, `end\r`},
		{"\x00\x01\x07\x08", `\x00\x01\x07\x08`, `\x00\x01\x07\x08`},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`, `\x1b[31mred\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`, `\x1b]0;title\x07`},
		{"\x0b\x0c\x1f", `\x0b\x0c\x1f`, `\x0b\x0c\x1f`},
		{"del\x7f", `del\x7f`, `del\x7f`},
		{"c1 \u0080 \u0085 \u009b \u009f", `c1 \u0080 \u0085 \u009b \u009f`, `c1 \u0080 \u0085 \u009b \u009f`},
		{"\u00a0nbsp is fine", "\u00a0nbsp is fine", "\u00a0nbsp is fine"},
		{"bidi \u202a\u202b\u202c\u202d\u202e", `bidi \u202a\u202b\u202c\u202d\u202e`, `bidi \u202a\u202b\u202c\u202d\u202e`},
		{"iso \u2066\u2067\u2068\u2069", `iso \u2066\u2067\u2068\u2069`, `iso \u2066\u2067\u2068\u2069`},
		{"marks \u200e\u200f\u061c", `marks \u200e\u200f\u061c`, `marks \u200e\u200f\u061c`},
		{"zwj \u200d and zwsp \u200b", "zwj \u200d and zwsp \u200b", "zwj \u200d and zwsp \u200b"},
		{"bad \xff\xfe", `bad \xff\xfe`, `bad \xff\xfe`},
		{"cut \xe6\x97", `cut \xe6\x97`, `cut \xe6\x97`},
		{"overlong \xc0\xaf", `overlong \xc0\xaf`, `overlong \xc0\xaf`},
		{"surrogate \xed\xa0\x80", `surrogate \xed\xa0\x80`, `surrogate \xed\xa0\x80`},
		{"raw c1 byte \x9b", `raw c1 byte \x9b`, `raw c1 byte \x9b`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.line {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := SanitizeText(tt.in); got != tt.text {
			t.Errorf("SanitizeText(%q) = %q, want %q", tt.in, got, tt.text)
		}
	}
}

func TestSanitizeNoAllocWhenClean(t *testing.T) {
	s := strings.Repeat("clean text, ünïcödé 😀 ", 100)
	text := s + "\n\t"
	allocs := testing.AllocsPerRun(100, func() {
		_ = Sanitize(s)
		_ = SanitizeText(text)
	})
	if allocs != 0 {
		t.Errorf("clean input allocated %v times", allocs)
	}
}

func TestHumanBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{-1, "0 B"}, {0, "0 B"}, {1, "1 B"}, {512, "512 B"}, {999, "999 B"},
		{1000, "1.0 kB"}, {1234, "1.2 kB"}, {999_949, "999.9 kB"}, {999_950, "1.0 MB"},
		{3_400_000, "3.4 MB"}, {1_000_000_000, "1.0 GB"}, {1 << 62, "4.6 EB"},
		{9_223_372_036_854_775_807, "9.2 EB"},
	}
	for _, tt := range tests {
		if got := HumanBytes(tt.n); got != tt.want {
			t.Errorf("HumanBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestMediaType(t *testing.T) {
	tests := map[string]string{
		"":                                "",
		"application/json":                "application/json",
		"Application/JSON; charset=UTF-8": "application/json",
		"  text/html ;charset=utf-8":      "text/html",
		"garbage":                         "garbage",
	}
	for in, want := range tests {
		if got := MediaType(in); got != want {
			t.Errorf("MediaType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsJSON(t *testing.T) {
	yes := []string{"application/json", "text/json", "application/x-json", "application/problem+json", "application/vnd.api+json", "application/ld+json"}
	no := []string{"", "text/plain", "application/jsonp", "application/json-seq", "text/html", "application/x-ndjson"}
	for _, mt := range yes {
		if !IsJSON(mt) {
			t.Errorf("IsJSON(%q) = false", mt)
		}
	}
	for _, mt := range no {
		if IsJSON(mt) {
			t.Errorf("IsJSON(%q) = true", mt)
		}
	}
}

func TestIsBinary(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	latin1 := []byte("caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade -- mostly ASCII text")
	random := []byte("\x8f\xa3\xff\x12\xe4\x9c\x01\xfe\xc3\x28\xa0\xa1\x80\x81\x90\xf5")
	tests := []struct {
		mt   string
		body []byte
		want bool
	}{
		{"image/png", []byte("not really png"), true},
		{"image/svg+xml", []byte("<svg/>"), false},
		{"audio/mpeg", nil, true},
		{"video/mp4", nil, true},
		{"font/woff2", nil, true},
		{"application/octet-stream", []byte("text"), true},
		{"application/pdf", []byte("%PDF-1.4"), true},
		{"application/zip", nil, true},
		{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil, true},
		{"", png, true},
		{"text/plain", png, true},
		{"application/json", []byte("{\"a\":\x00}"), true},
		{"", random, true},
		{"text/plain", latin1, false},
		{"", []byte("hello\x1b[31m world\r\n"), false},
		{"text/html", []byte("<p>日本語</p>"), false},
		{"", nil, false},
		{"", []byte(strings.Repeat("a", sniffLen-1) + "\xe6\x97\xa5"), false},
	}
	for _, tt := range tests {
		if got := IsBinary(tt.mt, tt.body); got != tt.want {
			t.Errorf("IsBinary(%q, %q) = %v, want %v", tt.mt, tt.body, got, tt.want)
		}
	}
}
