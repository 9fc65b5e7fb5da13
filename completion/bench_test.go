package completion

import (
	"fmt"
	"testing"
)

// BenchmarkHistoryURLs completes a URL over 10,000 history lines: the cost
// of one keystroke in a long-lived shell (target: under 5 ms).
func BenchmarkHistoryURLs(b *testing.B) {
	history := make([]string, 10000)
	for i := range history {
		history[i] = fmt.Sprintf("get /anything/%d?page=%d -H Accept:application/json", i, i%7)
	}
	f := newFixture(b, history)
	line := "get /anything/1"
	b.ResetTimer()
	for b.Loop() {
		if len(f.c.Complete(line, len(line))) == 0 {
			b.Fatal("no suggestions")
		}
	}
}

// BenchmarkJSONKeys completes `json .` over an object of 10,000 keys.
func BenchmarkJSONKeys(b *testing.B) {
	body := "{"
	for i := range 10000 {
		if i > 0 {
			body += ","
		}
		body += fmt.Sprintf(`"key%05d": %d`, i, i)
	}
	body += "}"
	f := newFixture(b, nil, "post /anything --data '"+body+"' Content-Type:application/json")
	line := "json .json.key0"
	b.ResetTimer()
	for b.Loop() {
		if len(f.c.Complete(line, len(line))) == 0 {
			b.Fatal("no suggestions")
		}
	}
}
