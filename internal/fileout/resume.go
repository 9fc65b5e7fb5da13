package fileout

import (
	"fmt"

	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// Resume makes o continue Path.part from its end, with the validators in
// Path.part.meta, by the rules download follows: a 206 from that byte of
// the same file appends, a 200 starts over, a 416 whose total is the
// part's size completes it. A device or pipe cannot be resumed.
func (o *Output) Resume() error {
	if o.direct {
		return usagef("%s is not a regular file: --resume continues a file's .part", o.Path)
	}
	o.offset, o.meta, o.hasMeta = LoadPart(o.Path)
	return nil
}

// RangeHeaders are the headers a resume sends: Range from the part's end
// and If-Range with its validator; none when there is nothing to resume.
func (o *Output) RangeHeaders() []session.Header {
	if o.offset == 0 {
		return nil
	}
	h := []session.Header{{Name: "Range", Value: fmt.Sprintf("bytes=%d-", o.offset)}}
	if v := o.meta.Validator(); v != "" {
		h = append(h, session.Header{Name: "If-Range", Value: v})
	}
	return h
}

// Resumed reports whether the body continued the part, and from which
// byte.
func (o *Output) Resumed() (from int64, ok bool) { return o.offset, o.resumed }

// accept checks a response against the part being continued and reports
// whether to append to it. A response that cannot continue it refuses
// the body (o.refused), leaving the part as it was.
func (o *Output) accept(resp *session.Response) (bool, error) {
	if o.offset == 0 {
		return false, nil
	}
	switch {
	case resp.StatusCode == 416:
		if _, total, ok := ParseContentRange(resp.Header.Get("Content-Range")); ok && total == o.offset {
			o.whole = true
			return false, nil
		}
		o.refused = failf("the server cannot continue %s (416 Range Not Satisfiable): remove it or run without --resume", o.part)
	case resp.StatusCode == 206:
		start, total, ok := ParseContentRange(resp.Header.Get("Content-Range"))
		switch {
		case !ok || start != o.offset:
			o.refused = failf("the server answered 206 with Content-Range %q, not the rest of %s from byte %d: kept it; run without --resume to start over",
				render.Sanitize(resp.Header.Get("Content-Range")), o.part, o.offset)
		case o.hasMeta && o.meta.Total >= 0 && total >= 0 && total != o.meta.Total:
			o.refused = failf("the file changed on the server (%d bytes, was %d): kept %s; run without --resume to start over", total, o.meta.Total, o.part)
		default:
			o.resumed = true
			if total >= 0 {
				o.meta.Total = total
			}
			return true, nil
		}
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		return false, nil // the whole file again: it replaces the part
	default:
		o.inMemory = true // an error page: shown, and the part left as it was
		return false, nil
	}
	return false, o.refused
}
