// Package envscope is what the env and interchange families share to
// resolve .http templates the same way: loading a folder's environments,
// making one active on the session, the system variables with the
// session's clock, and bounded file reads.
package envscope

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/httpsh/httpsh/internal/envfile"
	"github.com/httpsh/httpsh/internal/httpfile"
	"github.com/httpsh/httpsh/session"
)

// maxEnvFile bounds one environment file.
const maxEnvFile = 4 << 20

// Activate makes vars the active environment of s called name: each value is
// resolved as a template among the environment's own variables and the
// system variables (System). The previous environment stays on error.
func Activate(s *session.Session, getenv func(string) string, name string, vars []envfile.Var, dotenv map[string]string) (*session.Environment, error) {
	raw := envfile.Map(vars)
	scope := &httpfile.Scope{Vars: []map[string]string{raw, s.Vars}, System: System(s, getenv, dotenv)}
	e := &session.Environment{Name: name, Vars: map[string]string{}, Secret: map[string]bool{}}
	for _, v := range vars {
		val, err := httpfile.Expand(v.Value, scope)
		if err != nil {
			return nil, fmt.Errorf("environment %s: %s (from %s): %w", name, v.Name, v.Source, err)
		}
		e.Vars[v.Name] = val
		if v.Secret {
			e.Secret[v.Name] = true
		}
	}
	s.Env = e
	return e, nil
}

// Load reads the environments of dir: the files envfile.Files names and
// every NAME.env file in it.
func Load(dir string) (*envfile.Set, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("environments: %w", err)
	}
	var dotenvs []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".env") && n != ".env" {
			dotenvs = append(dotenvs, n)
		}
	}
	return envfile.Load(dir, dotenvs, ReadFile)
}

// Dotenv reads dir/.env for {{$dotenv NAME}}; no file gives an empty map.
func Dotenv(dir string) (map[string]string, error) {
	path := filepath.Join(dir, ".env")
	data, err := ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	vars, err := envfile.ParseDotenv(path, data)
	if err != nil {
		return nil, err
	}
	return envfile.Map(vars), nil
}

// ReadFile reads a file of at most 4 MiB (environment files, .http body
// files).
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > maxEnvFile {
		return nil, fmt.Errorf("%s: %d bytes is over the %d-byte limit", path, st.Size(), maxEnvFile)
	}
	return io.ReadAll(io.LimitReader(f, maxEnvFile))
}

// System is the system variables ($uuid, $timestamp, $processEnv...)
// with the session's clock, crypto/rand and the process environment.
func System(s *session.Session, getenv func(string) string, dotenv map[string]string) *httpfile.System {
	return &httpfile.System{
		Now:   s.Now,
		Local: time.Local,
		Rand:  rand.Reader,
		Getenv: func(name string) (string, bool) {
			v := getenv(name)
			return v, v != ""
		},
		Dotenv: dotenv,
	}
}
