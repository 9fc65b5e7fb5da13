package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The issue asked for JUnit XML "that a schema check accepts". checkJUnit
// (junit_check_test.go) checks counts and required attributes with our own
// code; these tests hold the report to testdata/junit.xsd, the
// Jenkins/Ant-style JUnit schema, with a real validator: xmllint.

// junitXSD is the schema's absolute path (tests may change directory).
func junitXSD(t *testing.T) string {
	t.Helper()
	xsd, err := filepath.Abs(filepath.Join("testdata", "junit.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	return xsd
}

// needXmllint skips the test when xmllint is not installed (.ci/run
// installs it).
func needXmllint(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed: apt-get install libxml2-utils")
	}
}

// xmllintValid validates file against xsd. It returns xmllint's exit
// status (0 valid, 3 invalid; anything else means the schema or the
// document could not be read) and what it said.
func xmllintValid(t *testing.T, xsd, file string) (int, string) {
	t.Helper()
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, file).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &exit):
		return exit.ExitCode(), string(out)
	}
	t.Fatalf("xmllint: %v", err)
	return -1, ""
}

// TestJUnitReportSchema runs scripts with passing and failing
// expectations, a failing check and failing non-expect lines (a usage
// error, a network error, a name with markup and control characters) and
// validates the JUnit report against the schema.
func TestJUnitReportSchema(t *testing.T) {
	needXmllint(t)
	xsd := junitXSD(t)
	base := startPlayground(t)
	t.Chdir(t.TempDir())
	files := map[string]string{
		"ok.hsh":  "get /get --show status\nexpect status 200\nsource lib.hsh\n",
		"lib.hsh": "expect header Content-Type ~ json\n",
		"api & <edge>.hsh": "get /status/418 --show status\n" +
			"expect status 200\n" + // failure
			"check\n" + // failure: 418 is a 4xx
			"bogus <&> \"q\" \x1b[31m é \x01\n" + // error: usage
			"get http://127.0.0.1:1/nothing\n" + // error: connection refused
			"expect status 418\n" + // passes (the status of the last response)
			"get /get\nexpect status 200\nexpect json .url ~ /get\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status, _, stderr := runHTTPSH(t, "", "--keep-going", "--base", base, "--report", "junit", "report.xml", "ok.hsh", "api & <edge>.hsh")
	if status == 0 {
		t.Fatalf("exit status 0, want a failure; stderr:\n%s", stderr)
	}
	report, err := os.ReadFile("report.xml")
	if err != nil {
		t.Fatal(err)
	}
	// The run must have produced every kind of testcase, or the schema
	// check below proves less than it seems to.
	for _, want := range []string{`<failure message=`, `type="expect"`, `type="check"`, `<error message=`, `type="usage"`, `type="failure"`, `></testcase>`} {
		if !strings.Contains(string(report), want) {
			t.Errorf("report lacks %s:\n%s", want, report)
		}
	}
	if err := checkJUnit(report); err != nil {
		t.Errorf("checkJUnit: %v\n%s", err, report)
	}
	if code, out := xmllintValid(t, xsd, "report.xml"); code != 0 {
		t.Errorf("the report does not validate against testdata/junit.xsd (xmllint exit %d):\n%s\n%s", code, out, report)
	}

	// -c lines: no script file, so no file and line attributes.
	status, _, stderr = runHTTPSH(t, "", "--keep-going", "--base", base, "--report", "junit", "c.xml", "-c", "get /status/500", "-c", "check", "-c", "expect status 500")
	if status == 0 {
		t.Fatalf("-c: exit status 0, want a failure; stderr:\n%s", stderr)
	}
	if code, out := xmllintValid(t, xsd, "c.xml"); code != 0 {
		report, _ := os.ReadFile("c.xml")
		t.Errorf("the -c report does not validate (xmllint exit %d):\n%s\n%s", code, out, report)
	}
}

// TestJUnitSchemaRejects proves the schema check can fail: documents a CI
// reader would not take are rejected, as invalid (exit 3) rather than
// unreadable, so a schema that accepts anything, or cannot be read,
// fails here.
func TestJUnitSchemaRejects(t *testing.T) {
	needXmllint(t)
	xsd := junitXSD(t)
	dir := t.TempDir()
	const good = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="httpsh" tests="2" failures="1" errors="0" time="0.010">
  <testsuite name="a.hsh" tests="2" failures="1" errors="0" skipped="0" time="0.010" timestamp="2025-01-02T03:04:05">
    <testcase name="a.hsh:1: expect status 200" classname="a" time="0.001"></testcase>
    <testcase name="a.hsh:2: expect status 201" classname="a" time="0.002">
      <failure message="expect status 201: got 200" type="expect">a.hsh:2: expect status 201</failure>
    </testcase>
  </testsuite>
</testsuites>
`
	write := func(name, text string) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	accepted := map[string]string{
		"good":            good,
		"testsuite root":  good[strings.Index(good, "  <testsuite "):strings.Index(good, "</testsuites>")],
		"skipped and out": strings.Replace(good, `time="0.001"></testcase>`, `time="0.001"><skipped message="not now"/><system-out>hi</system-out></testcase>`, 1),
		"properties":      strings.Replace(good, `timestamp="2025-01-02T03:04:05">`, `timestamp="2025-01-02T03:04:05"><properties><property name="base" value="http://x"/></properties>`, 1),
	}
	for name, doc := range accepted {
		if code, out := xmllintValid(t, xsd, write("ok.xml", doc)); code != 0 {
			t.Errorf("%s: a valid document is rejected (exit %d):\n%s", name, code, out)
		}
	}
	// Each case edits the good document with old, new string pairs.
	rejected := []struct {
		name  string
		edits []string
	}{
		{"testcase without name", []string{`<testcase name="a.hsh:1: expect status 200" `, `<testcase `}},
		{"testcase without classname", []string{` classname="a" time="0.001">`, ` time="0.001">`}},
		{"file and line (Jenkins' junit-4 has neither)", []string{`classname="a" time="0.001">`, `classname="a" time="0.001" file="a.hsh" line="1">`}},
		{"testsuite without name", []string{`<testsuite name="a.hsh" `, `<testsuite `}},
		{"testsuite without tests", []string{`<testsuite name="a.hsh" tests="2" `, `<testsuite name="a.hsh" `}},
		{"wrong element name", []string{`<failure `, `<failed `, `</failure>`, `</failed>`}},
		{"wrong root", []string{`<testsuites `, `<testrun `, `</testsuites>`, `</testrun>`}},
		{"testsuite in a testsuite", []string{`<testsuites `, `<testsuite `, `</testsuites>`, `</testsuite>`}},
		{"unknown attribute", []string{`type="expect"`, `kind="expect"`}},
		{"negative count", []string{`failures="1" errors="0" skipped`, `failures="-1" errors="0" skipped`}},
		{"time not a number", []string{`time="0.010" timestamp`, `time="10ms" timestamp`}},
		{"timestamp not a date", []string{`timestamp="2025-01-02T03:04:05"`, `timestamp="yesterday"`}},
		{"failure outside a testcase", []string{`</testsuite>`, `<failure message="m" type="t"/></testsuite>`}},
		{"element inside failure", []string{`a.hsh:2: expect status 201</failure>`, `<b>a.hsh:2</b></failure>`}},
	}
	for _, r := range rejected {
		for i := 0; i < len(r.edits); i += 2 {
			if !strings.Contains(good, r.edits[i]) {
				t.Fatalf("%s: %q is not in the document", r.name, r.edits[i])
			}
		}
		doc := strings.NewReplacer(r.edits...).Replace(good)
		code, out := xmllintValid(t, xsd, write("bad.xml", doc))
		if code != 3 {
			t.Errorf("%s: xmllint exit %d, want 3 (invalid):\n%s\n%s", r.name, code, out, doc)
		}
	}
}
