package session

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Settings are the session's tunables, changed with `set NAME VALUE`.
type Settings struct {
	Follow       bool          // follow redirects
	MaxRedirects int           // redirects followed before giving up
	Timeout      time.Duration // whole-request limit, body included; 0: none
	// HeaderTimeout bounds the wait for the response headers and each
	// pause between body reads; 0: none.
	HeaderTimeout time.Duration
	Verify        bool     // verify TLS certificates
	Raise         bool     // a 4xx/5xx answer is a failure
	Color         string   // auto, always, never
	Style         string   // chroma style name
	Show          []string // parts printed after a request
	BodyLimit     int64    // bytes of a response body kept in memory; more spill to a temporary file
	SpillLimit    int64    // largest response body accepted at all (decoded), memory and spill file together
	Pager         bool     // page long output in the interactive shell
	HeaderLimit   int64    // bytes of response headers accepted
	Proxy         string   // "" from the environment, "none", or a proxy URL (see ParseProxy)

	// Wire holds TLS files, HTTP version and .netrc (see WireSettingNames).
	Wire WireSettings
}

// ShowParts are the parts `--show` and `set show` accept.
func ShowParts() []string {
	return []string{"status", "headers", "body", "request", "timing"}
}

// DefaultSettings are the settings of a new session.
func DefaultSettings() Settings {
	return Settings{
		Follow:        true,
		MaxRedirects:  10,
		HeaderTimeout: 30 * time.Second,
		Verify:        true,
		Color:         "auto",
		Style:         "monokai",
		Show:          []string{"status", "headers", "body"},
		BodyLimit:     100 << 20,
		SpillLimit:    4 << 30,
		Pager:         true,
		HeaderLimit:   1 << 20,
		Wire:          DefaultWireSettings(),
	}
}

// SettingNames lists the names `set` knows, sorted.
func SettingNames() []string {
	names := []string{"follow", "max-redirects", "timeout", "header-timeout", "verify", "raise", "color", "style", "show", "body-limit", "spill-limit", "pager", "header-limit", "proxy"}
	names = append(names, WireSettingNames()...)
	sort.Strings(names)
	return names
}

// SettingHelp describes each setting and the values it takes.
func SettingHelp(name string) string {
	switch name {
	case "follow":
		return "follow redirects: on|off"
	case "max-redirects":
		return "redirects followed before giving up: a number"
	case "timeout":
		return "time limit for the whole request, body included: a duration such as 5m, or off (the default)"
	case "header-timeout":
		return "time limit for the response headers and for each pause between body reads: a duration such as 30s (the default), or off"
	case "verify":
		return "verify TLS certificates: on|off"
	case "raise":
		return "treat 4xx/5xx answers as failures: on|off"
	case "color":
		return "colours: auto|always|never"
	case "style":
		return "colour style: a chroma style name such as monokai"
	case "show":
		return "parts printed after a request: status,headers,body,request,timing"
	case "body-limit":
		return "largest response body kept in memory, a bigger one goes to a temporary file: a size such as 100MB"
	case "spill-limit":
		return "largest response body accepted without -o FILE, memory and temporary file together: a size such as 4GiB"
	case "pager":
		return "page long output in the shell: on|off"
	case "header-limit":
		return "largest response header block accepted: a size such as 1MiB"
	case "proxy":
		return "proxy for every request: a URL such as http://proxy:3128, none, or env (HTTP_PROXY/HTTPS_PROXY/NO_PROXY, the default)"
	}
	return wireSettingHelp(name)
}

