package render

import (
	"strings"
	"testing"
)

func plainRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStatus(t *testing.T) {
	r := plainRenderer(t)
	tests := []struct {
		proto  string
		code   int
		reason string
		want   string
	}{
		{"HTTP/1.1", 405, "METHOD NOT ALLOWED", "HTTP/1.1 405 METHOD NOT ALLOWED\n"},
		{"HTTP/2.0", 204, "", "HTTP/2.0 204\n"},
		{"HTTP/1.1", 200, "OK\r\n\x1b[2J", `HTTP/1.1 200 OK\r\n\x1b[2J` + "\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		r.Status(&b, tt.proto, tt.code, tt.reason)
		if b.String() != tt.want {
			t.Errorf("Status(%q, %d, %q) = %q, want %q", tt.proto, tt.code, tt.reason, b.String(), tt.want)
		}
	}
}

func TestStatusColour(t *testing.T) {
	r, err := New(Options{Color: true})
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[int]string{101: "36", 200: "32", 302: "33", 404: "31", 503: "31"} {
		var b strings.Builder
		r.Status(&b, "HTTP/1.1", code, "X")
		if !strings.Contains(b.String(), "\x1b[1;"+want+"m") {
			t.Errorf("status %d: %q lacks colour %s", code, b.String(), want)
		}
		checkSafe(t, []byte(b.String()), true)
	}
}

func TestRequestLine(t *testing.T) {
	var b strings.Builder
	plainRenderer(t).RequestLine(&b, "GET", "/get?a=1\n", "HTTP/1.1")
	if want := `GET /get?a=1\n HTTP/1.1` + "\n"; b.String() != want {
		t.Errorf("RequestLine = %q, want %q", b.String(), want)
	}
}

func TestHeaders(t *testing.T) {
	fields := []Field{
		{"Content-Type", "application/json"},
		{"X-Evil\r\n", "a\r\nSet-Cookie: x=1\x1b]8;;http://evil\x07"},
		{"Date", "Mon, 01 Jan 2024 00:00:00 GMT"},
	}
	var b strings.Builder
	plainRenderer(t).Headers(&b, fields)
	want := "Content-Type: application/json\n" +
		`X-Evil\r\n: a\r\nSet-Cookie: x=1\x1b]8;;http://evil\x07` + "\n" +
		"Date: Mon, 01 Jan 2024 00:00:00 GMT\n"
	if b.String() != want {
		t.Errorf("Headers =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestAnnotatedHeaders(t *testing.T) {
	fields := []Field{
		{"Accept", "*/*"},
		{"X-Token", "abc"},
		{"Cookie", "session=1"},
		{"User-Agent", "httpsh"},
	}
	notes := []string{"", "session header", "cookie jar: httpbin.org /"}
	var b strings.Builder
	plainRenderer(t).AnnotatedHeaders(&b, fields, notes)
	want := "Accept: */*\n" +
		"X-Token: abc       # session header\n" +
		"Cookie: session=1  # cookie jar: httpbin.org /\n" +
		"User-Agent: httpsh\n"
	if b.String() != want {
		t.Errorf("AnnotatedHeaders =\n%s\nwant\n%s", b.String(), want)
	}

	long := []Field{{"A", "1"}, {"Long", strings.Repeat("x", 100)}}
	b.Reset()
	plainRenderer(t).AnnotatedHeaders(&b, long, []string{"n1", "n2\x1b"})
	want = "A: 1" + strings.Repeat(" ", maxNoteColumn-4+2) + "# n1\n" +
		"Long: " + strings.Repeat("x", 100) + `  # n2\x1b` + "\n"
	if b.String() != want {
		t.Errorf("AnnotatedHeaders long =\n%q\nwant\n%q", b.String(), want)
	}
}

func TestTable(t *testing.T) {
	var b strings.Builder
	plainRenderer(t).Table(&b, []string{"#", "method", "url", "status"}, [][]string{
		{"1", "GET", "http://x/日本", "200"},
		{"12", "POST", "http://x/\x1b[2J", "404"},
		{"3", "DELETE"},
		{"4", "GET", "", "500", "extra"},
	})
	want := "" +
		"#   method  url               status\n" +
		"1   GET     http://x/日本     200\n" +
		`12  POST    http://x/\x1b[2J  404` + "\n" +
		"3   DELETE\n" +
		"4   GET                       500     extra\n"
	if b.String() != want {
		t.Errorf("Table =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestTableColour(t *testing.T) {
	r, err := New(Options{Color: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.Table(&b, []string{"a", "b"}, [][]string{{"1", "2"}})
	if want := "\x1b[1ma  b\x1b[0m\n1  2\n"; b.String() != want {
		t.Errorf("Table = %q, want %q", b.String(), want)
	}
}

func TestError(t *testing.T) {
	var b strings.Builder
	plainRenderer(t).Error(&b, "GET http://x: connection refused\x1b[2J\n")
	if want := `error: GET http://x: connection refused\x1b[2J` + "\n"; b.String() != want {
		t.Errorf("Error = %q, want %q", b.String(), want)
	}
	r, _ := New(Options{Color: true})
	b.Reset()
	r.Error(&b, "boom")
	if want := "\x1b[31merror:\x1b[0m boom\n"; b.String() != want {
		t.Errorf("Error = %q, want %q", b.String(), want)
	}
}
