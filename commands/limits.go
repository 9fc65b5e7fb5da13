package commands

import "github.com/httpsh/httpsh/session"

// TimeoutFlags are --timeout (the whole request) and --header-timeout (the
// headers and each pause between reads), shared by the request commands
// and download.
type TimeoutFlags struct {
	whole, header string
}

// apply parses the flags given into o; an empty flag leaves the
// session's setting in force.
func (t TimeoutFlags) apply(o *session.Options) error {
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
