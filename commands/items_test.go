package commands

import (
	"strings"
	"testing"
)

func TestParseItem(t *testing.T) {
	tests := []struct {
		word string
		want Item
		err  string
	}{
		{"Accept:application/json", Item{ItemHeader, "Accept", "application/json"}, ""},
		{"X-Empty:", Item{ItemHeader, "X-Empty", ""}, ""},
		{"page==2", Item{ItemQuery, "page", "2"}, ""},
		{"q==a=b", Item{ItemQuery, "q", "a=b"}, ""},
		{"name=luke", Item{ItemField, "name", "luke"}, ""},
		{"url=http://x/y", Item{ItemField, "url", "http://x/y"}, ""},
		{"n:=3", Item{ItemRawJSON, "n", "3"}, ""},
		{`tags:=["a","b"]`, Item{ItemRawJSON, "tags", `["a","b"]`}, ""},
		{"ok:=true", Item{ItemRawJSON, "ok", "true"}, ""},
		{"file@photo.png", Item{ItemFile, "file", "photo.png"}, ""},
		{"bio=@bio.txt", Item{ItemFieldAt, "bio", "bio.txt"}, ""},
		{"cfg:=@cfg.json", Item{ItemRawJSONA, "cfg", "cfg.json"}, ""},
		{`a\:b=c`, Item{ItemField, "a:b", "c"}, ""},
		{`mail\@x=y`, Item{ItemField, "mail@x", "y"}, ""},
		{"Header:a:b", Item{ItemHeader, "Header", "a:b"}, ""},
		{"=x", Item{}, `the name before "=" is empty`},
		{"word", Item{}, "bad item"},
		{"n:=nope", Item{}, "invalid JSON"},
		{"Bad Name:x", Item{}, "bad header name"},
	}
	for _, tc := range tests {
		got, err := ParseItem(tc.word)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseItem(%q) error = %v, want %q", tc.word, err, tc.err)
			} else if ExitStatus(err) != StatusUsage {
				t.Errorf("ParseItem(%q): exit status %d, want usage", tc.word, ExitStatus(err))
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseItem(%q) = %+v, %v; want %+v", tc.word, got, err, tc.want)
		}
	}
}
