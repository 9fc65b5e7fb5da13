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
	// SpecCheck is how requests are checked against a loaded spec before
	// sending: "warn", "strict" (a problem fails the line, nothing sent)
	// or "off".
	SpecCheck string
	// KeepLimit bounds the bodies of older exchanges kept in memory
	// (bytes; -1: no bound); see Session.KeepBodies.
	KeepLimit int64
	// Wire holds TLS files, HTTP version and .netrc (see WireSettings).
	Wire WireSettings
	// Retry says how requests are sent again (see RetrySettings).
	Retry RetrySettings
}

// ShowParts are the parts `--show` and `set show` accept.
func ShowParts() []string {
	return []string{"status", "headers", "body", "request", "timing"}
}

// Setting is one of the session's tunables, declared once in the table
// SettingTable returns: `set`, its help, saved sessions, DefaultSettings
// and completion all read it.
type Setting struct {
	Name string
	// Kind is what the value is: bool (on|off), count, duration, size,
	// choice, style, parts, proxy, file or files.
	Kind string
	// Default is the value of a new session, as Get formats it.
	Default string
	// Help says what the setting does and the values it takes.
	Help string
	// Values are typical values, offered by completion.
	Values []string
	// Local settings belong to the terminal: a saved session leaves them
	// out, and loading one keeps the current value.
	Local bool

	get func(*Settings) string
	set func(*Settings, string) error
}

// SettingTable lists every setting, sorted by name. Each call returns a
// fresh table.
func SettingTable() []Setting {
	onOffValues := []string{"on", "off"}
	timeouts := []string{"5s", "10s", "30s", "1m", "off"}
	t := []Setting{
		{Name: "body-limit", Kind: "size", Default: "100MiB", Values: []string{"1MB", "10MB", "100MB", "1GB"},
			Help: "largest response body kept in memory, a bigger one goes to a temporary file: a size such as 100MB",
			get:  func(s *Settings) string { return FormatSize(s.BodyLimit) }, set: sizeSetter(func(s *Settings) *int64 { return &s.BodyLimit })},
		{Name: "color", Kind: "choice", Default: "auto", Values: []string{"auto", "always", "never"}, Local: true,
			Help: "colours: auto|always|never",
			get:  func(s *Settings) string { return s.Color }, set: setColor},
		{Name: "follow", Kind: "bool", Default: "on", Values: onOffValues, Help: "follow redirects: on|off",
			get: func(s *Settings) string { return onOff(s.Follow) }, set: boolSetter(func(s *Settings) *bool { return &s.Follow })},
		{Name: "header-limit", Kind: "size", Default: "1MiB",
			Help: "largest response header block accepted: a size such as 1MiB",
			get:  func(s *Settings) string { return FormatSize(s.HeaderLimit) }, set: sizeSetter(func(s *Settings) *int64 { return &s.HeaderLimit })},
		{Name: "header-timeout", Kind: "duration", Default: "30s", Values: timeouts,
			Help: "time limit for the response headers and for each pause between body reads: a duration such as 30s (the default), or off",
			get:  func(s *Settings) string { return formatTimeout(s.HeaderTimeout) }, set: durationSetter(func(s *Settings) *time.Duration { return &s.HeaderTimeout })},
		{Name: "keep-limit", Kind: "size", Default: "256MiB", Values: []string{"64MiB", "256MiB", "1GiB", "off"},
			Help: "memory for the bodies of earlier exchanges, past it the oldest go to temporary files (or are dropped if they cannot): a size such as 256MiB, or off",
			get:  getKeepLimit, set: setKeepLimit},
		{Name: "max-redirects", Kind: "count", Default: "10", Values: []string{"0", "5", "10", "30"},
			Help: "redirects followed before giving up: a number",
			get:  func(s *Settings) string { return strconv.Itoa(s.MaxRedirects) }, set: setMaxRedirects},
		{Name: "pager", Kind: "bool", Default: "on", Values: onOffValues, Help: "page long output in the shell: on|off",
			get: func(s *Settings) string { return onOff(s.Pager) }, set: boolSetter(func(s *Settings) *bool { return &s.Pager })},
		{Name: "proxy", Kind: "proxy", Default: "env",
			Help: "proxy for every request: a URL such as http://proxy:3128, none, or env (HTTP_PROXY/HTTPS_PROXY/NO_PROXY, the default)",
			get:  getProxy, set: (*Settings).setProxy},
		{Name: "raise", Kind: "bool", Default: "off", Values: onOffValues, Help: "treat 4xx/5xx answers as failures: on|off",
			get: func(s *Settings) string { return onOff(s.Raise) }, set: boolSetter(func(s *Settings) *bool { return &s.Raise })},
		{Name: "show", Kind: "parts", Default: "status,headers,body",
			Values: []string{"status,headers,body", "body", "status", "headers", "status,headers", "request,status,headers,body", "status,headers,body,timing", "timing"},
			Help:   "parts printed after a request: status,headers,body,request,timing",
			get:    func(s *Settings) string { return strings.Join(s.Show, ",") }, set: setShow},
		{Name: "spec-check", Kind: "choice", Default: "warn", Values: []string{"warn", "strict", "off"},
			Help: "check requests against a loaded spec before sending: warn (one warning line per problem), strict (a problem fails the line and nothing is sent) or off",
			get:  func(s *Settings) string { return s.SpecCheck }, set: setSpecCheck},
		{Name: "spill-limit", Kind: "size", Default: "4GiB", Values: []string{"1GiB", "4GiB", "16GiB"},
			Help: "largest response body accepted without -o FILE, memory and temporary file together: a size such as 4GiB",
			get:  func(s *Settings) string { return FormatSize(s.SpillLimit) }, set: sizeSetter(func(s *Settings) *int64 { return &s.SpillLimit })},
		{Name: "style", Kind: "style", Default: "monokai", Values: []string{"monokai", "dracula", "github-dark", "nord", "solarized-dark", "github"},
			Help: "colour style: a chroma style name such as monokai",
			get:  func(s *Settings) string { return s.Style }, set: func(s *Settings, v string) error { s.Style = v; return nil }},
		{Name: "timeout", Kind: "duration", Default: "off", Values: timeouts,
			Help: "time limit for the whole request, body included: a duration such as 5m, or off (the default)",
			get:  func(s *Settings) string { return formatTimeout(s.Timeout) }, set: durationSetter(func(s *Settings) *time.Duration { return &s.Timeout })},
		{Name: "verify", Kind: "bool", Default: "on", Values: onOffValues, Help: "verify TLS certificates: on|off",
			get: func(s *Settings) string { return onOff(s.Verify) }, set: boolSetter(func(s *Settings) *bool { return &s.Verify })},
	}
	t = append(t, wireSettings()...)
	t = append(t, retrySettings()...)
	sort.Slice(t, func(i, j int) bool { return t[i].Name < t[j].Name })
	return t
}

