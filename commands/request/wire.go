package request

import (
	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// wireFlags are the per-request TLS files, HTTP version and digest
// flags; like --insecure they change this request only.
type wireFlags struct {
	cacert                            []string
	cacertOnly, http11, http2, digest bool
	cert, key                         string
}

func (w *wireFlags) register(fs *pflag.FlagSet) {
	commands.ListFlag(fs, &w.cacert, "cacert", "", "also trust the CA certificates in PEM `FILE` for this request (repeatable)")
	commands.HintFlag(fs, "cacert", commands.HintFile)
	fs.BoolVar(&w.cacertOnly, "cacert-only", false, "trust only the --cacert (or set ca) files, not the system's CAs")
	fs.StringVar(&w.cert, "cert", "", "client certificate PEM `FILE` for this request (with its key, or see --key)")
	commands.HintFlag(fs, "cert", commands.HintFile)
	fs.StringVar(&w.key, "key", "", "private key PEM `FILE` of --cert (a passphrase is asked without echo)")
	commands.HintFlag(fs, "key", commands.HintFile)
	fs.BoolVar(&w.http11, "http1.1", false, "use HTTP/1.1 for this request")
	fs.BoolVar(&w.http2, "http2", false, "use HTTP/2 for this request (h2c with prior knowledge for http://)")
	fs.BoolVar(&w.digest, "digest", false, "with --auth: digest credentials instead of basic")
}

// apply puts the flags into req.Options: TLS files given here replace
// the session's of the same kind and keep the others.
func (w *wireFlags) apply(req *session.Request, s *session.Session) error {
	switch {
	case w.http11 && w.http2:
		return commands.Usagef("give either --http1.1 or --http2")
	case w.http11:
		req.Options.HTTP = "1.1"
	case w.http2:
		req.Options.HTTP = "2"
	}
	if len(w.cacert) == 0 && !w.cacertOnly && w.cert == "" && w.key == "" {
		return nil
	}
	o := s.Settings.Wire.TLS
	o.CA = append([]string(nil), o.CA...)
	if len(w.cacert) > 0 {
		o.CA = w.cacert
	}
	if w.cacertOnly {
		if len(o.CA) == 0 {
			return commands.Usagef("--cacert-only needs --cacert FILE (or set ca FILE): otherwise nothing is trusted")
		}
		o.CAOnly = true
	}
	if w.cert != "" {
		o.Cert, o.Key = w.cert, ""
	}
	if w.key != "" {
		if o.Cert == "" {
			return commands.Usagef("--key needs --cert FILE (or set cert FILE)")
		}
		o.Key = w.key
	}
	req.Options.TLS = &o
	return nil
}
