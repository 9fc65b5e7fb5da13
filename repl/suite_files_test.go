package repl

import (
	"fmt"
	"strings"
	"testing"
)

// TestShardPick: for N from 1 to 9 over 0 to 30 files, the N shards
// together hold every file exactly once, their sizes differ by one at
// most, and each keeps the order given.
func TestShardPick(t *testing.T) {
	for files := 0; files <= 30; files++ {
		var all []suiteFile
		for i := range files {
			name := fmt.Sprintf("d%d/f%02d.hsh", (i*7)%5, (i*13)%31)
			all = append(all, suiteFile{path: name, name: name})
		}
		for n := 1; n <= 9; n++ {
			seen := map[string]int{}
			lo, hi := files, 0
			for i := 1; i <= n; i++ {
				part := shard{i, n}.pick(all)
				lo, hi = min(lo, len(part)), max(hi, len(part))
				last := -1
				for _, f := range part {
					seen[f.name]++
					at := indexOf(all, f.name)
					if at < last {
						t.Fatalf("%d/%d of %d: out of order", i, n, files)
					}
					last = at
				}
			}
			if len(seen) != files || hi-lo > 1 {
				t.Fatalf("%d shards of %d files: %d distinct, sizes %d..%d", n, files, len(seen), lo, hi)
			}
			for name, c := range seen {
				if c != 1 {
					t.Fatalf("%d shards: %s in %d", n, name, c)
				}
			}
		}
	}
}

func indexOf(fs []suiteFile, name string) int {
	for i, f := range fs {
		if f.name == name {
			return i
		}
	}
	return -1
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]string{
		"1/1": "{1 1}", "2/4": "{2 4}", "4/4": "{4 4}",
		"3/2": "error", "0/4": "error", "1/0": "error", "-1/2": "error", "1": "error", "a/b": "error", "1/2/3": "error", "": "error",
	} {
		s, err := parseShard(in)
		got := fmt.Sprint(s)
		if err != nil {
			got = "error"
			if !strings.Contains(err.Error(), "1 <= I <= N") {
				t.Errorf("%q: %v", in, err)
			}
		}
		if got != want {
			t.Errorf("parseShard(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzParseShard: a shard that parses is within its bounds.
func FuzzParseShard(f *testing.F) {
	f.Add("1/4")
	f.Add("9999999999999999999/1")
	f.Fuzz(func(t *testing.T, v string) {
		s, err := parseShard(v)
		if err == nil && (s.i < 1 || s.i > s.n) {
			t.Fatalf("%q: %+v", v, s)
		}
	})
}
