// Package download is the family of one command, download: stream a
// body to a file in constant memory, through FILE.part, resumable with
// Range and If-Range.
package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// Commands returns the family's commands.
func Commands() []*commands.Command {
	return []*commands.Command{commands.Define(commands.Command{
		Name:  "download",
		Usage: "download URL [FILE] [--resume] [--force]",
		Short: "stream a body to a file in constant memory, resumable",
		Long: "The body goes to FILE.part and is renamed to FILE when complete and its length checked; on a failure or Ctrl-C the .part stays and the error says how to resume it. " +
			"Without FILE the name comes from the server's Content-Disposition or the URL, reduced to a safe base name in the current folder; a folder as FILE takes that name inside it. " +
			"An existing FILE is never overwritten unless --force. A 4xx/5xx answer saves nothing and fails.\n" +
			"--resume continues FILE.part with Range (and If-Range with the validator recorded in FILE.part.meta); when the server answers 200 instead of 206, or the file changed, it starts over. " +
			"A progress bar (bytes, rate, ETA) is drawn on stderr when it is a terminal.",
		Example: "download /range/1048576 alphabet.txt\ndownload /image/png\ndownload /range/1048576 alphabet.txt --resume",
		Args:    []commands.Arg{{Hint: commands.HintURL}, {Hint: commands.HintFile}},
		Min:     1,
		Max:     2,
	}, flags, run)}
}

// options are download's flags.
type options struct {
	resume, force, insecure bool
	headers                 []string
	timeouts                commands.TimeoutFlags
}

func flags(fs *pflag.FlagSet, o *options) {
	fs.BoolVar(&o.resume, "resume", false, "continue FILE.part from where it stopped")
	fs.BoolVar(&o.force, "force", false, "overwrite an existing FILE")
	commands.ListFlag(fs, &o.headers, "header", "H", "header `'Name: value'`")
	commands.HintFlag(fs, "header", commands.HintItem)
	o.timeouts.Register(fs, "time limit for the whole download such as `1h` (default: set timeout, off)",
		"longest wait for the headers or between reads such as `30s` (default: set header-timeout)")
	fs.BoolVar(&o.insecure, "insecure", false, "skip TLS verification for this request only")
}

// run downloads c.Args[0] to c.Args[1] (or a name the response gives),
// starting over once when a resume cannot continue the part.
func run(ctx context.Context, env *commands.Env, c *commands.Call, o *options) error {
	d, err := newDownload(env, c.Args, o)
	if err != nil {
		return err
	}
	req, err := d.request(c.Args[0], o)
	if err != nil {
		return err
	}
	e, err := d.run(ctx, req)
	if errors.Is(err, errStartOver) {
		env.Warnf("%s: starting over", d.restart)
		d.reset()
		e, err = d.run(ctx, req)
	}
	if err != nil {
		return err
	}
	d.report(e)
	return nil
}

// download is one run of the download command: where the body goes and
// what is already there.
type download struct {
	env     *commands.Env
	dir     string // folder for a name chosen from the response
	path    string // final file; "" until the response names it
	force   bool
	resume  bool
	offset  int64            // bytes of path.part being continued
	meta    fileout.PartMeta // validators recorded when path.part was begun
	hasMeta bool
	fromURL string // a safe name from the URL, used when the server gives none
	url     string // this exchange's URL as asked, password hidden

	file    *os.File
	meter   *fileout.Meter
	total   int64  // expected size of the whole file; -1 unknown
	resumed bool   // the server answered 206 from offset
	restart string // why a resume was abandoned
	sinkErr error  // a refusal from the sink (exists, cannot write)
}

// errStartOver asks run to send again without Range.
var errStartOver = errors.New("start over")

// newDownload works out the target from the words and checks, before
// anything is sent, that it may be written.
func newDownload(env *commands.Env, args []string, f *options) (*download, error) {
	d := &download{env: env, dir: ".", force: f.force, resume: f.resume, total: -1}
	u, err := session.Resolve(env.Session.Base, args[0])
	if err != nil {
		return nil, commands.Usage(err)
	}
	d.fromURL = fileout.SafeName(lastSegment(u.EscapedPath()), "")
	if len(args) == 2 {
		if st, err := os.Stat(args[1]); err == nil && st.IsDir() {
			d.dir = args[1]
		} else {
			d.path = args[1]
		}
	}
	if d.resume && d.path == "" {
		d.path = filepath.Join(d.dir, d.fromURL)
	}
	if d.path != "" {
		if err := d.checkTarget(); err != nil {
			return nil, err
		}
	}
	if d.resume {
		d.loadPart()
	}
	return d, nil
}