// LookupSetting finds a setting of the table by name.
func LookupSetting(name string) (Setting, bool) {
	for _, st := range SettingTable() {
		if st.Name == name {
			return st, true
		}
	}
	return Setting{}, false
}

// DefaultSettings are the settings of a new session: each setting's
// Default.
func DefaultSettings() Settings {
	var s Settings
	for _, st := range SettingTable() {
		if err := st.set(&s, st.Default); err != nil {
			panic("setting " + st.Name + ": bad default: " + err.Error())
		}
	}
	return s
}

// SettingNames lists the names `set` knows, sorted.
func SettingNames() []string {
	var names []string
	for _, st := range SettingTable() {
		names = append(names, st.Name)
	}
	return names
}

// SettingHelp describes the setting name and the values it takes ("" for
// an unknown name).
func SettingHelp(name string) string {
	st, _ := LookupSetting(name)
	return st.Help
}

// SettingValues are the typical values of the setting name, for
// completion (nil for an unknown name or one without typical values).
func SettingValues(name string) []string {
	st, _ := LookupSetting(name)
	return st.Values
}

// Get formats one setting.
func (s *Settings) Get(name string) (string, error) {
	st, ok := LookupSetting(name)
	if !ok {
		return "", fmt.Errorf("unknown setting %q: known are %s", name, strings.Join(SettingNames(), ", "))
	}
	return st.get(s), nil
}

// Set parses and stores one setting. Style names are checked by the caller,
// which knows the renderer.
func (s *Settings) Set(name, value string) error {
	st, ok := LookupSetting(name)
	if !ok {
		_, err := s.Get(name)
		return err
	}
	return st.set(s, value)
}

func boolSetter(field func(*Settings) *bool) func(*Settings, string) error {
	return func(s *Settings, v string) (err error) {
		*field(s), err = ParseBool(v)
		return err
	}
}

func sizeSetter(field func(*Settings) *int64) func(*Settings, string) error {
	return func(s *Settings, v string) (err error) {
		*field(s), err = ParseSize(v)
		return err
	}
}

func getKeepLimit(s *Settings) string {
	if s.KeepLimit < 0 {
		return "off"
	}
	return FormatSize(s.KeepLimit)
}

func setKeepLimit(s *Settings, v string) (err error) {
	if v == "off" {
		s.KeepLimit = -1
		return nil
	}
	s.KeepLimit, err = ParseSize(v)
	if err != nil {
		return fmt.Errorf("%w, or off", err)
	}
	return nil
}

func durationSetter(field func(*Settings) *time.Duration) func(*Settings, string) error {
	return func(s *Settings, v string) (err error) {
		*field(s), err = ParseTimeout(v)
		return err
	}
}

func setMaxRedirects(s *Settings, v string) (err error) {
	s.MaxRedirects, err = parseCount(v)
	return err
}

func setShow(s *Settings, v string) (err error) {
	s.Show, err = ParseShow(v)
	return err
}

func setColor(s *Settings, v string) error {
	s.Color = v
	if v != "auto" && v != "always" && v != "never" {
		return fmt.Errorf("color takes auto, always or never, not %q", v)
	}
	return nil
}

func getProxy(s *Settings) string {
	if s.Proxy == "" {
		return "env"
	}
	return redactRaw(s.Proxy)
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

// setSpecCheck accepts warn, strict and off.
func setSpecCheck(s *Settings, v string) error {
	switch v {
	case "warn", "strict", "off":
		s.SpecCheck = v
		return nil
	}
	return fmt.Errorf("spec-check takes warn, strict or off, not %q", v)
}
