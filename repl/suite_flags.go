package repl

import (
	"fmt"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// suiteOptions are the flags of --test and the ones every script run
// shares with it (--retry, --retry-delay, --dry-run).
type suiteOptions struct {
	test       bool
	jobs       int
	shardText  string
	shard      shard
	retry      int
	retryDelay time.Duration
	dryRun     bool
}

func (o *suiteOptions) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.test, "test", false, "run each FILE (or each *.hsh under a DIR) in its own fresh session, with a summary")
	fs.IntVar(&o.jobs, "jobs", 0, "with --test: run `N` files at a time (default: the number of CPUs)")
	fs.StringVar(&o.shardText, "shard", "", "with --test: run only part `I/N` of the files (a CI matrix runs 1/N to N/N)")
	fs.IntVar(&o.retry, "retry", -1, "send a request again up to `N` times after a transport failure or a 5xx/429 (set retry)")
	fs.DurationVar(&o.retryDelay, "retry-delay", -1, "wait `D` between tries, or what Retry-After asks, up to 30s (set retry-delay)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print each request a script would send, and send none")
	commands.ValuesFlag(fs, "jobs", "files at a time", "1", "2", "4", "8")
	commands.ValuesFlag(fs, "shard", "part", "1/2", "2/2", "1/4")
}

// check refuses flags that do not fit together, before anything runs.
func (o *suiteOptions) check(all *options) error {
	if o.shardText != "" {
		sh, err := parseShard(o.shardText)
		if err != nil {
			return err
		}
		o.shard = sh
	}
	switch {
	case !o.test && (o.jobs != 0 || o.shardText != ""):
		return fmt.Errorf("--jobs and --shard go with --test: httpsh --test --jobs 4 tests/")
	case o.jobs < 0:
		return fmt.Errorf("--jobs takes a number of files at a time, 1 or more")
	case o.test && (len(all.lines) > 0 || all.stay):
		return fmt.Errorf("--test runs files: -c and -i do not go with it")
	case o.retry < -1:
		return fmt.Errorf("--retry takes a count, 0 or more")
	}
	return nil
}

// applyRetry puts --retry and --retry-delay into the session's settings,
// which every request reads unless its own --retry says otherwise.
func (o *suiteOptions) applyRetry(s *session.Session) {
	if o.retry >= 0 {
		s.Settings.Retry.Count = o.retry
	}
	if o.retryDelay >= 0 {
		s.Settings.Retry.Delay = o.retryDelay
	}
}
