package render

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestIndentJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`1`, `1`},
		{` -0.5e+7 `, `-0.5e+7`},
		{`"a\u0000b"`, `"a\u0000b"`},
		{`{}`, `{}`},
		{"[ \n\t]", `[]`},
		{`{"a":1}`, "{\n  \"a\": 1\n}"},
		{`[1,[2,{"b":[]}]]`, "[\n  1,\n  [\n    2,\n    {\n      \"b\": []\n    }\n  ]\n]"},
		{`{"z":1,"a":2}`, "{\n  \"z\": 1,\n  \"a\": 2\n}"},
		{"\"\x7f\xc2\x85\xe2\x80\xae\xff ok é\"", `"\u007f\u0085\u202e\ufffd ok é"`},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := IndentJSON(&b, []byte(tt.in), nil); err != nil {
			t.Errorf("IndentJSON(%q): %v", tt.in, err)
			continue
		}
		if b.String() != tt.want {
			t.Errorf("IndentJSON(%q) =\n%s\nwant\n%s", tt.in, b.String(), tt.want)
		}
	}
}

func TestIndentJSONInvalid(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{`, `}`, `[1,]`, `{"a"}`, `{"a":}`, `{1:2}`, `01`, `-`, `1.`, `1e`, `.5`, `+1`,
		`tru`, `nul`, `"abc`, `"\x"`, `"\u12G4"`, "\"a\nb\"", `1 2`, `[1] x`, `{"a":1,}`, `'a'`,
		`NaN`, `[1 2]`, `{"a" 1}`, "\xef\xbb\xbf{}",
	} {
		var b strings.Builder
		if err := IndentJSON(&b, []byte(in), nil); err == nil {
			t.Errorf("IndentJSON(%q) accepted invalid JSON, wrote %q", in, b.String())
		}
		if json.Valid([]byte(in)) {
			t.Errorf("test case %q is valid JSON", in)
		}
	}
}

func TestIndentJSONDepth(t *testing.T) {
	for _, depth := range []int{maxJSONDepth, maxJSONDepth + 1} {
		in := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		var b strings.Builder
		err := IndentJSON(&b, in, nil)
		if (err == nil) != json.Valid(in) {
			t.Errorf("depth %d: IndentJSON error %v, json.Valid %v", depth, err, json.Valid(in))
		}
		if err == nil {
			for line := range strings.SplitSeq(b.String(), "\n") {
				if n := len(line) - len(strings.TrimLeft(line, " ")); n > 2*maxIndentLevel {
					t.Fatalf("depth %d: indentation %d exceeds the cap", depth, n)
				}
			}
		}
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestIndentJSONWriteError(t *testing.T) {
	if err := IndentJSON(failWriter{}, []byte(`{"a":[1,2,3]}`), nil); !errors.Is(err, errWrite) {
		t.Errorf("IndentJSON to a failing writer = %v, want %v", err, errWrite)
	}
	r, _ := New(Options{})
	if err := r.Body(failWriter{}, "text/plain", []byte("x")); !errors.Is(err, errWrite) {
		t.Errorf("Body to a failing writer = %v, want %v", err, errWrite)
	}
}

// TestIndentValidJSON checks the one-pass validating printer against
// json.Valid and IndentJSON, with flush thresholds small enough to check
// the rest of the input mid-document.
func TestIndentValidJSON(t *testing.T) {
	inputs := []string{
		`{"a":[1,{"b":null}],"c":"x"}`, `[[[[]]]]`, `[1,2,3,]`, `{"a":1,"b":[true,false,null],"c":{"d":"\u00e9"}}`,
		`{"a":1,"b":[true,false,nul]}`, `{"a":1 "b":2}`, `[1,2] 3`, `[1,2]  `, `{"a":{"b":{"c":[]}},"d":-1.5e+3}`,
		`{"a":{"b":{"c":[]}},"d":-1.5e+}`, `["\x"]`, "[\"\x7f\xff\"]", "[\"a\tb\"]", `{"k":}`, `{"k" :1 , "l" : [ 1 , 2 ] }`,
		`[{}, [], {"a":{}}]`, `{"a":"b",}`, `[01]`, `[1.]`, `["\u12"]`,
		string(benchJSON(3000)), string(benchJSON(3000)) + "x", string(benchJSON(3000)[:2900]),
		strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth),
		strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1),
	}
	p := &Palette{Key: "\x1b[31m", String: "\x1b[32m", Reset: "\x1b[0m"}
	for _, in := range inputs {
		valid := json.Valid([]byte(in))
		var want strings.Builder
		_ = IndentJSON(&want, []byte(in), p)
		for _, flush := range []int{1, 7, 64, 1000, flushAt} {
			var b strings.Builder
			ok, err := indentValidAt(&b, []byte(in), p, len(in), flush)
			if err != nil || ok != valid {
				t.Errorf("flush %d, %.40q: valid %v, err %v; json.Valid %v", flush, in, ok, err, valid)
				continue
			}
			if !valid && b.Len() != 0 {
				t.Errorf("flush %d, %.40q: invalid JSON wrote %d bytes", flush, in, b.Len())
			}
			if valid && b.String() != want.String() {
				t.Errorf("flush %d, %.40q: output differs from IndentJSON", flush, in)
			}
		}
	}
}
