package commands

import (
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// TimeoutFlags are --timeout (the whole request) and --header-timeout (the
// headers and each pause between reads), shared by the request commands
// and download.
type TimeoutFlags struct {
	whole, header string
}

// Register adds --timeout and --header-timeout to fs with the given help
// texts, and their values for completion.
func (t *TimeoutFlags) Register(fs *pflag.FlagSet, wholeUsage, headerUsage string) {
	fs.StringVar(&t.whole, "timeout", "", wholeUsage)
	fs.StringVar(&t.header, "header-timeout", "", headerUsage)
	for _, name := range []string{"timeout", "header-timeout"} {
		ValuesFlag(fs, name, "time limit", "5s", "10s", "30s", "1m", "off")
	}
}

// Apply parses the flags given into o; an empty flag leaves the
// session's setting in force.
func (t TimeoutFlags) Apply(o *session.Options) error {
	if t.whole != "" {
		d, err := session.ParseTimeout(t.whole)
		if err != nil {
			return Usagef("--timeout: %v", err)
		}
		o.Timeout = &d
	}
	if t.header != "" {
		d, err := session.ParseTimeout(t.header)
		if err != nil {
			return Usagef("--header-timeout: %v", err)
		}
		o.HeaderTimeout = &d
	}
	return nil
}