// Get formats one setting.
func (s *Settings) Get(name string) (string, error) {
	switch name {
	case "follow":
		return onOff(s.Follow), nil
	case "max-redirects":
		return strconv.Itoa(s.MaxRedirects), nil
	case "timeout":
		return formatTimeout(s.Timeout), nil
	case "header-timeout":
		return formatTimeout(s.HeaderTimeout), nil
	case "verify":
		return onOff(s.Verify), nil
	case "raise":
		return onOff(s.Raise), nil
	case "color":
		return s.Color, nil
	case "style":
		return s.Style, nil
	case "show":
		return strings.Join(s.Show, ","), nil
	case "body-limit":
		return FormatSize(s.BodyLimit), nil
	case "spill-limit":
		return FormatSize(s.SpillLimit), nil
	case "pager":
		return onOff(s.Pager), nil
	case "header-limit":
		return FormatSize(s.HeaderLimit), nil
	case "proxy":
		if s.Proxy == "" {
			return "env", nil
		}
		return redactRaw(s.Proxy), nil
	}
	if v, ok := s.Wire.get(name); ok {
		return v, nil
	}
	return "", fmt.Errorf("unknown setting %q: known are %s", name, strings.Join(SettingNames(), ", "))
}

// Set parses and stores one setting. Style names are checked by the caller,
// which knows the renderer.
func (s *Settings) Set(name, value string) error {
	var err error
	switch name {
	case "follow":
		s.Follow, err = ParseBool(value)
	case "max-redirects":
		s.MaxRedirects, err = parseCount(value)
	case "timeout":
		s.Timeout, err = ParseTimeout(value)
	case "header-timeout":
		s.HeaderTimeout, err = ParseTimeout(value)
	case "verify":
		s.Verify, err = ParseBool(value)
	case "raise":
		s.Raise, err = ParseBool(value)
	case "color":
		if value != "auto" && value != "always" && value != "never" {
			err = fmt.Errorf("color takes auto, always or never, not %q", value)
		}
		s.Color = value
	case "style":
		s.Style = value
	case "show":
		s.Show, err = ParseShow(value)
	case "body-limit":
		s.BodyLimit, err = ParseSize(value)
	case "spill-limit":
		s.SpillLimit, err = ParseSize(value)
	case "pager":
		s.Pager, err = ParseBool(value)
	case "header-limit":
		s.HeaderLimit, err = ParseSize(value)
	case "proxy":
		err = s.setProxy(value)
	default:
		var ok bool
		if ok, err = s.Wire.set(name, value); !ok {
			_, err = s.Get(name)
		}
	}
	return err
}

func formatTimeout(d time.Duration) string {
	if d == 0 {
		return "off"
	}
	return d.String()
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// ParseBool reads on/off, true/false, yes/no, 1/0.
func ParseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "on", "true", "yes", "1":
		return true, nil
	case "off", "false", "no", "0":
		return false, nil
	}
	return false, fmt.Errorf("expected on or off, not %q", v)
}

func parseCount(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1000 {
		return 0, fmt.Errorf("expected a number from 0 to 1000, not %q", v)
	}
	return n, nil
}

// ParseTimeout reads a duration ("5s", "1m30s", "500ms", a bare number of
// seconds) or "off"/"0" for none.
func ParseTimeout(v string) (time.Duration, error) {
	if v == "off" || v == "0" || v == "none" {
		return 0, nil
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 {
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("expected a duration such as 5s or 500ms, not %q", v)
	}
	return d, nil
}

// ParseShow reads a comma-separated list of ShowParts.
func ParseShow(v string) ([]string, error) {
	var parts []string
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		ok := false
		for _, known := range ShowParts() {
			ok = ok || p == known
		}
		if !ok {
			return nil, fmt.Errorf("unknown part %q: choose from %s", p, strings.Join(ShowParts(), ","))
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("expected parts such as status,headers,body")
	}
	return parts, nil
}

var sizeUnits = []struct {
	suffix string
	mult   int64
}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}

// ParseSize reads "100MB", "512KiB", "1g" or a number of bytes.
func ParseSize(v string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, su := range sizeUnits {
		if strings.HasSuffix(u, su.suffix) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, su.suffix)), su.mult
			break
		}
	}
	n, err := strconv.ParseFloat(u, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("expected a size such as 10MB or 512KiB, not %q", v)
	}
	return int64(n * float64(mult)), nil
}

// FormatSize writes n as ParseSize reads it back.
func FormatSize(n int64) string {
	switch {
	case n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

func (s *Settings) setProxy(v string) error {
	if v == "env" || v == "" {
		s.Proxy = ""
		return nil
	}
	if _, err := ParseProxy(v); err != nil {
		return err
	}
	s.Proxy = v
	return nil
}