// checkTarget refuses what -o refuses (a link, a folder, an existing
// file without --force, a missing folder) and also devices and pipes:
// download keeps files, and its .part and resume need a regular one.
func (d *download) checkTarget() error {
	if fileout.Special(d.path) {
		return commands.Usagef("%s is not a regular file: download keeps files (to discard a body, `get URL -o %s`)", d.path, d.path)
	}
	return fileout.CheckWritable(d.path, d.force)
}

// request builds the GET: no content coding, so that ranges count the
// bytes that land on disk, and Range/If-Range when resuming.
func (d *download) request(raw string, f *options) (*session.Request, error) {
	req := &session.Request{Method: "GET", URL: raw}
	req.Headers = append(req.Headers, session.Header{Name: "Accept-Encoding", Value: "identity"})
	for _, h := range f.headers {
		hd, err := commands.HeaderFlag(h)
		if err != nil {
			return nil, err
		}
		req.Headers = append(req.Headers, hd)
	}
	if err := f.timeouts.Apply(&req.Options); err != nil {
		return nil, err
	}
	req.Options.Insecure = f.insecure
	return req, nil
}

// run sends req (with Range when there is a part to continue) and
// streams the body into the part file.
func (d *download) run(ctx context.Context, base *session.Request) (*session.Exchange, error) {
	req := *base
	req.Headers = append([]session.Header(nil), base.Headers...)
	if d.offset > 0 {
		req.Headers = append(req.Headers, session.Header{Name: "Range", Value: fmt.Sprintf("bytes=%d-", d.offset)})
		if v := d.meta.Validator(); v != "" {
			req.Headers = append(req.Headers, session.Header{Name: "If-Range", Value: v})
		} else {
			d.env.Warnf("no valid ETag or Last-Modified recorded for %s: resuming with Range alone", d.part())
		}
	}
	p, err := d.env.Session.Prepare(&req)
	if err != nil {
		return nil, commands.Usage(err)
	}
	d.url = session.Redact(p.URL)
	e, err := d.env.Session.Send(ctx, p, session.SendOptions{Sink: d.sink, Progress: func(n int64) { d.meter.Add(n) }})
	return e, d.finish(ctx, e, err)
}

// reset forgets the part so the next run starts from byte 0.
func (d *download) reset() {
	d.offset, d.hasMeta, d.meta, d.resumed, d.sinkErr, d.file, d.meter = 0, false, fileout.PartMeta{}, false, nil, nil, nil
}

func (d *download) part() string { return d.path + ".part" }

// sink is called with the final response's headers. It decides the name,
// opens the part file (appending after a 206 that starts at offset) and
// returns it; a 4xx/5xx body is kept in memory for `show`, not saved.
func (d *download) sink(resp *session.Response) (io.Writer, error) {
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, nil
	}
	if d.path == "" {
		d.path = filepath.Join(d.dir, d.serverName(resp))
		if err := d.checkTarget(); err != nil {
			d.sinkErr = err
			return nil, err
		}
	}
	appendPart, err := d.accept(resp)
	if err != nil {
		return nil, err
	}
	f, err := fileout.OpenPart(d.part(), appendPart)
	if err != nil {
		d.sinkErr = err
		return nil, d.sinkErr
	}
	d.file = f
	if !appendPart {
		d.offset = 0
		d.saveMeta(resp)
	}
	d.meter = d.env.Meters().Start(filepath.Base(d.path), d.offset, d.total)
	return f, nil
}

// accept checks a response against the part being continued: a 206 must
// start at offset and describe the same file; a 200 replaces the part.
// It reports whether to append, or errStartOver.
func (d *download) accept(resp *session.Response) (bool, error) {
	if resp.StatusCode != 206 {
		d.total = fileout.ContentLength(resp)
		if d.offset > 0 {
			d.env.Warnf("the server sent the whole file (%d %s), not the rest: starting over", resp.StatusCode, render.Sanitize(resp.Reason))
		}
		return false, nil
	}
	start, total, ok := fileout.ParseContentRange(resp.Header.Get("Content-Range"))
	switch {
	case !ok || d.offset == 0:
		d.restart = fmt.Sprintf("the server answered 206 with Content-Range %q, not the rest from byte %d", render.Sanitize(resp.Header.Get("Content-Range")), d.offset)
	case start != d.offset:
		d.restart = fmt.Sprintf("the server resumed at byte %d, not at %d", start, d.offset)
	case d.hasMeta && d.meta.Total >= 0 && total >= 0 && total != d.meta.Total:
		d.restart = fmt.Sprintf("the file changed on the server (%d bytes, was %d)", total, d.meta.Total)
	default:
		d.total, d.resumed = total, true
		return true, nil
	}
	return false, errStartOver
}

