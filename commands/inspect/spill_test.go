package inspect_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/httpsh/httpsh/internal/scripttest"
)

// TestSpilledBody: with a body over body-limit every command that reads
// bodies copes: printing shows one line, save copies the file whole,
// expect body contains reads it in pieces, the JSON commands refuse
// naming body-limit, diff marks the body (export har: the interchange
// family's TestHARSpilledBody).
func TestSpilledBody(t *testing.T) {
	big := `{"items": ["` + strings.Repeat("x", 200<<10) + `"], "end": "needle"}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(big))
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	x, out, _ := scripttest.Executor(t, srv.URL)
	x.Session.Settings.BodyLimit = 64 << 10
	for _, line := range []string{"get /a", "get /b"} {
		if err := x.ExecuteLine(context.Background(), line); err != nil {
			t.Fatal(err)
		}
	}
	if want := "[body of 204.8 kB kept in a temporary file: save FILE to keep it, or use -o FILE next time]\n"; !strings.HasSuffix(out.String(), want) {
		t.Fatalf("printed %q, want it to end with %q", out.String()[max(0, out.Len()-200):], want)
	}
	for _, tc := range []struct {
		line string
		msg  string // "" for success
	}{
		{"save " + filepath.Join(dir, "body.json"), ""},
		{`expect body contains '"end": "needle"'`, ""},
		{"expect body contains missing", "not in the body (204.8 kB, starts with"},
		{"json .end", "json: the body of 204.8 kB is too large to parse in memory (over body-limit 64KiB"},
		{"capture v json .end", "too large to parse in memory"},
		{"expect json .end == needle", "set body-limit"},
	} {
		err := x.ExecuteLine(context.Background(), tc.line)
		if (tc.msg == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.msg)) {
			t.Errorf("%s: %v, want %q", tc.line, err, tc.msg)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "body.json")); err != nil || !bytes.Equal(b, []byte(big)) {
		t.Errorf("save wrote %d bytes, err %v", len(b), err)
	}
	out.Reset()
	if err := x.ExecuteLine(context.Background(), "diff 1 2"); err != nil || !strings.Contains(out.String(), "in a temporary file, not compared") {
		t.Errorf("diff: %v\n%s", err, out)
	}
}
