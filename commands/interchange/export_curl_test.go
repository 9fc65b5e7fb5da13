package interchange_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/commands/interchange"
	"github.com/httpsh/httpsh/internal/peertest"
	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestExportCurlShells sends requests with httpsh to a loopback
// recorder, runs `export curl` of each with real bash and real dash and
// the real curl, and checks the recorder got the same request three
// times: multipart bodies, binary ones (one starting with '-'), a text
// body over 128 KiB, and headers httpsh removed (Accept:, User-Agent:)
// or sends empty. Issue 11, item 5.
func TestExportCurlShells(t *testing.T) {
	shells := []string{peer(t, "bash"), peer(t, "dash")}
	peer(t, "curl")
	peer(t, "base64")
	rec := peertest.NewRecorder(t)
	big := strings.Repeat("a line of text that goes on and on, ", 5000) // ~180 KiB
	for _, line := range []string{
		`post /multipart --form name=ada --files doc=@doc.txt --files pic=@pic.bin`,
		`post /binary --data @dash.bin -H 'Content-Type: application/octet-stream'`,
		`put /binary2 --data @pic.bin`,
		`post /big --data @big.txt -H 'Content-Type: text/plain'`,
		`get /suppressed Accept: User-Agent: -H 'X-Empty;'`,
		`post /dash-text --data '--not-an-option'`,
		`get /plain q==1 X-A:1 X-A:2`,
	} {
		t.Run(strings.Fields(line)[1], func(t *testing.T) {
			x, out, _ := scripttest.Executor(t, rec.URL)
			t.Chdir(t.TempDir())
			writeFile(t, "doc.txt", []byte("text\r\nwith CRLF\n"))
			writeFile(t, "pic.bin", []byte("\x00\x01\xff\xfe\r\n--x"))
			writeFile(t, "dash.bin", []byte("--boundary\x00\xff"))
			writeFile(t, "big.txt", []byte(big))
			n := len(rec.Got())
			if err := x.ExecuteLine(context.Background(), line); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
			cmd := interchange.CurlCommand(x.Session.Last().Prepared, x.Session.Settings)
			writeFile(t, "export.sh", []byte(cmd+"\n")) // a 180 KiB body is too long for sh -c
			for _, sh := range shells {
				if b, err := exec.Command(sh, "export.sh").CombinedOutput(); err != nil {
					t.Fatalf("%s: %v\n%.500s\n%.2000s", sh, err, b, cmd)
				}
			}
			got := rec.Got()[n:]
			if len(got) != 1+len(shells) {
				t.Fatalf("recorder got %d requests, want %d\n%s", len(got), 1+len(shells), cmd)
			}
			want := received(t, got[0])
			for i, sh := range shells {
				if have := received(t, got[i+1]); have != want {
					t.Errorf("%s ran:\n%.2000s\nhttpsh sent:\n%.3000s\ncurl sent:\n%.3000s", sh, cmd, want, have)
				}
			}
		})
	}
}
