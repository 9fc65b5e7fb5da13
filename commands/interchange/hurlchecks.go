package interchange

import (
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
)

// requestVerbs start the lines that send one request.
var requestVerbs = map[string]bool{"get": true, "head": true, "options": true, "delete": true, "post": true,
	"put": true, "patch": true, "request": true, "send": true, "resend": true}

// attachChecks gives reqs (one per kept exchange, in order) the expect
// and capture lines of the session's log that followed each request's
// line, as Checks and Captures: expect status CODE, expect header NAME
// [== VALUE], expect json .PATH == VALUE, expect body contains TEXT,
// capture NAME json .PATH and capture NAME header H. Others are warned
// about. The log and the exchanges are matched from the end, since the
// session keeps at most session.MaxExchanges.
func attachChecks(env *commands.Env, reqs []collection.Request) {
	lines := env.Log().Ran()
	var groups [][]string // the expect/capture lines after each request line
	for _, l := range lines {
		words, err := commands.Split(l)
		if err != nil || len(words) == 0 {
			continue
		}
		switch {
		case requestVerbs[words[0]]:
			groups = append(groups, nil)
		case (words[0] == "expect" || words[0] == "capture") && len(groups) > 0:
			groups[len(groups)-1] = append(groups[len(groups)-1], l)
		}
	}
	off := len(groups) - len(reqs)
	for i := range reqs {
		if i+off < 0 || i+off >= len(groups) {
			continue
		}
		for _, l := range groups[i+off] {
			if !addCheck(&reqs[i], l) {
				env.Warnf("export hurl: %q has no Hurl equivalent here and is left out", l)
			}
		}
	}
}

// addCheck turns one expect or capture line into r's Check or Capture.
func addCheck(r *collection.Request, line string) bool {
	w, _ := commands.Split(line)
	eq := func(i int) bool { return len(w) == i+2 && (w[i] == "==" || w[i] == "=") }
	switch {
	case len(w) == 3 && w[0] == "expect" && w[1] == "status" && !strings.HasSuffix(w[2], "xx"):
		r.Checks = append(r.Checks, collection.Check{Kind: "status", Value: w[2]})
	case len(w) == 3 && w[0] == "expect" && w[1] == "header":
		r.Checks = append(r.Checks, collection.Check{Kind: "header", Name: w[2]})
	case len(w) == 5 && w[0] == "expect" && w[1] == "header" && eq(3):
		r.Checks = append(r.Checks, collection.Check{Kind: "header", Name: w[2], Value: w[4]})
	case len(w) == 5 && w[0] == "expect" && w[1] == "json" && eq(3) && simplePath(w[2]):
		r.Checks = append(r.Checks, collection.Check{Kind: "jsonpath", Name: "$" + w[2], Value: strings.Trim(w[4], `"`)})
	case len(w) == 4 && w[0] == "expect" && w[1] == "body" && w[2] == "contains":
		r.Checks = append(r.Checks, collection.Check{Kind: "body", Value: w[3]})
	case len(w) == 4 && w[0] == "capture" && w[2] == "json" && simplePath(w[3]):
		r.Captures = append(r.Captures, collection.Capture{Var: w[1], Kind: "jsonpath", Expr: "$" + w[3]})
	case len(w) == 4 && w[0] == "capture" && w[2] == "header":
		r.Captures = append(r.Captures, collection.Capture{Var: w[1], Kind: "header", Expr: w[3]})
	default:
		return false
	}
	return true
}

// simplePath is a jq path that is also a JSONPath after "$": .a.b[0].
func simplePath(p string) bool {
	if !strings.HasPrefix(p, ".") || len(p) < 2 {
		return false
	}
	for _, c := range p {
		if !(c == '.' || c == '_' || c == '[' || c == ']' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
