package main

import (
	"encoding/xml"
	"fmt"
	"strconv"
)

// What JUnit XML readers need beyond the schema: required attributes and
// counts that add up (testdata/junit.xsd, checked with xmllint in
// junit_xsd_test.go, is the schema itself; XSD cannot check sums).
type xTestsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    *int         `xml:"tests,attr"`
	Failures *int         `xml:"failures,attr"`
	Errors   *int         `xml:"errors,attr"`
	Suites   []xTestsuite `xml:"testsuite"`
}

type xTestsuite struct {
	Name     *string     `xml:"name,attr"`
	Tests    *int        `xml:"tests,attr"`
	Failures *int        `xml:"failures,attr"`
	Errors   *int        `xml:"errors,attr"`
	Time     *string     `xml:"time,attr"`
	Cases    []xTestcase `xml:"testcase"`
}

type xTestcase struct {
	Name      *string   `xml:"name,attr"`
	Classname *string   `xml:"classname,attr"`
	Time      *string   `xml:"time,attr"`
	Failure   *xProblem `xml:"failure"`
	Error     *xProblem `xml:"error"`
}

type xProblem struct {
	Message *string `xml:"message,attr"`
	Type    *string `xml:"type,attr"`
}

// checkJUnit checks b against the schema's rules.
func checkJUnit(b []byte) error {
	var all xTestsuites
	if err := xml.Unmarshal(b, &all); err != nil {
		return fmt.Errorf("not XML: %w", err)
	}
	if all.Tests == nil || all.Failures == nil || all.Errors == nil {
		return fmt.Errorf("testsuites lacks tests, failures or errors")
	}
	tests, fails, errs := 0, 0, 0
	for i, s := range all.Suites {
		if s.Name == nil || s.Tests == nil || s.Failures == nil || s.Errors == nil || s.Time == nil {
			return fmt.Errorf("testsuite %d lacks name, tests, failures, errors or time", i)
		}
		if _, err := strconv.ParseFloat(*s.Time, 64); err != nil {
			return fmt.Errorf("testsuite %d: time %q is not a number", i, *s.Time)
		}
		f, e := 0, 0
		for _, c := range s.Cases {
			if c.Name == nil || c.Classname == nil || c.Time == nil {
				return fmt.Errorf("testsuite %d: a testcase lacks name, classname or time", i)
			}
			for _, p := range []*xProblem{c.Failure, c.Error} {
				if p != nil && (p.Message == nil || p.Type == nil) {
					return fmt.Errorf("testcase %q: failure or error lacks message or type", *c.Name)
				}
			}
			if c.Failure != nil {
				f++
			}
			if c.Error != nil {
				e++
			}
		}
		if *s.Tests != len(s.Cases) || *s.Failures != f || *s.Errors != e {
			return fmt.Errorf("testsuite %q: counts %d/%d/%d do not match its testcases %d/%d/%d", *s.Name, *s.Tests, *s.Failures, *s.Errors, len(s.Cases), f, e)
		}
		tests, fails, errs = tests+len(s.Cases), fails+f, errs+e
	}
	if *all.Tests != tests || *all.Failures != fails || *all.Errors != errs {
		return fmt.Errorf("testsuites counts do not add up")
	}
	return nil
}
