package lesson

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest lesson file Parse accepts.
const MaxFileSize = 1 << 20

// TextWidth is the widest text line accepted, so that a lesson indented
// by two columns renders within 80 columns.
const TextWidth = 76

// Error is a problem in a lesson file, at a line (from 1; 0 means the
// whole file). Its text is "FILE:LINE: what is wrong".
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

var (
	directiveRE = regexp.MustCompile(`^([a-z][a-z-]*):(?:[ \t]|$)`)
	citeRE      = regexp.MustCompile(`^RFC [0-9]{3,5}(, sections? [0-9A-Z][0-9A-Za-z.]*( and [0-9A-Z][0-9A-Za-z.]*)?)?$`)
)

var headerKeys = map[string]bool{"title": true, "summary": true}
var stepKeys = map[string]bool{"cite": true, "task": true, "check": true, "when": true, "why": true,
	"hint": true, "after": true, "show": true, "answer": true, "wrong": true, "gets": true}

// Parse reads a lesson file. file names it in errors and gives the
// lesson's Name (its base name without ".lesson"). The grammar is in the
// package documentation; every error is an *Error with the line.
func Parse(file string, src []byte) (*Lesson, error) {
	if len(src) > MaxFileSize {
		return nil, &Error{File: file, Err: fmt.Errorf("%d bytes: a lesson file is at most %d", len(src), MaxFileSize)}
	}
	if !utf8.Valid(src) {
		return nil, &Error{File: file, Err: errors.New("not UTF-8 text")}
	}
	p := &parser{l: &Lesson{File: file, Name: strings.TrimSuffix(path.Base(file), ".lesson")}}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	for i, line := range lines {
		p.n = i + 1
		if err := p.line(strings.TrimRight(line, " \t")); err != nil {
			var e *Error
			if errors.As(err, &e) {
				return nil, e
			}
			return nil, &Error{File: file, Line: p.n, Err: err}
		}
	}
	if err := p.finish(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e
		}
		return nil, &Error{File: file, Line: len(lines), Err: err}
	}
	return p.l, nil
}

// parser holds the state between lines.
type parser struct {
	l     *Lesson
	n     int    // the current line
	step  *Step  // the step being read, nil in the header
	recap bool   // inside the recap
	last  string // the previous directive, for why:
	lastC *Cond  // the condition why: applies to
	wrong *Wrong // a wrong answer waiting for its gets:
}

// line handles one line, already trimmed on the right.
func (p *parser) line(s string) error {
	if strings.HasPrefix(s, "#") {
		return nil
	}
	if t, ok := strings.CutPrefix(s, "|"); ok {
		return p.text(strings.TrimPrefix(t, " "))
	}
	m := directiveRE.FindStringSubmatch(s)
	if m == nil || !isKey(m[1]) && nearestKey(m[1]) == "" {
		return p.text(s)
	}
	key, val := m[1], strings.TrimSpace(s[len(m[0]):])
	defer func() { p.last = key }()
	switch {
	case key == "step":
		return p.newStep(val)
	case key == "recap":
		return p.newRecap(val)
	case p.recap:
		return fmt.Errorf("%s: after recap: only text may follow (start the line with \"| \" if it is text)", key)
	case p.step == nil && headerKeys[key]:
		return p.header(key, val)
	case p.step != nil && stepKeys[key]:
		return p.stepLine(key, val)
	case p.step == nil && stepKeys[key]:
		return fmt.Errorf("%s: before the first step: begin one with \"step: TITLE\"", key)
	}
	if !isKey(key) {
		return fmt.Errorf("unknown directive %q: did you mean %q? (%s; start the line with \"| \" if it is text)", key+":", nearestKey(key)+":", p.known())
	}
	return fmt.Errorf("%s: is not allowed here (%s)", key, p.known())
}

func isKey(k string) bool { return headerKeys[k] || stepKeys[k] || k == "step" || k == "recap" }

// nearestKey returns the directive k is a likely typo of (at most one
// edit away for short keys, two for longer), or "".
func nearestKey(k string) string {
	for _, key := range allKeys {
		limit := 1
		if len(key) > 5 {
			limit = 2
		}
		if editDistance(k, key) <= limit || anagram(k, key) {
			return key
		}
	}
	return ""
}

var allKeys = []string{"title", "summary", "step", "recap", "cite", "task", "check", "when", "why", "hint", "after", "show", "answer", "wrong", "gets"}

// anagram reports whether a and b have the same letters (a transposition).
func anagram(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := []byte(a), []byte(b)
	slices.Sort(x)
	slices.Sort(y)
	return string(x) == string(y)
}

// editDistance is the Levenshtein distance of two short ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func (p *parser) known() string {
	if p.step == nil {
		return "the header takes title: and summary:, then step:"
	}
	return "a step takes cite: task: check: when: why: hint: after: show: answer: wrong: gets:, then step: or recap:"
}

// text adds an explanation or recap line.
func (p *parser) text(s string) error {
	if utf8.RuneCountInString(s) > TextWidth {
		return fmt.Errorf("line is %d columns: wrap text at %d so that it renders in 80", utf8.RuneCountInString(s), TextWidth)
	}
	switch {
	case p.recap:
		p.l.Recap = appendText(p.l.Recap, s)
	case p.step != nil:
		if s != "" && len(p.step.Checks)+len(p.step.Answer) > 0 {
			return errors.New("explanation text after the checks: put it before task:, or use after: for what is shown on success")
		}
		p.step.Text = appendText(p.step.Text, s)
	case s != "":
		return errors.New("text before the first step (only title and summary lines come first)")
	}
	return nil
}

// appendText appends a line, dropping leading blank lines and runs of
// blank lines.
func appendText(t []string, s string) []string {
	if s == "" && (len(t) == 0 || t[len(t)-1] == "") {
		return t
	}
	return append(t, s)
}

func (p *parser) header(key, val string) error {
	if val == "" {
		return fmt.Errorf("%s: is empty", key)
	}
	switch key {
	case "title":
		if p.l.Title != "" {
			return errors.New("a second title: line (a lesson has one title)")
		}
		p.l.Title = val
	case "summary":
		p.l.Summary = strings.TrimSpace(p.l.Summary + " " + val)
	}
	return nil
}
