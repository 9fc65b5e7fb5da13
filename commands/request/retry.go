package request

import (
	"context"
	"fmt"
	"time"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// retryFlags are --retry and --retry-delay; unset (-1), the session's
// `set retry` and `set retry-delay` apply (the binary's --retry sets
// those).
type retryFlags struct {
	count      int
	delay      time.Duration
	registered bool // false: a zero display (resend), the settings apply
}

func (r *retryFlags) register(fs *pflag.FlagSet) {
	r.registered = true
	fs.IntVar(&r.count, "retry", -1, "send again up to `N` times after a transport failure or a 5xx/429 answer (default: set retry)")
	commands.ValuesFlag(fs, "retry", "retries", "1", "3", "5")
	fs.DurationVar(&r.delay, "retry-delay", -1, "wait `D` between tries, or what Retry-After asks, up to 30s (default: set retry-delay)")
	commands.ValuesFlag(fs, "retry-delay", "wait", "100ms", "1s", "5s")
}

// policy is the retry policy of one request: the flags over the settings.
func (r retryFlags) policy(s *session.Settings) session.RetrySettings {
	p := s.Retry
	if !r.registered {
		return p
	}
	if r.count >= 0 {
		p.Count = r.count
	}
	if r.delay >= 0 {
		p.Delay = r.delay
	}
	return p
}

// sendRetrying sends p, and again while an attempt is retryable (a
// transport failure, a 5xx or a 429) and tries remain, waiting between
// them. Each try goes to Hooks.Sent and, but the last, gets a warning
// line. A body streamed to a sink (-o, --stream) is sent once: its bytes
// have gone out already.
func sendRetrying(ctx context.Context, env *commands.Env, p *session.Prepared, opts session.SendOptions, pol session.RetrySettings) (*session.Exchange, error) {
	if opts.Sink != nil {
		pol.Count = 0
	}
	for n := 1; ; n++ {
		start := time.Now()
		e, err := env.Session.Send(ctx, p, opts)
		made := e
		if e != nil && len(e.Hops) == 0 {
			made = nil
		}
		env.NoteAttempt(p, made, err, n, start)
		if n > pol.Count || ctx.Err() != nil || !session.Retryable(made, err) {
			return e, err
		}
		wait := session.RetryWait(made, pol.Delay, time.Now())
		env.Warnf("try %d of %d: %s; trying again in %s", n, pol.Count+1, attemptOutcome(made, err), wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return e, err
		case <-t.C:
		}
	}
}

// attemptOutcome is "503 Service Unavailable" or the transport error.
func attemptOutcome(e *session.Exchange, err error) string {
	if e == nil {
		return commands.ErrorText(err)
	}
	r := e.Response()
	return fmt.Sprintf("%d %s", r.StatusCode, r.Reason)
}

// dryRun prints the request p would be, credentials hidden, instead of
// sending it (httpsh --dry-run).
func dryRun(env *commands.Env, p *session.Prepared) {
	shown := *p
	shown.Lines = make([]session.Line, len(p.Lines))
	for i, l := range p.Lines {
		if session.SecretHeader(l.Name) {
			l.Value = "***"
		}
		shown.Lines[i] = l
	}
	showPrepared(env, &shown)
	env.Printf("# dry run: not sent\n\n")
}
