package request

import (
	"context"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// showValues are the --show values offered by completion.
func showValues() []string {
	return []string{"status,headers,body", "body", "status", "headers", "status,headers",
		"request,status,headers,body", "status,headers,body,timing", "timing"}
}

// display is how an exchange is sent and shown: the flags the verbs share
// with send (show, verbose, raise); output, force and stream only the
// verbs have.
type display struct {
	show, output                               string
	verbose, raise, stream, force, raw, resume bool
	retry                                      retryFlags
}

// registerShown adds -v, --show and --raise with the given help for --show.
func (d *display) registerShown(fs *pflag.FlagSet, showUsage string) {
	fs.BoolVarP(&d.verbose, "verbose", "v", false, "also show the request as sent")
	fs.StringVar(&d.show, "show", "", showUsage)
	commands.ValuesFlag(fs, "show", "parts to print", showValues()...)
	fs.BoolVar(&d.raise, "raise", false, "fail on a 4xx/5xx response")
	fs.BoolVar(&d.raw, "raw", false, "print the body as received: no charset decoding or indenting (bytes as they are when stdout is not a terminal)")
	d.retry.register(fs)
}

// registerDisplay adds the display flags of the verbs, request and
// resend: -o, --force, --stream and those of registerShown.
func (d *display) registerDisplay(fs *pflag.FlagSet) {
	fs.StringVarP(&d.output, "output", "o", "", "stream the body to `FILE`")
	commands.HintFlag(fs, "output", commands.HintFile)
	fs.BoolVar(&d.force, "force", false, "with -o: overwrite an existing file")
	fs.BoolVar(&d.resume, "resume", false, "with -o: continue FILE.part from where it stopped (Range, If-Range)")
	fs.BoolVar(&d.stream, "stream", false, "print the body as it arrives")
	d.registerShown(fs, "print only these `parts`: status,headers,body,request,timing")
}

// checkShow refuses a --show that names no parts.
func (d *display) checkShow() error {
	if d.show == "" {
		return nil
	}
	if _, err := session.ParseShow(d.show); err != nil {
		return commands.Usagef("--show: %v", err)
	}
	return nil
}

// sendAndShow sends p, prints the exchange as d says, and turns the
// status into a failure when --raise or `set raise on` asks for it.
func sendAndShow(ctx context.Context, env *commands.Env, p *session.Prepared, d *display) error {
	if env.DryRun {
		dryRun(env, p)
		return nil
	}
	parts := env.Session.Settings.Show
	if d.show != "" {
		parts, _ = session.ParseShow(d.show)
	}
	show := render.PartsOf(parts)
	if d.verbose {
		show.Request = true
	}
	show.Raw = d.raw
	if err := env.CheckRequest(p, "sent"); err != nil {
		return err
	}
	var opts session.SendOptions
	var out *fileout.Output
	switch {
	case d.output != "":
		o, q, err := openOutput(p, d, env.Meters())
		if err != nil {
			return err
		}
		out, p = o, q
		opts.Sink, opts.Progress = o.Sink, o.Progress
	case d.resume:
		return commands.Usagef("--resume continues a body saved with -o FILE: add -o FILE")
	case d.stream:
		sw := render.NewSanitizingWriter(env.Stdout)
		defer sw.Finish()
		var flush func()
		opts.Sink, flush = env.View().StreamSink(show, sw)
		defer flush() // runs before sw.Finish
	}
	e, err := sendRetrying(ctx, env, p, opts, d.retry.policy(&env.Session.Settings))
	savedTo := ""
	if out != nil {
		if ferr := out.Finish(err); ferr != nil {
			err = keptError(ctx, p, out, ferr)
		} else if err == nil {
			savedTo = out.Path
		}
	}
	if e != nil && len(e.Hops) > 0 {
		env.View().Exchange(e, show, d.stream, savedTo)
		env.CheckResponse(e)
		if savedTo != "" {
			if from, ok := out.Resumed(); ok {
				env.Printf("[resumed at %s]\n", render.HumanBytes(from))
			}
		}
	}
	if err != nil {
		return commands.Fail(err)
	}
	return raiseFor(env, e, d.raise)
}

// raiseFor fails on a 4xx/5xx when asked to, with requests' wording.
func raiseFor(env *commands.Env, e *session.Exchange, flag bool) error {
	if !flag && !env.Session.Settings.Raise {
		return nil
	}
	return commands.StatusError(e)
}
