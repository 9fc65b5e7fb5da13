package repl

import (
	"fmt"
	"io"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// usageHead and usageTail frame the flags in --help; the flags' lines are
// generated from their registrations (newFlagSet), so the two cannot
// disagree.
const usageHead = `httpsh: an interactive shell for HTTP sessions

usage:
  httpsh [FLAG...]                     the shell on a terminal; otherwise commands from stdin
  httpsh [FLAG...] FILE...             run script files in one session
  httpsh --test [FLAG...] FILE|DIR...  run each script in its own session, --jobs at a time
  httpsh [FLAG...] -c LINE...          run these lines, then exit (-i: then stay in the shell)

flags:
`

const usageTail = `
exit status: 0 success, 1 a command failed, 2 usage error, 130 interrupted.
Inside httpsh, ` + "`help`" + ` lists the commands. Try: httpsh --playground
`

// usageText is --help's text.
func usageText() string {
	fs, _, _ := newFlagSet()
	return usageHead + commands.FlagUsages(fs) + usageTail
}

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
	spec       string
	env        string
	noInit     bool
	report     *report
	wire       wireOptions
	suite      suiteOptions
}

// newFlagSet registers the binary's flags into a fresh options value;
// reports holds the --report values as given.
func newFlagSet() (*pflag.FlagSet, *options, *[]string) {
	o := &options{}
	fs := pflag.NewFlagSet("httpsh", pflag.ContinueOnError)
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.BoolVar(&o.playground, "playground", false, "start an embedded httpbin on 127.0.0.1 and set base to it")
	fs.StringVar(&o.base, "base", "", "base `URL` that /paths are joined to")
	fs.StringVar(&o.color, "color", "", "colour `WHEN`: auto, always or never (NO_COLOR is respected)")
	commands.ListFlag(fs, &o.vars, "var", "", "set a variable `NAME=VALUE` (repeatable)")
	fs.BoolVar(&o.keepGoing, "keep-going", false, "in scripts, go on after a failing command")
	o.wire.register(fs)
	fs.StringVar(&o.spec, "spec", "", "load the OpenAPI spec `FILE|URL` (see `help spec`)")
	fs.StringVar(&o.session, "session", "", "start with the saved session `NAME` (see `help session`)")
	fs.StringVar(&o.env, "env", "", "start with the environment `NAME` of the current folder active (see `help env`)")
	fs.BoolVar(&o.noInit, "no-init", false, "do not run $XDG_CONFIG_HOME/httpsh/init.hsh in the shell")
	var reports []string
	commands.ListFlag(fs, &reports, "report", "", "write a report: `junit FILE`, json FILE, html FILE (- for stdout, but html) or tap[=FILE]; repeatable")
	o.suite.register(fs)
	fs.BoolVar(&o.noHistory, "no-history", false, "do not read or write the shell's line history")
	commands.ListFlag(fs, &o.lines, "command", "c", "run `LINE` (repeatable)")
	fs.BoolVarP(&o.stay, "interactive", "i", false, "with -c: stay in the shell afterwards")
	fs.BoolVar(&o.version, "version", false, "print the version")
	fs.BoolVarP(&o.help, "help", "h", false, "print this help")
	return fs, o, &reports
}

func parseArgs(args []string) (*options, error) {
	fs, o, reportFlag := newFlagSet()
	if err := fs.Parse(joinReport(args)); err != nil {
		return nil, err
	}
	r, err := parseReports(*reportFlag)
	if err != nil {
		return nil, err
	}
	o.report = r
	o.files = fs.Args()
	if err := o.suite.check(o); err != nil {
		return nil, err
	}
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
		if args[i] == "--report" && i+2 < len(args) && twoWordReport(args[i+1]) {
			out = append(out, "--report="+args[i+1]+"="+args[i+2])
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
	if err := o.wire.apply(s); err != nil {
		return err
	}
	o.suite.applyRetry(s)
	for _, v := range o.vars {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return fmt.Errorf("--var %q: expected NAME=VALUE", v)
		}
		s.Vars[name] = value
	}
	return nil
}
