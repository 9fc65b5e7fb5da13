package commands

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		line string
		want []string
		err  string
	}{
		{`get /get`, []string{"get", "/get"}, ""},
		{`  get   /get  `, []string{"get", "/get"}, ""},
		{``, nil, ""},
		{`# only a comment`, nil, ""},
		{`get /get # a comment`, []string{"get", "/get"}, ""},
		{`get /a#frag`, []string{"get", "/a#frag"}, ""},
		{`post /post --json '{"a": 1}'`, []string{"post", "/post", "--json", `{"a": 1}`}, ""},
		{`echo 'it''s'`, []string{"echo", "its"}, ""},
		{`echo "a \"quoted\" word"`, []string{"echo", `a "quoted" word`}, ""},
		{`echo "{\"a\": \"x\\ny\"}"`, []string{"echo", `{"a": "x\ny"}`}, ""},
		{`echo "keep \n and \t"`, []string{"echo", `keep \n and \t`}, ""},
		{`echo a\ b`, []string{"echo", "a b"}, ""},
		{`echo a\:b=c`, []string{"echo", "a:b=c"}, ""},
		{`echo ''`, []string{"echo", ""}, ""},
		{`echo "a"'b'c`, []string{"echo", "abc"}, ""},
		{`echo '#not a comment'`, []string{"echo", "#not a comment"}, ""},
		{`echo 'open`, nil, "unbalanced ' at column 6: close the quote"},
		{`echo "open`, nil, `unbalanced " at column 6: close the quote`},
		{`echo trailing\`, []string{"echo", "trailing"}, ""},
		{"echo tab\tsep", []string{"echo", "tab", "sep"}, ""},
	}
	for _, tc := range tests {
		got, err := Split(tc.line)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("Split(%q) error = %v, want %q", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Split(%q) = %q, %v; want %q", tc.line, got, err, tc.want)
		}
	}
}

func TestQuoteRoundTrip(t *testing.T) {
	for _, w := range []string{"", "plain", "two words", `it's`, `{"a": "b"}`, `back\slash`, "#hash", "{{var}}", "tab\there", `"`, `'`} {
		got, err := Split("x " + Quote(w))
		if err != nil || len(got) != 2 || got[1] != w {
			t.Errorf("Quote(%q) = %s; Split gives %q, %v", w, Quote(w), got, err)
		}
	}
}

// TestSplitCurl: the Curl dialect adds bash's $'...' strings, comments to
// the end of a physical line, CRLF continuations and a literal last
// backslash.
func TestSplitCurl(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{`curl $'a\nb\x41\101\u00e9\'' x`, []string{"curl", "a\nbAAé'", "x"}},
		{"curl # note\n http://x", []string{"curl", "http://x"}},
		{"curl \\\r\n -k", []string{"curl", "-k"}},
		{`curl x\`, []string{"curl", `x\`}},
		{`echo $'x'`, []string{"echo", "x"}},
	}
	for _, tc := range tests {
		got, err := SplitDialect(tc.line, Curl)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitDialect(%q, Curl) = %q, %v; want %q", tc.line, got, err, tc.want)
		}
	}
	if got, _ := Split(`echo $'x'`); !reflect.DeepEqual(got, []string{"echo", "$x"}) {
		t.Errorf("Shell reads $'x' as %q, want $x", got)
	}
}
