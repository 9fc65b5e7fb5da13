package repl

import (
	"bytes"
	"strings"
	"testing"
)

// TestInputLimits: a line or a command too long for memory is refused
// with one error line and a usage status, whatever mode it arrives in.
func TestInputLimits(t *testing.T) {
	huge := strings.Repeat("x", 2<<20)
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"stdin line", nil, "echo " + huge + "\n", "stdin:1: error: line longer than 1048576 bytes"},
		{"stdin second line", nil, "echo hi\necho " + huge + "\n", "stdin:2: error: line longer than"},
		{"-c line", []string{"-c", "echo " + huge}, "", "-c 1: error: line too long"},
		{"heredoc", nil, "echo x <<END\n" + strings.Repeat(strings.Repeat("y", 1<<19)+"\n", 40) + "END\n", "stdin:1: error: command longer than 16MiB with its input"},
		{"continuation", nil, strings.Repeat(strings.Repeat("z", 1<<19)+"\\\n", 40) + "\n", "stdin:1: error: command longer than 16MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			st := Streams{Stdin: strings.NewReader(tt.stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
			status := Main(append([]string{"--no-history"}, tt.args...), st)
			if status != 2 {
				t.Errorf("status %d, want 2", status)
			}
			if got := errOut.String(); !strings.HasPrefix(got, tt.want) || strings.Count(got, "\n") != 1 {
				t.Errorf("stderr %.200q, want one line starting %q", got, tt.want)
			}
		})
	}
}

// TestLineOfExactlyOneMiB: a line of exactly 1048576 bytes (the limit)
// passes the reader, with \n and with \r\n (issue 11 item 28); one byte
// more is refused.
func TestLineOfExactlyOneMiB(t *testing.T) {
	// "echo " + padding: the whole line is 1 MiB.
	line := "echo " + strings.Repeat("x", 1<<20-len("echo "))
	for _, eol := range []string{"\n", "\r\n"} {
		var out, errOut bytes.Buffer
		st := Streams{Stdin: strings.NewReader(line + eol), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
		if status := Main([]string{"--no-history"}, st); status != 0 {
			t.Fatalf("eol %q: status %d, stderr %.200q", eol, status, errOut.String())
		}
		if out.Len() != 1<<20-len("echo ")+1 {
			t.Errorf("eol %q: echoed %d bytes, want %d", eol, out.Len(), 1<<20-len("echo ")+1)
		}
	}
	var out, errOut bytes.Buffer
	st := Streams{Stdin: strings.NewReader(line + "x\n"), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	if status := Main([]string{"--no-history"}, st); status != 2 || !strings.Contains(errOut.String(), "1048576") {
		t.Errorf("1 MiB + 1: status %d, stderr %.200q", status, errOut.String())
	}
}
