package lesson

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/itchyny/gojq"
)

// Cond is one condition of a step, kept as data: "status 201",
// "request header Content-Type ~ json", "json .json.name exists".
type Cond struct {
	Line    int    // where it was written
	Text    string // as written, after "check:" or "when:"
	Request bool   // the subject is the request as sent ("request ...")
	Subject string // status header json body cookie cookies time redirects connection command; method url path query form (request)
	Name    string // the header, cookie, query or form field name, or the jq filter
	Op      string // one of Ops, or "contains" for body
	Value   string
	Why     string // the hint when it fails ("why:" after it); "" means a generated one

	code *gojq.Code     // compiled json filter
	re   *regexp.Regexp // compiled ~ pattern
}

// Ops are the comparison operators of conditions: expect's own, plus
// "missing" (the negation of exists).
var Ops = []string{"==", "!=", "~", "<", "<=", ">", ">=", "exists", "missing"}

// subject describes the words a subject takes.
type subject struct {
	named    bool // NAME comes first (header, cookie, json...)
	bareEq   bool // "status 200" means "status == 200"
	needsOp  bool // OP VALUE is required
	exchange bool // needs an exchange (false: the jar or the command line)
}

var responseSubjects = map[string]subject{
	"status":     {bareEq: true, exchange: true},
	"header":     {named: true, exchange: true},
	"json":       {named: true, exchange: true},
	"body":       {needsOp: true, exchange: true},
	"cookie":     {named: true},
	"cookies":    {needsOp: true},
	"time":       {needsOp: true, exchange: true},
	"redirects":  {needsOp: true, exchange: true},
	"connection": {exchange: true},
	"command":    {needsOp: true},
}

var requestSubjects = map[string]subject{
	"method": {bareEq: true, exchange: true},
	"url":    {needsOp: true, exchange: true},
	"path":   {needsOp: true, exchange: true},
	"header": {named: true, exchange: true},
	"query":  {named: true, exchange: true},
	"form":   {named: true, exchange: true},
	"json":   {named: true, exchange: true},
	"body":   {needsOp: true, exchange: true},
}

// NeedsExchange reports whether the condition reads an exchange (the
// request or the response) rather than the jar or the command line.
func (c *Cond) NeedsExchange() bool {
	if c.Request {
		return true
	}
	return responseSubjects[c.Subject].exchange
}

// ParseCond parses a condition's text. Errors say what is wrong, without
// a position (the parser adds file:line).
func ParseCond(text string) (*Cond, error) {
	w, err := splitWords(text)
	if err != nil {
		return nil, err
	}
	c := &Cond{Text: text}
	subjects := responseSubjects
	if len(w) > 0 && w[0] == "request" {
		c.Request, subjects, w = true, requestSubjects, w[1:]
	}
	if len(w) == 0 {
		return nil, fmt.Errorf("empty condition: expected %s", subjectList(subjects))
	}
	c.Subject = w[0]
	sub, ok := subjects[c.Subject]
	if !ok {
		return nil, fmt.Errorf("unknown subject %q: expected %s", c.Subject, subjectList(subjects))
	}
	if err := c.fill(sub, w[1:]); err != nil {
		return nil, fmt.Errorf("%s: %w", strings.TrimSpace(text), err)
	}
	return c, c.compile()
}

func subjectList(m map[string]subject) string {
	names := []string{"status", "header", "json", "body", "cookie", "cookies", "time", "redirects", "connection", "command", "request ..."}
	if _, ok := m["method"]; ok {
		names = []string{"method", "url", "path", "header", "query", "form", "json", "body"}
	}
	return strings.Join(names, ", ")
}

// fill reads NAME, OP and VALUE from the words after the subject.
func (c *Cond) fill(sub subject, w []string) error {
	if c.Subject == "connection" {
		if len(w) != 1 || w[0] != "reused" && w[0] != "new" {
			return fmt.Errorf("expected connection reused or connection new")
		}
		c.Op, c.Value = "==", w[0]
		return nil
	}
	if sub.named {
		if len(w) == 0 {
			return fmt.Errorf("expected a name after %q", c.Subject)
		}
		c.Name, w = w[0], w[1:]
	}
	switch {
	case c.Subject == "body":
		if len(w) != 2 || w[0] != "contains" {
			return fmt.Errorf("expected body contains TEXT")
		}
	case len(w) == 0 && !sub.needsOp && !sub.bareEq:
		c.Op = "exists"
		return nil
	case len(w) == 1 && sub.bareEq:
		c.Op, c.Value = "==", w[0]
		return nil
	case len(w) == 1 && (w[0] == "exists" || w[0] == "missing") && !sub.needsOp:
		c.Op = w[0]
		return nil
	case len(w) != 2:
		return fmt.Errorf("expected OP VALUE with OP one of %s", strings.Join(Ops, " "))
	}
	c.Op, c.Value = w[0], w[1]
	return nil
}

// compile checks the operator and value and compiles filters and patterns.
func (c *Cond) compile() error {
	if c.Op != "contains" && !contains(Ops, c.Op) {
		return fmt.Errorf("%s: unknown operator %q: use one of %s", c.Text, c.Op, strings.Join(Ops, " "))
	}
	if c.Subject == "json" {
		q, err := gojq.Parse(c.Name)
		if err != nil {
			return fmt.Errorf("%s: bad jq filter %q: %w", c.Text, c.Name, err)
		}
		if c.code, err = gojq.Compile(q); err != nil {
			return fmt.Errorf("%s: bad jq filter %q: %w", c.Text, c.Name, err)
		}
	}
	if c.Op == "~" {
		re, err := regexp.Compile(c.Value)
		if err != nil {
			return fmt.Errorf("%s: bad regular expression: %w", c.Text, err)
		}
		c.re = re
	}
	return c.checkValue()
}

// checkValue refuses values that can never compare: a status that is not
// a code or class, a time that is not a duration, a count that is not a
// number.
func (c *Cond) checkValue() error {
	switch {
	case c.Subject == "status" && !c.Request && c.Op != "~":
		if !statusClass(c.Value) {
			if n, err := strconv.Atoi(c.Value); err != nil || n < 100 || n > 599 {
				return fmt.Errorf("%s: %q is not a status code (100 to 599) or a class such as 2xx", c.Text, c.Value)
			}
		}
	case c.Subject == "time":
		if _, err := time.ParseDuration(c.Value); err != nil {
			return fmt.Errorf("%s: %q is not a duration such as 500ms", c.Text, c.Value)
		}
	case c.Subject == "cookies" || c.Subject == "redirects":
		if _, err := strconv.Atoi(c.Value); err != nil {
			return fmt.Errorf("%s: %q is not a number", c.Text, c.Value)
		}
	}
	return nil
}

// statusClass reports whether w is a class such as 2xx.
func statusClass(w string) bool {
	return len(w) == 3 && w[0] >= '1' && w[0] <= '5' && strings.EqualFold(w[1:], "xx")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
