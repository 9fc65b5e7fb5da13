package commands

import (
	"strings"

	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// listValue is a repeatable string flag, like pflag's StringArray (values
// may contain commas), without its cost: pflag formats every StringArray's
// default through an encoding/csv writer when the flag is registered,
// which was a third of a script line's CPU time.
type listValue struct {
	p *[]string
}

func (l listValue) Set(v string) error        { *l.p = append(*l.p, v); return nil }
func (l listValue) Type() string              { return "stringArray" }
func (l listValue) String() string            { return "[" + strings.Join(*l.p, ",") + "]" }
func (l listValue) Append(v string) error     { return l.Set(v) }
func (l listValue) Replace(vs []string) error { *l.p = append((*l.p)[:0], vs...); return nil }
func (l listValue) GetSlice() []string        { return *l.p }

// ListFlag registers a repeatable string flag on fs.
func ListFlag(fs *pflag.FlagSet, p *[]string, name, short, usage string) {
	fs.VarP(listValue{p}, name, short, usage)
}

// HeaderFlag reads the value of -H 'Name: value'.
func HeaderFlag(h string) (session.Header, error) {
	name, value, ok := strings.Cut(h, ":")
	name = strings.TrimSpace(name)
	if !ok || !session.ValidHeaderName(name) || !session.ValidHeaderValue(value) {
		return session.Header{}, Usagef("-H %q: expected 'Name: value'", h)
	}
	return session.Header{Name: name, Value: strings.TrimSpace(value)}, nil
}
