package completion

import (
	"strings"

	"github.com/httpsh/httpsh/session"
)

// headerInfo is a common request header of the IANA registry, what it is
// for, and the values people usually send.
type headerInfo struct {
	name, desc string
	values     []string
}

// requestHeaders lists the common request headers (IANA message headers
// registry, plus the de-facto X- ones), alphabetically. Values with spaces
// are left out: an item is one word.
func requestHeaders() []headerInfo {
	return []headerInfo{
		{"Accept", "media types the client wants", []string{"application/json", "*/*", "text/html", "application/xml", "text/plain"}},
		{"Accept-Charset", "character sets the client wants", []string{"utf-8"}},
		{"Accept-Encoding", "content codings the client understands", []string{"gzip", "deflate", "br", "identity", "gzip,deflate"}},
		{"Accept-Language", "natural languages the client prefers", []string{"en", "en-US", "de", "fr"}},
		{"Authorization", "credentials (prefer --auth or --bearer)", nil},
		{"Cache-Control", "caching directives", []string{"no-cache", "no-store", "max-age=0"}},
		{"Connection", "options for this connection", []string{"close", "keep-alive"}},
		{"Content-Encoding", "coding applied to the body", []string{"gzip", "deflate", "br"}},
		{"Content-Length", "body size in bytes", nil},
		{"Content-Type", "media type of the body", []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "application/xml", "application/octet-stream"}},
		{"Cookie", "cookies (prefer --cookie or the jar)", nil},
		{"DNT", "do not track", []string{"1"}},
		{"Date", "when the message was made", nil},
		{"Expect", "behaviour the client expects", []string{"100-continue"}},
		{"Forwarded", "proxy information", nil},
		{"From", "email of the user", nil},
		{"Host", "target host and port", nil},
		{"If-Match", "only if the ETag matches", []string{"*"}},
		{"If-Modified-Since", "only if changed since a date", nil},
		{"If-None-Match", "only if the ETag differs", []string{"*"}},
		{"If-Range", "range only if unchanged", nil},
		{"If-Unmodified-Since", "only if unchanged since a date", nil},
		{"Max-Forwards", "hops for TRACE and OPTIONS", []string{"0"}},
		{"Origin", "origin of a cross-site request", nil},
		{"Pragma", "HTTP/1.0 caching", []string{"no-cache"}},
		{"Prefer", "preferences for the server's handling", []string{"return=minimal", "return=representation", "respond-async"}},
		{"Proxy-Authorization", "credentials for a proxy", nil},
		{"Range", "part of the representation", []string{"bytes=0-1023", "bytes=0-"}},
		{"Referer", "page the request came from", nil},
		{"TE", "transfer codings accepted", []string{"trailers"}},
		{"Upgrade", "switch protocols", []string{"websocket", "h2c"}},
		{"User-Agent", "the client software", []string{"httpsh", "curl/8.5.0", "Mozilla/5.0"}},
		{"Via", "proxies passed", nil},
		{"X-API-Key", "an API key (not standard)", nil},
		{"X-Forwarded-For", "client address behind proxies", nil},
		{"X-Forwarded-Proto", "scheme behind proxies", []string{"https", "http"}},
		{"X-Request-ID", "request correlation id", nil},
		{"X-Requested-With", "marks an AJAX request", []string{"XMLHttpRequest"}},
	}
}

// headerByName finds a request header, case-insensitively.
func headerByName(name string) (headerInfo, bool) {
	for _, h := range requestHeaders() {
		if strings.EqualFold(h.name, name) {
			return h, true
		}
	}
	return headerInfo{}, false
}

// settingNames offers the settings, each with its help.
func settingNames() []candidate {
	var out []candidate
	for _, n := range session.SettingNames() {
		out = append(out, cand(n, session.SettingHelp(n), 0, 0))
	}
	return out
}

// settingValues offers the values of the setting name, from the settings
// table.
func settingValues(name string) []candidate {
	return values(session.SettingHelp(name), session.SettingValues(name)...)
}
