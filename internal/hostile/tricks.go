package hostile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// Evil is text that would drive a terminal if printed as it is: an
// escape sequence that clears the screen, a C1 CSI as UTF-8 and as a raw
// byte, a bell, a carriage return, DEL, invalid UTF-8 and a bidi
// override.
const Evil = "\x1b[2J\u009b31m\x9b\a\r\x7f\xff\u202eevil"

// EvilHigh is the part of Evil that net/http lets through in header
// values (it refuses C0 controls and DEL there): C1 controls as UTF-8 and
// as a raw byte, invalid UTF-8 and a bidi override.
const EvilHigh = "\u009b31m\x9b\xff\u202eevil"

// EscapesResponse is a raw HTTP/1.1 response with Evil in the reason
// phrase and the body (as text, or inside JSON keys and strings), and
// EvilHigh in a header name's value, a Set-Cookie value and a Location.
func EscapesResponse(contentType string) string {
	body := "plain " + Evil + "\n"
	if strings.Contains(contentType, "json") {
		body = `{"k` + Evil + `": "v` + Evil + `"}`
	}
	return "HTTP/1.1 200 OK" + Evil + "\r\n" +
		"Content-Type: " + contentType + "\r\n" +
		"X-Evil: a" + EvilHigh + "\r\n" +
		"Set-Cookie: c" + EvilHigh + "=v" + EvilHigh + "; Path=/\r\n" +
		"Set-Cookie: d=v" + EvilHigh + "; Path=/\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", len(body)) +
		"Connection: close\r\n\r\n" + body
}

// HeaderFlood writes a 200 response whose header block is about n bytes.
func HeaderFlood(n int) func(net.Conn) {
	return func(c net.Conn) {
		var b bytes.Buffer
		b.WriteString("HTTP/1.1 200 OK\r\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "X-Flood-%d: %s\r\n", i, strings.Repeat("f", 1000))
		}
		b.WriteString("Content-Length: 0\r\n\r\n")
		_, _ = c.Write(b.Bytes())
	}
}

// Drip is a slowloris: it writes a status line and then one header byte
// every interval, forever, until the client hangs up.
func Drip(interval time.Duration) func(net.Conn) {
	return func(c net.Conn) {
		if _, err := io.WriteString(c, "HTTP/1.1 200 OK\r\nX-Slow: "); err != nil {
			return
		}
		for {
			time.Sleep(interval)
			if _, err := c.Write([]byte("z")); err != nil {
				return
			}
		}
	}
}

// Endless answers 200 with a chunked body that never ends, until the
// client hangs up.
func Endless() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			if r.Context().Err() != nil {
				return
			}
		}
	})
}

// Truncated promises a Content-Length of promised bytes, sends sent of
// them and closes the connection.
func Truncated(promised, sent int) func(net.Conn) {
	return func(c net.Conn) {
		fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", promised, strings.Repeat("t", sent))
	}
}

// GzipBomb answers with a gzip Content-Encoding body that inflates to
// size zero bytes (about size/1000 on the wire).
func GzipBomb(size int64) http.Handler {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(zero)) {
		_, _ = zw.Write(zero[:min(left, int64(len(zero)))])
	}
	_ = zw.Close()
	bomb := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(bomb)
	})
}

// Disposition answers 200 with a body and Content-Disposition: cd.
func Disposition(cd string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Disposition", cd)
		w.Header().Set("Content-Type", "application/octet-stream")
		io.WriteString(w, "payload")
	})
}
