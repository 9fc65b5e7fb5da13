package fileout

import (
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameBytes bounds a file name taken from a server.
const MaxNameBytes = 200

// SafeName reduces a file name that came from a server (Content-
// Disposition, the last segment of a URL path) to a base name that is safe
// to create in the folder the user chose:
//   - only the part after the last / or \ is kept (no folders, no ..);
//   - control characters (C0, DEL, C1), bidi controls, invalid UTF-8 and
//     the characters Windows forbids (: * ? " < > |) are dropped or
//     replaced by _;
//   - leading dots, dashes and spaces are dropped (no hidden files, no .
//     or .., nothing a shell command could take for a flag), and so are
//     trailing dots and spaces;
//   - it is at most MaxNameBytes long, the extension kept when it is short.
//
// When nothing usable is left, fallback is used, reduced by the same
// rules, and "download" when that is empty too.
func SafeName(serverName, fallback string) string {
	if n := reduceName(serverName); n != "" {
		return n
	}
	if n := reduceName(fallback); n != "" {
		return n
	}
	return "download"
}

func reduceName(s string) string {
	s = strings.ReplaceAll(s, `\`, "/")
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		s = s[i+1:]
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1, r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, unicode.Is(unicode.Bidi_Control, r):
			continue
		case strings.ContainsRune(`:*?"<>|`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimLeft(b.String(), ".- \t")
	out = strings.TrimRight(out, ". \t")
	return truncateName(out)
}

// truncateName cuts name to MaxNameBytes on a rune boundary, keeping an
// extension of up to 16 bytes.
func truncateName(name string) string {
	if len(name) <= MaxNameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	stem := name[:len(name)-len(ext)]
	cut := MaxNameBytes - len(ext)
	for cut > 0 && !utf8.RuneStart(stem[cut]) {
		cut--
	}
	return stem[:cut] + ext
}

// ServerFileName is the safe name for a response body: the filename (or
// RFC 6266 filename*) parameter of its Content-Disposition when there is
// one, else the last segment of u's path, else fallback; always passed
// through SafeName.
func ServerFileName(contentDisposition string, u *url.URL, fallback string) string {
	if n := reduceName(dispositionName(contentDisposition)); n != "" {
		return n
	}
	if u != nil {
		if n := reduceName(path.Base(u.Path)); n != "" {
			return n
		}
	}
	return SafeName("", fallback)
}

// looseFilename finds filename=VALUE in a Content-Disposition that
// mime.ParseMediaType refuses (servers send unquoted slashes and spaces).
var looseFilename = regexp.MustCompile(`(?i)(?:^|;)\s*filename\s*=\s*(?:"([^"]*)"|([^;]*))`)

// dispositionName is the file name a Content-Disposition offers, or "".
func dispositionName(cd string) string {
	if _, params, err := mime.ParseMediaType(cd); err == nil {
		return params["filename"]
	}
	if m := looseFilename.FindStringSubmatch(cd); m != nil {
		return m[1] + m[2]
	}
	return ""
}

// SafePath joins dir and SafeName(serverName, fallback) and checks that
// the result stays inside dir and is not a symbolic link (which could
// point outside it). dir must exist.
func SafePath(dir, serverName, fallback string) (string, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return "", usagef("cannot write into %s: not a folder", dir)
	}
	p := filepath.Join(dir, SafeName(serverName, fallback))
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel != filepath.Base(p) {
		return "", failf("refused file name %q: it leaves %s", serverName, dir)
	}
	if lst, err := os.Lstat(p); err == nil && lst.Mode()&os.ModeSymlink != 0 {
		return "", failf("refused to write %s: it is a symbolic link", p)
	}
	return p, nil
}

// DispositionName is the file name a Content-Disposition value offers,
// reduced to a safe base name, or "" when it offers none.
func DispositionName(cd string) string { return reduceName(dispositionName(cd)) }
