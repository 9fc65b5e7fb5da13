package repl

import (
	"fmt"
	"strings"

	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

const usageText = `httpsh: an interactive shell for HTTP sessions

usage:
  httpsh [FLAG...]                 the shell on a terminal; otherwise commands from stdin
  httpsh [FLAG...] FILE...         run script files in one session
  httpsh [FLAG...] -c LINE...      run these lines, then exit (-i: then stay in the shell)

flags:
  --playground        start an embedded httpbin on 127.0.0.1 and set base to it
  --base URL          base URL that /paths are joined to
  --color WHEN        auto, always or never (NO_COLOR is respected)
  --var NAME=VALUE    set a variable (repeatable)
  --keep-going        in scripts, go on after a failing command
  --session NAME      start with the saved session NAME (see ` + "`help session`" + `)
  --report junit FILE write a JUnit XML report of the files' expectations (- for stdout)
  --report tap[=FILE] write a TAP report (to stdout without FILE)
  --no-history        do not read or write the shell's line history
  -c LINE             run LINE (repeatable)
  -i                  with -c: stay in the shell afterwards
  --version, --help

exit status: 0 success, 1 a command failed, 2 usage error, 130 interrupted.
Inside httpsh, ` + "`help`" + ` lists the commands. Try: httpsh --playground
`

type options struct {
	lines      []string
	stay       bool
	playground bool
	base       string
	color      string
	vars       []string
	keepGoing  bool
	noHistory  bool
	version    bool
	help       bool
	files      []string
	session    string
	report     *report
}

func parseArgs(args []string) (*options, error) {
	o := &options{}
	fs := pflag.NewFlagSet("httpsh", pflag.ContinueOnError)
	fs.Usage = func() {}
	fs.SetOutput(discardWriter{})
	fs.StringArrayVarP(&o.lines, "command", "c", nil, "")
	fs.BoolVarP(&o.stay, "interactive", "i", false, "")
	fs.BoolVar(&o.playground, "playground", false, "")
	fs.StringVar(&o.base, "base", "", "")
	fs.StringVar(&o.color, "color", "", "")
	fs.StringArrayVar(&o.vars, "var", nil, "")
	fs.BoolVar(&o.keepGoing, "keep-going", false, "")
	fs.BoolVar(&o.noHistory, "no-history", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.BoolVarP(&o.help, "help", "h", false, "")
	fs.StringVar(&o.session, "session", "", "")
	reportFlag := fs.String("report", "", "")
	if err := fs.Parse(joinReport(args)); err != nil {
		return nil, err
	}
	if *reportFlag != "" {
		r, err := parseReport(*reportFlag, "")
		if err != nil {
			return nil, err
		}
		o.report = r
	}
	o.files = fs.Args()
	if o.color != "" && o.color != "auto" && o.color != "always" && o.color != "never" {
		return nil, fmt.Errorf("--color takes auto, always or never, not %q", o.color)
	}
	return o, nil
}

// joinReport turns the two-word `--report junit FILE` into
// `--report=junit=FILE`, which one flag can hold.
func joinReport(args []string) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		if args[i] == "--" {
			return append(out, args[i:]...)
		}
		if args[i] == "--report" && i+2 < len(args) && args[i+1] == "junit" {
			out = append(out, "--report=junit="+args[i+2])
			i += 2
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// apply puts the command-line settings into the session.
func (o *options) apply(s *session.Session) error {
	if o.base != "" {
		if err := setBase(s, o.base); err != nil {
			return err
		}
	}
	if o.color != "" {
		s.Settings.Color = o.color
	}
	for _, v := range o.vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return fmt.Errorf("--var %q: expected NAME=VALUE", v)
		}
		s.Vars[name] = value
	}
	return nil
}

type discardWriter struct{}

func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }
