package render

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func FuzzBody(f *testing.F) {
	for _, c := range bodyCases(f) {
		f.Add(c.contentType, c.body)
	}
	f.Add("application/json", []byte(`{"a":"\u202e`+"\u202e\x85\xc2\x85"+`"}`))
	f.Add("text/css", []byte("p{color:red}\x1b[2J\r\n"))
	f.Add("text/markdown", []byte("# title\n\n* item \x9b\n"))
	plain, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	colour, err := New(Options{Color: true, MaxHighlight: 4096})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		for _, r := range []*Renderer{plain, colour} {
			var out bytes.Buffer
			if err := r.Body(&out, contentType, body); err != nil {
				t.Fatal(err)
			}
			checkSafe(t, out.Bytes(), r.color)
			if len(body) > 0 && !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
				t.Fatalf("output %q does not end with a newline", out.Bytes())
			}
		}
	})
}

func FuzzIndentJSON(f *testing.F) {
	for _, c := range bodyCases(f) {
		f.Add(c.body)
	}
	f.Add([]byte(`{"a":[1,{"b":null}],"c":"` + "\x7f\xff\u2066" + `"}`))
	f.Add([]byte(`[[[[[[[[[[]]]]]]]]]]`))
	f.Add([]byte(`-0.0e-0`))
	f.Add([]byte(`01`))
	p := &Palette{Key: "\x1b[31m", String: "\x1b[32m", Number: "\x1b[33m", Literal: "\x1b[34m", Punct: "", Reset: "\x1b[0m"}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out, coloured bytes.Buffer
		err := IndentJSON(&out, data, nil)
		cerr := IndentJSON(&coloured, data, p)
		valid := json.Valid(data)
		if (err == nil) != valid || (cerr == nil) != valid {
			t.Fatalf("json.Valid = %v but IndentJSON errors %v / %v for %q", valid, err, cerr, data)
		}
		for _, flush := range []int{1, 16, flushAt} {
			var held bytes.Buffer
			if ok, _ := indentValidAt(&held, data, p, len(data), flush); ok != valid || (valid && !bytes.Equal(held.Bytes(), coloured.Bytes())) || (!valid && held.Len() > 0) {
				t.Fatalf("flush %d: indentValidAt = %v, json.Valid %v, output %q", flush, ok, valid, held.Bytes())
			}
		}
		if !valid {
			return
		}
		checkSafe(t, out.Bytes(), false)
		checkSafe(t, coloured.Bytes(), true)
		if !bytes.Equal(sgr.ReplaceAll(coloured.Bytes(), nil), out.Bytes()) {
			t.Fatalf("coloured output differs from plain:\n%q\n%q", coloured.Bytes(), out.Bytes())
		}
		if !json.Valid(out.Bytes()) {
			t.Fatalf("output is not valid JSON: %q", out.Bytes())
		}
		if in, got := decode(t, data), decode(t, out.Bytes()); !reflect.DeepEqual(in, got) {
			t.Fatalf("value changed:\n in: %#v\nout: %#v", in, got)
		}
	})
}

func decode(t *testing.T, data []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %q: %v", data, err)
	}
	return v
}
