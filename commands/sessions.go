package commands

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

// sessionFormat marks a file as an httpsh saved session, and its version.
const sessionFormat = "httpsh session 1"

// maxSessionBytes bounds a saved session file that load will read.
const maxSessionBytes = 32 << 20

// savedSession is the JSON of a saved session.
type savedSession struct {
	Format   string            `json:"format"`
	Saved    time.Time         `json:"saved"`
	Base     string            `json:"base,omitempty"`
	Headers  []savedHeader     `json:"headers,omitempty"`
	Auth     *savedAuth        `json:"auth,omitempty"`
	Cookies  []session.Cookie  `json:"cookies"`
	Vars     map[string]string `json:"vars,omitempty"`
	Settings map[string]string `json:"settings,omitempty"`
}

type savedHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type savedAuth struct {
	Scheme string `json:"scheme"`
	User   string `json:"user,omitempty"`
	Pass   string `json:"pass,omitempty"`
	Token  string `json:"token,omitempty"`
	Origin string `json:"origin"`
}

func savedSessionCommands() []*Command {
	return []*Command{{
		Name:  "session",
		Usage: "session save [NAME] [--with-auth] [--force] | session load NAME | session list | session reset",
		Short: "save the session (base, headers, cookies, variables, settings) under a name and load it later",
		Long: "A saved session is JSON in $XDG_CONFIG_HOME/httpsh/sessions/NAME.json (~/.config/httpsh/sessions without XDG_CONFIG_HOME), " +
			"mode 0600, written atomically. It holds the base URL, default headers, every cookie with all its attributes, variables and settings " +
			"(but not colour, which belongs to the terminal); credentials only with --with-auth. " +
			"load replaces those parts of the session (exchanges stay); a file that is not a saved session, or is damaged, is reported and left alone. " +
			"`httpsh --session NAME` starts with NAME loaded, and `session save` without a NAME saves back to it. reset forgets everything.",
		Sub: []Sub{{Name: "save", Usage: "session save [NAME] [--with-auth] [--force]", Short: "write the session to NAME"},
			{Name: "load", Usage: "session load NAME", Short: "replace the session with NAME's"},
			{Name: "list", Usage: "session list", Short: "the saved sessions"},
			{Name: "reset", Usage: "session reset", Short: "forget base, headers, credentials, cookies, variables, settings and exchanges"}},
		LegacyFlags: func(fs *pflag.FlagSet) {
			fs.Bool("with-auth", false, "with save: keep the credentials too (in clear, in a 0600 file)")
			fs.Bool("force", false, "with save: replace a file that is not a saved session")
		},
		Example:   "session save api\nsession list\nsession load api",
		LegacyRun: runSession,
	}}
}

func runSession(_ context.Context, x *Executor, c *Call) error {
	cmd, _ := x.Registry().Lookup("session")
	fs := cmd.FlagSet()
	args, err := parseFlags("session", fs, c.Args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		return Usagef("usage: %s", cmd.Usage)
	}
	switch args[0] {
	case "save":
		withAuth, _ := fs.GetBool("with-auth")
		force, _ := fs.GetBool("force")
		return x.saveSession(args[1:], withAuth, force)
	case "load":
		if len(args) != 2 {
			return Usagef("usage: session load NAME")
		}
		return x.LoadSession(args[1], true)
	case "list":
		return x.listSessions()
	case "reset":
		x.Session.Reset()
		x.legacy.name = ""
		x.printf("session reset: no base, headers, credentials, cookies, variables or exchanges; default settings\n")
		return nil
	}
	return Usagef("session %q: expected save, load, list or reset", args[0])
}

// sessionDir is where saved sessions live.
func (x *Executor) sessionDir() (string, error) {
	if d := x.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "httpsh", "sessions"), nil
	}
	if h := x.Getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".config", "httpsh", "sessions"), nil
	}
	return "", Usagef("no folder for saved sessions: set HOME or XDG_CONFIG_HOME to an absolute path")
}

// sessionPath checks a session name and returns its file.
func (x *Executor) sessionPath(name string) (string, error) {
	if !validSessionName(name) {
		return "", Usagef("bad session name %q: use letters, digits, _, - and . (not starting with .)", name)
	}
	dir, err := x.sessionDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name+".json"), nil
}

