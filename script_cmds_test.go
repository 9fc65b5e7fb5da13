package main

import (
	"os"
	"regexp"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCommands are the custom commands of the .txtar scripts.
func scriptCommands() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		// scrub FILE OUT: writes FILE (stdout, stderr or a file) to OUT
		// with the playground URL with PLAYGROUND, and
		// dates, ports and timings with fixed words, so output can be
		// compared with cmp.
		// xmlcheck FILE: FILE is well-formed JUnit XML: testsuites of
		// testsuite elements with name, tests, failures, errors and time,
		// each testcase with name, classname and time, the counts adding up.
		"xmlcheck": func(ts *testscript.TestScript, neg bool, args []string) {
			if len(args) != 1 {
				ts.Fatalf("usage: xmlcheck FILE")
			}
			ts.Check(checkJUnit([]byte(ts.ReadFile(args[0]))))
		},
		"scrub": func(ts *testscript.TestScript, neg bool, args []string) {
			if len(args) != 2 {
				ts.Fatalf("usage: scrub FILE OUT")
			}
			text := ts.ReadFile(args[0])
			text = strings.ReplaceAll(text, ts.Getenv("PLAYGROUND"), "http://PLAYGROUND")
			text = strings.ReplaceAll(text, strings.TrimPrefix(ts.Getenv("PLAYGROUND"), "http://"), "PLAYGROUND")
			text = dateRE.ReplaceAllString(text, "Date: DATE")
			text = durRE.ReplaceAllString(text, "DURATION")
			text = junitTimeRE.ReplaceAllString(text, `${1}="T"`)
			ts.Check(writeFile(ts, args[1], text))
		},
	}
}

var (
	dateRE = regexp.MustCompile(`Date: [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT`)
	durRE  = regexp.MustCompile(`\b\d+(\.\d+)?(µs|ms|s)\b`)
	// junitTimeRE matches the time attributes of JUnit XML.
	junitTimeRE = regexp.MustCompile(`\b(time|timestamp)="[0-9T:.-]+"`)
)

func writeFile(ts *testscript.TestScript, name, text string) error {
	return osWriteFile(ts.MkAbs(name), []byte(text))
}

func osWriteFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }
