package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// needPeer returns the path of a peer tool; when it is missing the test
// skips, but fails under CI=true (.ci/run installs the peers).
func needPeer(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed and CI=true: %s", name, install)
	}
	t.Skipf("%s not installed: %s", name, install)
	return ""
}

// TestSuiteReportsForTheirConsumers runs a suite with passing and failing
// files and hands each report to its real reader: xmllint with the
// JUnit schema, prove for TAP, our JSON Schema, and headless Chromium
// for the HTML page, whose text must hold each failure with the request
// and response behind it.
func TestSuiteReportsForTheirConsumers(t *testing.T) {
	srv := startSuiteServer(t)
	xsd := junitXSD(t)
	schemaPath, err := filepath.Abs(filepath.Join("testdata", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{
		"api/ok.hsh":     "get /slow?ms=5 --show status\nexpect status 200\nexpect json .n == 5\n",
		"api/fail.hsh":   "get /slow?ms=1 X-Api-Key:topsecret --show status\nexpect json .name == \"<b>fast</b>\"\n",
		"other/fail.hsh": "get /flaky/z?fail=9 --show status\nexpect status 200\n",
		"broken.hsh":     "get http://127.0.0.1:1/refused\n",
	})
	status, _, stderr := runHTTPSH(t, "", "--test", "--keep-going", "--base", srv.URL,
		"--report", "junit", "r.xml", "--report", "tap=r.tap", "--report", "json", "r.json", "--report", "html", "r.html", "api", "other", "broken.hsh")
	if status != 1 {
		t.Fatalf("status %d, want 1: %s", status, stderr)
	}
	t.Run("junit/xmllint", func(t *testing.T) {
		needPeer(t, "xmllint", "apt-get install libxml2-utils")
		if code, out := xmllintValid(t, xsd, "r.xml"); code != 0 {
			t.Errorf("xmllint: %d %s", code, out)
		}
	})
	t.Run("tap/prove", func(t *testing.T) {
		needPeer(t, "prove", "apt-get install perl")
		out, _ := exec.Command("prove", "-v", "-e", "cat", "r.tap").CombinedOutput()
		for _, w := range []string{"Failed tests:  1, 4-5", "Tests=5", "Result: FAIL"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("prove lacks %q:\n%s", w, out)
			}
		}
	})
	t.Run("json/schema", func(t *testing.T) {
		validateJSONReport(t, schemaPath, "r.json")
		doc := readJSONReport(t, "r.json")
		if doc.Summary.Files != 4 || doc.Summary.Requests != 4 || doc.Summary.Failures != 2 || doc.Summary.Errors != 1 {
			t.Errorf("summary %+v", doc.Summary)
		}
	})
	t.Run("html/chromium", func(t *testing.T) {
		page, _ := os.ReadFile("r.html")
		if bytes.Contains(page, []byte("<b>fast</b>")) || bytes.Contains(page, []byte("topsecret")) || bytes.Contains(page, []byte("http://")) && bytes.Contains(page, []byte("<link")) {
			t.Errorf("the page holds unescaped markup, a credential or a link out:\n%s", page)
		}
		text := chromiumText(t, "r.html")
		for _, w := range []string{
			"api/fail.hsh:2: expect json .name == \"<b>fast</b>\"", `got "slow"`, "GET /slow?ms=1 HTTP/1.1", "X-Api-Key: ***", "HTTP/1.1 200 OK",
			"other/fail.hsh:2: expect status 200", "got 503", "HTTP/1.1 503 Service Unavailable",
			"broken.hsh:1: get http://127.0.0.1:1/refused", "no response", "4 files, 5 results (checks and failed lines), 3 failed",
		} {
			if !strings.Contains(text, w) {
				t.Errorf("the page's text lacks %q:\n%s", w, text)
			}
		}
	})
}

// validateJSONReport holds a report to testdata/report.schema.json.
func validateJSONReport(t *testing.T, schemaPath, report string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(schemaPath)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	f, err := os.Open(report)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s is not valid: %v", report, err)
	}
}

// chromiumText opens a page in headless Chromium, without network, and
// returns the text of the DOM it built (tags dropped).
func chromiumText(t *testing.T, page string) string {
	t.Helper()
	bin := needPeer(t, "chromium", "apt-get install chromium")
	abs, _ := filepath.Abs(page)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+abs)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return domText(string(out))
}

// domText drops the tags of a dumped DOM and undoes its entities.
func domText(dom string) string {
	var b strings.Builder
	in := false
	for _, r := range dom {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(b.String())
}
