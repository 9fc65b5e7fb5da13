package lesson

import (
	"errors"
	"strings"
	"testing"
)

const good = `title: T
summary: S
step: One
cite: RFC 9110, section 9.3.1
Some text.
task: Do it.
check: status 200
why: not 200
hint: h
answer: get /get
wrong: get /status/404
gets: not 200
recap:
Done.
`

func TestParseGood(t *testing.T) {
	l, err := Parse("x/01-t.lesson", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	s := l.Steps[0]
	if l.Name != "01-t" || s.Title != "One" || s.Checks[0].Why != "not 200" || len(s.Wrong) != 1 || l.Recap[0] != "Done." {
		t.Errorf("parsed %+v %+v", l, s)
	}
	if s.Hints(1) != "h" || !strings.Contains(s.Hints(2), "get /get") {
		t.Errorf("hints %q %q", s.Hints(1), s.Hints(2))
	}
}

// TestParseErrors: a teacher's mistake gets the file, the line and what
// is wrong.
func TestParseErrors(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"task: Do it.", "tsak: Do it.", `t.lesson:6: unknown directive "tsak:": did you mean "task:"?`},
		{"check: status 200", "check: status 2000", `t.lesson:7: check: status 2000: "2000" is not a status code`},
		{"check: status 200", "check: stat 200", `t.lesson:7: check: unknown subject "stat"`},
		{"check: status 200", "check: json .a[ == 1", `t.lesson:7: check: json .a[ == 1: bad jq filter`},
		{"check: status 200", "check: header X ~ (", `t.lesson:7: check: header X ~ (: bad regular expression`},
		{"cite: RFC 9110, section 9.3.1", "cite: rfc9110", `t.lesson:4: cite: "rfc9110": write it as`},
		{"gets: not 200\n", "", `t.lesson:11: wrong: without gets:`},
		{"answer: get /get\n", "", `t.lesson:3: step "One" has no answer:`},
		{"title: T\n", "", `t.lesson:2: the lesson has no title:`},
		{"recap:\nDone.\n", "", `t.lesson:13: the lesson has no recap:`},
		{"why: not 200", "hint: x\nwhy: not 200", `t.lesson:9: why: must follow the check:`},
		{"Some text.", strings.Repeat("w", 77), `t.lesson:5: line is 77 columns`},
		{"Done.", "Done.\ncheck: status 200", `t.lesson:15: check: after recap`},
	}
	for _, tt := range tests {
		src := strings.Replace(good, tt.from, tt.to, 1)
		_, err := Parse("t.lesson", []byte(src))
		var e *Error
		if !errors.As(err, &e) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q → %q: got %v, want %q...", tt.from, tt.to, err, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	ls, _ := Builtin()
	for _, l := range ls[:2] {
		b, _ := builtin.ReadFile("lessons/" + strings.TrimPrefix(l.File, "lessons/"))
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := Parse("f.lesson", b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		for _, s := range l.Steps {
			Evaluate(s, Attempt{Line: "get /", Exchange: &Exchange{}})
			Evaluate(s, Attempt{})
		}
	})
}
