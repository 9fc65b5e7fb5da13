package download

import (
	"net/url"
	"strings"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
)

func (d *download) metaPath() string { return fileout.MetaPath(d.path) }

// loadPart reads the size of FILE.part and its meta, if any.
func (d *download) loadPart() {
	d.offset, d.meta, d.hasMeta = fileout.LoadPart(d.path)
}

// saveMeta records the validators of a response that begins a part file.
// It is best effort: without it, a resume sends Range alone.
func (d *download) saveMeta(resp *session.Response) {
	// d.url is this exchange's: the session records it only after the body.
	if err := fileout.SavePartMeta(d.path, fileout.NewPartMeta(d.url, resp.Header, d.total)); err != nil {
		d.env.Warnf("cannot record %s (a resume will send Range alone): %v", d.metaPath(), err)
	}
}

// serverName is the file name for a response: Content-Disposition's
// filename when it gives one, else the URL's, reduced to a safe base name.
func (d *download) serverName(resp *session.Response) string {
	if n := fileout.DispositionName(resp.Header.Get("Content-Disposition")); n != "" {
		return n
	}
	return d.fromURL
}

// lastSegment is the last path segment of an escaped path, unescaped.
func lastSegment(escaped string) string {
	seg := escaped[strings.LastIndexByte(escaped, '/')+1:]
	if s, err := url.PathUnescape(seg); err == nil {
		return s
	}
	return seg
}
