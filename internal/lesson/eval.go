package lesson

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// Evaluate judges one attempt against a step. The attempt is Ignored when
// the step needs an exchange and the attempt made none, or when one of
// the step's when: conditions does not hold; otherwise it passes when
// every check holds, and on failure the Verdict names the first check
// that did not, what came instead, and the hint. Evaluate never returns
// the answer: that is Step.Hints(2).
func Evaluate(s *Step, a Attempt) Verdict {
	if s.NeedsWire && a.Exchange == nil {
		return Verdict{Ignored: true}
	}
	for _, c := range s.When {
		if ok, _ := c.Holds(a); !ok {
			return Verdict{Ignored: true}
		}
	}
	for _, c := range s.Checks {
		ok, got := c.Holds(a)
		if !ok {
			return Verdict{Failed: c, Got: got, Hint: c.hint()}
		}
	}
	return Verdict{Pass: true}
}

// Holds evaluates the condition on an attempt. It returns whether it
// holds and a short description of what the attempt had ("200", "no
// Content-Type header"), sanitised.
func (c *Cond) Holds(a Attempt) (bool, string) {
	if c.NeedsExchange() && a.Exchange == nil {
		return false, "no request was sent"
	}
	got, found := c.value(a)
	ok := c.compare(got, found)
	if !found {
		return ok, "no " + c.what()
	}
	return ok, sanitize(clip(got))
}

// what names the condition's subject for messages: "Content-Type header
// in the request", "cookie lastname".
func (c *Cond) what() string {
	side := " in the response"
	if c.Request {
		side = " in the request"
	}
	switch c.Subject {
	case "header":
		return c.Name + " header" + side
	case "query":
		return "query parameter " + c.Name + side
	case "form":
		return "form field " + c.Name + side
	case "json":
		return c.Name + " in the JSON" + side
	case "cookie":
		return "cookie " + c.Name + " in the jar"
	}
	return c.Subject
}

// hint is the sentence shown on failure; Verdict.Got says what came.
func (c *Cond) hint() string {
	if c.Why != "" {
		return c.Why
	}
	return "expected `" + c.Text + "`"
}

// value reads the subject from the attempt; found is false when it is
// absent (no such header, cookie, field or JSON result).
func (c *Cond) value(a Attempt) (string, bool) {
	if c.Request {
		return c.requestValue(a.Exchange.Request)
	}
	x := a.Exchange
	switch c.Subject {
	case "status":
		return strconv.Itoa(x.Response.Status), true
	case "header":
		v := x.Response.Header.Values(c.Name)
		return strings.Join(v, ", "), len(v) > 0
	case "json":
		return c.jsonValue(x.Response.Body)
	case "body":
		return string(x.Response.Body), true
	case "time":
		return strconv.FormatFloat(x.Elapsed.Seconds(), 'f', -1, 64), true
	case "redirects":
		return strconv.Itoa(x.Redirects), true
	case "connection":
		if x.Reused {
			return "reused", true
		}
		return "new", true
	}
	return stateValue(c, a)
}

// stateValue reads the subjects that need no exchange.
func stateValue(c *Cond, a Attempt) (string, bool) {
	switch c.Subject {
	case "cookie":
		for _, ck := range a.Jar {
			if ck.Name == c.Name {
				return ck.Value, true
			}
		}
		return "", false
	case "cookies":
		return strconv.Itoa(len(a.Jar)), true
	}
	return strings.TrimSpace(a.Line), true
}

// requestValue reads a request subject.
func (c *Cond) requestValue(r Request) (string, bool) {
	u, _ := url.Parse(r.URL)
	if u == nil {
		u = &url.URL{}
	}
	switch c.Subject {
	case "method":
		return r.Method, true
	case "url":
		return r.URL, true
	case "path":
		return u.Path, true
	case "header":
		v := r.Header.Values(c.Name)
		return strings.Join(v, ", "), len(v) > 0
	case "query":
		v, ok := u.Query()[c.Name]
		return strings.Join(v, ", "), ok
	case "form":
		vals, _ := url.ParseQuery(string(r.Body))
		v, ok := vals[c.Name]
		if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
			return "", false
		}
		return strings.Join(v, ", "), ok
	case "json":
		return c.jsonValue(r.Body)
	}
	return string(r.Body), true
}

// jsonValue runs the filter on body; its first result, a string as is and
// anything else as JSON text. A body that is not JSON, an error and a
// null or empty result are "not found".
func (c *Cond) jsonValue(body []byte) (string, bool) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return "", false
	}
	it := c.code.Run(v)
	r, ok := it.Next()
	if !ok || r == nil {
		return "", false
	}
	if _, isErr := r.(error); isErr {
		return "", false
	}
	if s, isStr := r.(string); isStr {
		return s, true
	}
	b, _ := json.Marshal(r)
	return string(b), true
}
