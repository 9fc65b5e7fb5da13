package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestIndentXML(t *testing.T) {
	in := `<?xml version="1.0"?><!-- c --><a:root xmlns:a="urn:x"><item id="1" q='x&amp;"y'>text &lt;b&gt;</item><empty/><list>
	  <li>one</li><li><b>two</b></li></list></a:root>`
	want := `<?xml version="1.0"?>
<!-- c -->
<a:root xmlns:a="urn:x">
  <item id="1" q="x&amp;&#34;y">text &lt;b&gt;</item>
  <empty></empty>
  <list>
    <li>one</li>
    <li>
      <b>two</b>
    </li>
  </list>
</a:root>`
	got, ok := IndentXML([]byte(in))
	if !ok || string(got) != want {
		t.Fatalf("got (%v)\n%s", ok, got)
	}
}

// TestIndentXMLInvalid: not well-formed input comes back as it is.
func TestIndentXMLInvalid(t *testing.T) {
	for _, in := range []string{"<a><b></a>", "<a>", "not xml <", "<a></a><", "<a x=1/>"} {
		got, ok := IndentXML([]byte(in))
		if ok || string(got) != in {
			t.Errorf("%q: ok %v, %q", in, ok, got)
		}
	}
	big := bytes.Repeat([]byte("<a></a>"), MaxMarkupIndent/7+1)
	if got, ok := IndentXML(big); ok || len(got) != len(big) {
		t.Error("over the cap indented")
	}
}

// TestIndentXMLDeep: hostile nesting is indented at most 64 levels.
func TestIndentXMLDeep(t *testing.T) {
	in := strings.Repeat("<a>", 5000) + "x" + strings.Repeat("</a>", 5000)
	got, ok := IndentXML([]byte(in))
	if !ok || len(got) > 5000*2*(4+2*64+1)+100 {
		t.Fatalf("ok %v, %d bytes", ok, len(got))
	}
}

func TestIndentHTML(t *testing.T) {
	in := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>T &amp; U</title>
<style>p { color: red }
</style></head><body><p>Hello <b>world</b></p><br><img src=x.png /><pre>  keep
   this</pre><ul><li>unclosed<li>two</ul></body></html>`
	want := `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>T &amp; U</title>
    <style>p { color: red }
</style>
  </head>
  <body>
    <p>
      Hello
      <b>world</b>
    </p>
    <br>
    <img src=x.png />
    <pre>  keep
   this</pre>
    <ul>
      <li>unclosed
      <li>two
    </ul>
  </body>
</html>`
	got, ok := IndentHTML([]byte(in))
	if !ok || string(got) != want {
		t.Fatalf("got (%v)\n%s", ok, got)
	}
}

func FuzzIndentMarkup(f *testing.F) {
	f.Add("<a><b>x</b></a>")
	f.Add("<p>x<br><script>if (a<b) {}</script>")
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := IndentXML([]byte(s)); !ok && string(got) != s {
			t.Fatal("invalid XML changed")
		}
		_, _ = IndentHTML([]byte(s))
	})
}

func BenchmarkIndentXML(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString("<items>")
	for doc.Len() < 5<<20 {
		doc.WriteString(`<item id="42"><name>caf&#233; au lait</name><price>1.50</price><tags><t>a</t><t>b</t></tags></item>`)
	}
	doc.WriteString("</items>")
	b.SetBytes(int64(doc.Len()))
	for b.Loop() {
		if _, ok := IndentXML(doc.Bytes()); !ok {
			b.Fatal("not indented")
		}
	}
}
