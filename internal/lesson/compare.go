package lesson

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// compare applies the condition's operator to the value read.
func (c *Cond) compare(got string, found bool) bool {
	switch c.Op {
	case "exists":
		return found
	case "missing":
		return !found
	case "!=":
		return !found || !c.equal(got)
	}
	if !found {
		return false
	}
	switch c.Op {
	case "contains":
		return strings.Contains(got, c.Value)
	case "==":
		return c.equal(got)
	case "~":
		return c.re.MatchString(got)
	}
	return c.order(got)
}

// equal compares for == and !=: a status class such as 2xx matches its
// codes; a JSON string value may be written with or without quotes.
func (c *Cond) equal(got string) bool {
	want := c.Value
	if c.Subject == "status" && !c.Request && statusClass(want) {
		return len(got) == 3 && got[0] == want[0]
	}
	if c.Subject == "json" {
		var s string
		if json.Unmarshal([]byte(want), &s) == nil {
			want = s
		}
	}
	return got == want
}

// order compares numerically for < <= > >=; a time's value is a duration.
func (c *Cond) order(got string) bool {
	g, err := strconv.ParseFloat(got, 64)
	if err != nil {
		return false
	}
	var w float64
	if c.Subject == "time" {
		d, _ := time.ParseDuration(c.Value)
		w = d.Seconds()
	} else if w, err = strconv.ParseFloat(c.Value, 64); err != nil {
		return false
	}
	switch c.Op {
	case "<":
		return g < w
	case "<=":
		return g <= w
	case ">":
		return g > w
	}
	return g >= w
}

// sanitize replaces control characters (server text is hostile) with
// the replacement character, so a hint never drives a terminal.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != ' ' {
			return '\uFFFD'
		}
		return r
	}, s)
}

// clip shortens s to 80 runes, with "..." when cut.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= 80 {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(r[:80])) + "..."
}
