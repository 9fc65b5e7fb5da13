package repl

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// wireOptions are the binary's TLS and HTTP version flags: each sets the
// session setting of the same meaning (ca, ca-only, cert, key, http,
// verify) before the first line runs.
type wireOptions struct {
	cacert                              []string
	cacertOnly, http11, http2, insecure bool
	cert, key                           string
}

func (w *wireOptions) register(fs *pflag.FlagSet) {
	commands.ListFlag(fs, &w.cacert, "cacert", "", "also trust the CA certificates in PEM `FILE` (set ca; repeatable)")
	fs.BoolVar(&w.cacertOnly, "cacert-only", false, "trust only the --cacert files, not the system's CAs (set ca-only on)")
	fs.StringVar(&w.cert, "cert", "", "present the client certificate in PEM `FILE` (set cert)")
	fs.StringVar(&w.key, "key", "", "the private key PEM `FILE` of --cert (set key)")
	fs.BoolVar(&w.http11, "http1.1", false, "use HTTP/1.1 (set http 1.1)")
	fs.BoolVar(&w.http2, "http2", false, "use HTTP/2, h2c for http:// (set http 2)")
	fs.BoolVar(&w.insecure, "insecure", false, "skip TLS verification for the whole session (set verify off)")
}

// apply sets the settings the flags name.
func (w *wireOptions) apply(s *session.Session) error {
	if w.http11 && w.http2 {
		return fmt.Errorf("give either --http1.1 or --http2")
	}
	var sets [][2]string
	if len(w.cacert) > 0 {
		sets = append(sets, [2]string{"ca", strings.Join(w.cacert, ",")})
	}
	if w.cacertOnly {
		if len(w.cacert) == 0 {
			return fmt.Errorf("--cacert-only needs --cacert FILE: otherwise nothing is trusted")
		}
		sets = append(sets, [2]string{"ca-only", "on"})
	}
	if w.key != "" && w.cert == "" {
		return fmt.Errorf("--key needs --cert FILE")
	}
	for _, kv := range [][2]string{{"cert", w.cert}, {"key", w.key}} {
		if kv[1] != "" {
			sets = append(sets, kv)
		}
	}
	switch {
	case w.http11:
		sets = append(sets, [2]string{"http", "1.1"})
	case w.http2:
		sets = append(sets, [2]string{"http", "2"})
	}
	if w.insecure {
		sets = append(sets, [2]string{"verify", "off"})
	}
	for _, kv := range sets {
		if err := s.Settings.Set(kv[0], kv[1]); err != nil {
			return fmt.Errorf("--%s: %w", kv[0], err)
		}
	}
	return nil
}

// passphraseReader asks for a key's passphrase through ask (the
// terminal's password prompt); nil when there is no terminal.
func passphraseReader(ask func(string) (string, error)) session.Passphrase {
	if ask == nil {
		return nil
	}
	return func(keyFile string) ([]byte, error) {
		p, err := ask(fmt.Sprintf("passphrase for %s: ", keyFile))
		return []byte(p), err
	}
}
