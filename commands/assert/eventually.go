package assert

import (
	"context"
	"strconv"
	"time"

	"github.com/httpsh/httpsh/commands"
)

// subMax is the most words each expect subcommand takes without the
// trailing --retry/--every (the Subs declare Many so that those reach
// the command).
func subMax(sub string) int {
	switch sub {
	case "status", "body", "time":
		return 2
	}
	return 0
}

// defaultEvery is the wait between tries of `expect ... --retry N`.
const defaultEvery = time.Second

// retryWords are a trailing `--retry N [--every D]` of expect.
type retryWords struct {
	tries int           // re-sends allowed; 0: check once
	every time.Duration // wait before each re-send
}

// splitRetry takes `--retry N` and `--every D`, in either order, off the
// END of words: only there, because a value to compare may itself start
// with '-' (`expect json .n == -1`). --every without --retry is a usage
// error.
func splitRetry(words []string) ([]string, retryWords, error) {
	rt := retryWords{every: defaultEvery}
	seen := map[string]bool{}
	for len(words) >= 2 {
		flag, val := words[len(words)-2], words[len(words)-1]
		if (flag != "--retry" && flag != "--every") || seen[flag] {
			break
		}
		seen[flag] = true
		switch flag {
		case "--retry":
			n, err := strconv.Atoi(val)
			if err != nil || n < 1 {
				return nil, rt, commands.Usagef("expect --retry takes a count of re-sends such as 10, not %q", val)
			}
			rt.tries = n
		default:
			d, err := time.ParseDuration(val)
			if err != nil || d <= 0 {
				return nil, rt, commands.Usagef("expect --every takes a duration such as 500ms, not %q", val)
			}
			rt.every = d
		}
		words = words[:len(words)-2]
	}
	if seen["--every"] && !seen["--retry"] {
		return nil, rt, commands.Usagef("expect --every needs --retry N: e.g. `--retry 10 --every 1s` at the end of the line")
	}
	return words, rt, nil
}

// expectEventually runs check; while it fails as a check (exit status 1)
// and tries remain, it waits rt.every, re-sends the last request and
// checks again. A usage error or an interrupt ends it at once. Each try
// is visible: a warning line, and the re-sent request in the report.
func expectEventually(ctx context.Context, env *commands.Env, rt retryWords, resend Resender, check func() error) error {
	for try := 1; ; try++ {
		err := check()
		if err == nil || try > rt.tries || commands.ExitStatus(err) != commands.StatusFailure {
			return err
		}
		env.Warnf("expect try %d of %d: %s; sending the request again in %s", try, rt.tries+1, commands.ErrorText(err), rt.every)
		t := time.NewTimer(rt.every)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		if err := resend(ctx, env); err != nil {
			return err
		}
	}
}