func validSessionName(n string) bool {
	if n == "" || len(n) > 100 || n[0] == '.' {
		return false
	}
	for _, r := range n {
		if !(r == '_' || r == '-' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (x *Executor) saveSession(args []string, withAuth, force bool) error {
	name := x.legacy.name
	switch {
	case len(args) == 1:
		name = args[0]
	case len(args) > 1 || name == "":
		return Usagef("usage: session save NAME [--with-auth]")
	}
	path, err := x.sessionPath(name)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil && !force {
		if _, rerr := readSession(path); rerr != nil {
			return Usagef("%v; not replaced: choose another name, or add --force", rerr)
		}
	}
	b, err := json.MarshalIndent(x.snapshot(withAuth), "", "  ")
	if err != nil {
		return Failf("session save: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return Failf("session save: %w", err)
	}
	if err := fileout.WriteFileAtomic(path, append(b, '\n'), 0o600, true); err != nil {
		return err
	}
	x.legacy.name = name
	x.printf("saved session %s to %s\n", name, path)
	return nil
}

// snapshot is the session as saved.
func (x *Executor) snapshot(withAuth bool) *savedSession {
	s := x.Session
	out := &savedSession{Format: sessionFormat, Saved: s.Now().UTC().Truncate(time.Second), Cookies: s.Jar.Snapshot(),
		Vars: s.Vars, Settings: map[string]string{}}
	if s.Base != nil {
		out.Base = s.Base.String()
	}
	for _, h := range s.Headers {
		out.Headers = append(out.Headers, savedHeader(h))
	}
	if withAuth && s.Auth != nil {
		a := savedAuth(*s.Auth)
		out.Auth = &a
	}
	for _, n := range session.SettingNames() {
		if n == "color" {
			continue
		}
		v, _ := s.Settings.Get(n)
		out.Settings[n] = v
	}
	return out
}

// readSession reads and checks a saved session file.
func readSession(path string) (*savedSession, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSessionBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxSessionBytes {
		return nil, fmt.Errorf("%s is larger than %d MB: not a saved session", path, maxSessionBytes>>20)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("%s is damaged (%s): fix or delete it", path, JSONProblem(b))
	}
	var format string
	if raw, ok := probe["format"]; !ok || json.Unmarshal(raw, &format) != nil || !strings.HasPrefix(format, "httpsh session ") {
		return nil, fmt.Errorf("%s is not an httpsh saved session (no \"format\": %q)", path, sessionFormat)
	}
	if format != sessionFormat {
		return nil, fmt.Errorf("%s is a %q file; this httpsh reads %q", path, format, sessionFormat)
	}
	var s savedSession
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s is damaged: %w", path, err)
	}
	return &s, nil
}

// LoadSession replaces the session's base, headers, credentials, cookies,
// variables and settings with those saved under name. When the file does
// not exist and mustExist is false, the name is only remembered for
// `session save`. Nothing changes when the file is bad.
func (x *Executor) LoadSession(name string, mustExist bool) error {
	path, err := x.sessionPath(name)
	if err != nil {
		return err
	}
	saved, err := readSession(path)
	if errors.Is(err, fs.ErrNotExist) {
		if mustExist {
			return Usagef("no saved session %q (`session list` shows them)", name)
		}
		x.legacy.name = name
		x.printf("new session %s: `session save` writes it to %s\n", name, path)
		return nil
	}
	if err != nil {
		return Usagef("session load %s: %v", name, err)
	}
	if err := x.apply(saved); err != nil {
		return Usagef("session load %s: %s: %v (nothing loaded)", name, path, err)
	}
	x.legacy.name = name
	x.printf("loaded session %s: %s, %s, %s\n", name, plural(x.Session.Jar.Len(), "cookie"),
		plural(len(x.Session.Headers), "default header"), plural(len(x.Session.Vars), "variable"))
	return nil
}

// apply checks saved, then puts it into the session.
func (x *Executor) apply(saved *savedSession) error {
	st := session.DefaultSettings()
	st.Color = x.Session.Settings.Color
	for n, v := range saved.Settings {
		if n == "color" {
			continue
		}
		if _, ok := saved.Settings["header-timeout"]; !ok && n == "timeout" {
			// Saved before the limits split: timeout then bounded the
			// headers and pauses of long bodies; keep that, not a cap on
			// whole downloads.
			n = "header-timeout"
		}
		if err := st.Set(n, v); err != nil {
			return fmt.Errorf("setting %s: %w", n, err)
		}
	}
	var base *url.URL
	if saved.Base != "" {
		u, err := session.Resolve(nil, saved.Base)
		if err != nil {
			return fmt.Errorf("base: %w", err)
		}
		base = u
	}
	var headers []session.Header
	for _, h := range saved.Headers {
		if !session.ValidHeaderName(h.Name) || !session.ValidHeaderValue(h.Value) {
			return fmt.Errorf("bad header %q", h.Name)
		}
		headers = append(headers, session.Header(h))
	}
	vars := map[string]string{}
	for n, v := range saved.Vars {
		if !validVarName(n) {
			return fmt.Errorf("bad variable name %q", n)
		}
		vars[n] = v
	}
	var auth *session.Auth
	if a := saved.Auth; a != nil {
		if a.Scheme != "basic" && a.Scheme != "bearer" {
			return fmt.Errorf("credentials of unknown scheme %q", a.Scheme)
		}
		v := session.Auth(*a)
		auth = &v
	}
	s := x.Session
	s.Base, s.Headers, s.Vars, s.Auth, s.Settings = base, headers, vars, auth, st
	s.Jar.Restore(saved.Cookies)
	return nil
}

func (x *Executor) listSessions() error {
	dir, err := x.sessionDir()
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Failf("session list: %w", err)
	}
	var rows [][]string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok || e.IsDir() || !validSessionName(name) {
			continue
		}
		s, err := readSession(filepath.Join(dir, e.Name()))
		if err != nil {
			rows = append(rows, []string{name, "", "unreadable: " + err.Error(), "", ""})
			continue
		}
		rows = append(rows, []string{name, s.Saved.Format("2006-01-02 15:04Z"), s.Base, strconv.Itoa(len(s.Cookies)), strconv.Itoa(len(s.Vars))})
	}
	if len(rows) == 0 {
		x.printf("no saved sessions in %s: `session save NAME` makes one\n", dir)
		return nil
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	x.Render().Table(x.Stdout, []string{"name", "saved", "base", "cookies", "vars"}, rows)
	return nil
}
