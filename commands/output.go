package commands

import (
	"context"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// sendAndShow sends p, prints the exchange as the flags say, and turns
// the status into a failure when --raise or `set raise on` asks for it.
func (x *Executor) sendAndShow(ctx context.Context, p *session.Prepared, f *requestFlags) error {
	parts := x.Session.Settings.Show
	if f.show != "" {
		parts, _ = session.ParseShow(f.show)
	}
	show := render.PartsOf(parts)
	if f.verbose {
		show.Request = true
	}
	var opts session.SendOptions
	var out *fileout.Output
	switch {
	case f.output != "":
		o, err := fileout.NewOutput(f.output, f.force, x.meters())
		if err != nil {
			return err
		}
		out = o
		opts.Sink, opts.Progress = o.Sink, o.Progress
	case f.stream:
		sw := render.NewSanitizingWriter(x.Stdout)
		defer sw.Finish()
		var flush func()
		opts.Sink, flush = x.View().StreamSink(show, sw)
		defer flush() // runs before sw.finish
	}
	e, err := x.Session.Send(ctx, p, opts)
	if out != nil {
		if ferr := out.Finish(err); err == nil && ferr != nil {
			err = ferr
		}
	}
	if e != nil && len(e.Hops) > 0 {
		savedTo := ""
		if out != nil {
			savedTo = out.Path
		}
		x.View().Exchange(e, show, f.stream, savedTo)
	}
	if err != nil {
		return Fail(err)
	}
	return x.raiseFor(e, f.raise)
}

// raiseFor fails on a 4xx/5xx when asked to, with requests' wording.
func (x *Executor) raiseFor(e *session.Exchange, flag bool) error {
	if !flag && !x.Session.Settings.Raise {
		return nil
	}
	return StatusError(e)
}