// finish closes the part file and, when the body is complete and its
// length checks out, renames it into place. On a failure the part stays
// and the error says how to continue it.
func (d *download) finish(ctx context.Context, e *session.Exchange, sendErr error) error {
	var cerr error
	if d.file != nil {
		cerr = d.file.Close()
	}
	d.meter.Stop(sendErr == nil)
	switch {
	case d.restart != "" && errors.Is(sendErr, errStartOver):
		return errStartOver
	case d.sinkErr != nil:
		return d.sinkErr
	case sendErr != nil && d.file == nil:
		return commands.Fail(sendErr)
	case sendErr != nil:
		return d.kept(ctx, e, sendErr)
	case cerr != nil:
		return commands.Failf("write %s: %w", d.part(), cerr)
	}
	resp := e.Response()
	if d.file == nil {
		return d.notSaved(e)
	}
	if err := d.verify(resp); err != nil {
		return err
	}
	return d.rename()
}

// kept is the error for a transfer cut short: what is on disk and the
// command that continues it. Ctrl-C gives exit status 130.
func (d *download) kept(ctx context.Context, e *session.Exchange, sendErr error) error {
	size := d.offset
	if st, err := os.Stat(d.part()); err == nil {
		size = st.Size()
	}
	how := fmt.Sprintf("kept %s in %s: `download %s %s --resume` continues it", render.HumanBytes(size), d.part(), urlWord(e), commands.Quote(d.path))
	if ctx.Err() != nil && errors.Is(sendErr, context.Canceled) {
		return &commands.Error{Status: commands.StatusInterrupted, Err: fmt.Errorf("interrupted: %s", how)}
	}
	var we *session.WriteError
	if errors.As(sendErr, &we) {
		return commands.Failf("cannot write %s: %w (a local error: make room, then resume): %s", d.part(), we.Err, how)
	}
	return commands.Failf("download incomplete: %s (%w)", how, sendErr)
}

// notSaved handles an answer that is not 2xx: a 416 to a resume whose
// part is already whole completes it; anything else saves nothing.
func (d *download) notSaved(e *session.Exchange) error {
	resp := e.Response()
	if resp.StatusCode == 416 && d.offset > 0 {
		_, total, ok := fileout.ParseContentRange(resp.Header.Get("Content-Range"))
		if ok && total == d.offset {
			d.total = total
			return d.rename()
		}
		return commands.Failf("the server cannot continue %s (416 Range Not Satisfiable): remove it or run download without --resume", d.part())
	}
	if err := commands.StatusError(e); err != nil {
		return commands.Failf("%w: nothing saved", err)
	}
	return commands.Failf("%d %s for url: %s: nothing saved", resp.StatusCode, render.Sanitize(resp.Reason), session.Redact(e.URL()))
}

// verify checks the part file against Content-Length and the total the
// server announced.
func (d *download) verify(resp *session.Response) error {
	st, err := os.Stat(d.part())
	if err != nil {
		return commands.Failf("check %s: %w", d.part(), err)
	}
	if cl := fileout.ContentLength(resp); cl >= 0 && resp.WireSize != cl {
		return commands.Failf("the server announced %d bytes and sent %d: kept %s; try again with --resume", cl, resp.WireSize, d.part())
	}
	if d.total >= 0 && st.Size() != d.total {
		return commands.Failf("%s has %d bytes, the file has %d: kept it; try again with --resume", d.part(), st.Size(), d.total)
	}
	return nil
}

// rename moves the part into place: without --force by a hard link, which
// fails rather than replace a file that appeared meanwhile.
func (d *download) rename() error {
	if d.force {
		if err := os.Rename(d.part(), d.path); err != nil {
			return commands.Failf("rename %s to %s: %w", d.part(), d.path, err)
		}
	} else {
		if err := os.Link(d.part(), d.path); err != nil {
			if errors.Is(err, os.ErrExist) {
				return commands.Failf("%s appeared while downloading: kept the body in %s", d.path, d.part())
			}
			return commands.Failf("rename %s to %s: %w", d.part(), d.path, err)
		}
		_ = os.Remove(d.part())
	}
	_ = os.Remove(d.metaPath())
	return nil
}

// report prints the status line and where the body went.
func (d *download) report(e *session.Exchange) {
	resp := e.Response()
	d.env.Render().Status(d.env.Stdout, resp.Proto, resp.StatusCode, resp.Reason)
	st, err := os.Stat(d.path)
	size := int64(0)
	if err == nil {
		size = st.Size()
	}
	note := ""
	if d.resumed {
		note = fmt.Sprintf(", resumed at %s", render.HumanBytes(d.offset))
	}
	d.env.Printf("[saved %s to %s%s]\n", render.HumanBytes(size), d.path, note)
	for _, w := range e.Warnings {
		d.env.Warnf("%s", w)
	}
}

// urlWord is the URL of e as the user would type it again in a hint.
func urlWord(e *session.Exchange) string {
	if e == nil || len(e.Hops) == 0 {
		return "URL"
	}
	return commands.Quote(session.Redact(e.Hops[0].Request.URL))
}
