package interchange

import (
	"testing"

	"github.com/httpsh/httpsh/commands"
)

// FuzzImportCurl: any pasted text is split, parsed and turned into
// prepare arguments without a panic.
func FuzzImportCurl(f *testing.F) {
	for _, s := range []string{
		`curl 'https://x/y' -H 'a: b' --data-raw $'{"a":"\u00e9\'\x41\101"}'`,
		"curl http://x \\\n -b 'a=b' -F f=@file -G -d q=1",
		`curl -XPOST -Hx:y --url=http://x -u a:b -k -L --max-redirs 3 -m 5`,
		`$'\`, `"unterminated`, `curl --data-urlencode 'a=b c'`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := commands.SplitDialect(s, commands.Curl)
		if err != nil || len(words) == 0 {
			return
		}
		cr, err := parseCurl(words)
		if err != nil {
			return
		}
		args, input, err := cr.httpshArgs()
		if err == nil {
			_ = httpshLine(args, input)
		}
	})
}
