package state

import (
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

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/fileout"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
	"github.com/httpsh/httpsh/session/jar"
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
	Cookies  []jar.Cookie      `json:"cookies"`
	Vars     map[string]string `json:"vars,omitempty"`
	Settings map[string]string `json:"settings,omitempty"`
	// WithAuth: saved with --with-auth, so the credentials are in the file
	// and saving back to it keeps them.
	WithAuth bool `json:"with_auth,omitempty"`
	// SecretNames are the header names marked with `headers secret`.
	SecretNames []string `json:"secret_names,omitempty"`
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
	// OAuth2 is the client and token of an oauth2 auth.
	OAuth2 *savedOAuth2 `json:"oauth2,omitempty"`
}

// sessionDir is where saved sessions live.
func sessionDir(env *commands.Env) (string, error) {
	if d := env.Getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "httpsh", "sessions"), nil
	}
	if h := env.Getenv("HOME"); filepath.IsAbs(h) {
		return filepath.Join(h, ".config", "httpsh", "sessions"), nil
	}
	return "", commands.Usagef("no folder for saved sessions: set HOME or XDG_CONFIG_HOME to an absolute path")
}

// sessionPath checks a session name and returns its file.
func sessionPath(env *commands.Env, name string) (string, error) {
	if !validSessionName(name) {
		return "", commands.Usagef("bad session name %q: use letters, digits, _, - and . (not starting with .)", name)
	}
	dir, err := sessionDir(env)
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

// saveSession writes the session to the file of name; a file there that
// is not a saved session is replaced only with force. Credentials (the
// auth, secret headers, variables with secret-looking names) are written
// only when withAuth; otherwise they are left out and the message names
// them.
func saveSession(env *commands.Env, name string, withAuth, force bool) error {
	path, err := sessionPath(env, name)
	if err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil && !force {
		if _, rerr := readSession(path); rerr != nil {
			return commands.Usagef("%v; not replaced: choose another name, or add --force", rerr)
		}
	}
	saved, left := snapshot(env.Session, withAuth)
	b, err := json.MarshalIndent(saved, "", "  ")
	if err != nil {
		return commands.Failf("session save: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return commands.Failf("session save: %w", err)
	}
	if err := fileout.WriteFileAtomic(path, append(b, '\n'), 0o600, true); err != nil {
		return err
	}
	env.Printf("saved session %s to %s\n", name, path)
	if len(left) > 0 {
		env.Printf("# left out %s (credentials): `session save %s --with-auth` keeps them\n", strings.Join(left, ", "), name)
	}
	return nil
}

// snapshot is the session as saved, and the credentials left out of it
// when not withAuth ("auth", "header X-Auth-Token", "variable token").
// One rule decides what is a credential: the session's auth, a header
// the session treats as secret (Session.IsSecret), a variable whose name
// is secret by the same rule (session.SecretHeader).
func snapshot(s *session.Session, withAuth bool) (*savedSession, []string) {
	out := &savedSession{Format: sessionFormat, Saved: s.Now().UTC().Truncate(time.Second), Cookies: s.Jar.Snapshot(),
		Vars: map[string]string{}, Settings: map[string]string{}, WithAuth: withAuth}
	var left []string
	if s.Base != nil {
		out.Base = s.Base.String()
	}
	for _, h := range s.Headers {
		if !withAuth && s.IsSecret(h.Name) {
			left = append(left, "header "+h.Name)
			continue
		}
		out.Headers = append(out.Headers, savedHeader(h))
	}
	for n := range s.SecretNames {
		out.SecretNames = append(out.SecretNames, n)
	}
	sort.Strings(out.SecretNames)
	switch {
	case s.Auth != nil && withAuth:
		a := s.Auth
		out.Auth = &savedAuth{Scheme: a.Scheme, User: a.User, Pass: a.Pass, Token: a.Token, Origin: a.Origin,
			OAuth2: saveOAuth2(s, a)}
	case s.Auth != nil:
		left = append(left, "auth")
	}
	names := make([]string, 0, len(s.Vars))
	for n := range s.Vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !withAuth && session.SecretHeader(n) {
			left = append(left, "variable "+n)
			continue
		}
		out.Vars[n] = s.Vars[n]
	}
	for _, t := range session.SettingTable() {
		if !t.Local {
			v, _ := s.Settings.Get(t.Name)
			out.Settings[t.Name] = v
		}
	}
	return out, left
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
		if json.Valid(b) { // JSON, but not an object: [1,2,3], "x", 3
			return nil, fmt.Errorf("%s is not an httpsh saved session (JSON, but not an object with \"format\": %q)", path, sessionFormat)
		}
		return nil, fmt.Errorf("%s is damaged (%s): fix or delete it", path, commands.JSONProblem(b))
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

// loadSession replaces the session's base, headers, credentials, cookies,
// variables and settings with those saved under name. When the file does
// not exist and mustExist is false, it says a new session starts (the
// caller remembers the name for `session save`). Nothing changes when the
// file is bad. withAuth reports whether the file was saved with
// --with-auth, so that saving back to it keeps the credentials.
func loadSession(env *commands.Env, name string, mustExist bool) (withAuth bool, err error) {
	path, err := sessionPath(env, name)
	if err != nil {
		return false, err
	}
	saved, err := readSession(path)
	if errors.Is(err, fs.ErrNotExist) {
		if mustExist {
			return false, commands.Usagef("no saved session %q (`session list` shows them)", name)
		}
		env.Printf("new session %s: `session save` writes it to %s\n", name, path)
		return false, nil
	}
	if err != nil {
		return false, commands.Usagef("session load %s: %v", name, err)
	}
	if err := apply(env.Session, saved, func(m string) { env.Printf("%s\n", render.Sanitize(m)) }); err != nil {
		return false, commands.Usagef("session load %s: %s: %v (nothing loaded)", name, path, err)
	}
	s := env.Session
	env.Printf("loaded session %s: %s, %s, %s\n", name, commands.Plural(s.Jar.Len(), "cookie"),
		commands.Plural(len(s.Headers), "default header"), commands.Plural(len(s.Vars), "variable"))
	return saved.WithAuth || saved.Auth != nil, nil
}

// apply checks saved, then puts it into the session.
// prompt tells the user what an interactive OAuth2 flow needs.
func apply(s *session.Session, saved *savedSession, prompt func(string)) error {
	st := session.DefaultSettings()
	for _, t := range session.SettingTable() {
		if t.Local { // the terminal's, not the saved session's
			v, _ := s.Settings.Get(t.Name)
			_ = st.Set(t.Name, v)
		}
	}
	for n, v := range saved.Settings {
		if t, ok := session.LookupSetting(n); ok && t.Local {
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
		if !commands.ValidVarName(n) {
			return fmt.Errorf("bad variable name %q", n)
		}
		vars[n] = v
	}
	var auth *session.Auth
	var client *session.OAuth2
	if a := saved.Auth; a != nil {
		switch a.Scheme {
		case "basic", "bearer", "digest", "oauth2":
		default:
			return fmt.Errorf("credentials of unknown scheme %q", a.Scheme)
		}
		auth = &session.Auth{Scheme: a.Scheme, User: a.User, Pass: a.Pass, Token: a.Token, Origin: a.Origin}
		if a.Scheme == "oauth2" {
			o, err := loadOAuth2(s, auth, a.OAuth2, prompt)
			if err != nil {
				return fmt.Errorf("auth: %w", err)
			}
			client = o
		}
	}
	if s.Auth != nil {
		s.SetOAuth2(s.Auth.Origin, nil)
	}
	secret := map[string]bool{}
	for _, n := range saved.SecretNames {
		if !session.ValidHeaderName(n) {
			return fmt.Errorf("bad secret header name %q", n)
		}
		secret[strings.ToLower(n)] = true
	}
	s.Base, s.Headers, s.Vars, s.Auth, s.Settings, s.SecretNames = base, headers, vars, auth, st, secret
	if client != nil {
		s.SetOAuth2(auth.Origin, client)
	}
	s.Jar.Restore(saved.Cookies)
	return nil
}

func listSessions(env *commands.Env) error {
	dir, err := sessionDir(env)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return commands.Failf("session list: %w", err)
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
		env.Printf("no saved sessions in %s: `session save NAME` makes one\n", dir)
		return nil
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i][0] < rows[j][0] })
	env.Render().Table(env.Stdout, []string{"name", "saved", "base", "cookies", "vars"}, rows)
	return nil
}
