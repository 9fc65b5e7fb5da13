// Package envfile reads the environments of .http tools: JetBrains'
// http-client.env.json with http-client.private.env.json (whose values are
// secrets), REST Client's "rest-client.environmentVariables" in
// .vscode/settings.json or a plain {"$shared": {}, "dev": {}} JSON file,
// and .env files (KEY=VALUE; NAME.env is the environment NAME, .env is
// shared by all).
//
// Values are templates ({{other}} is resolved by the caller, in the same
// environment). Nothing is written; secret values must never be recorded,
// exported or saved in clear by the caller.
package envfile

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// Shared is the name of the section every environment inherits.
const Shared = "$shared"

// Var is one variable of an environment.
type Var struct {
	Name, Value string
	Secret      bool   // from a private file
	Source      string // the file it came from
}

// source is what one file contributes: shared variables and named
// environments.
type source struct {
	file  string
	envs  map[string][]Var // Shared included
	order []string         // environment names in file order
}

// Set is the environments found in a folder, in load order (later files
// win for the same name).
type Set struct {
	sources []source
	// Ignored lists values that are not variables (JetBrains' SSL and auth
	// objects), "file: path", for the caller to mention.
	Ignored []string
}

// ReadFile reads a file; it returns an error wrapping fs.ErrNotExist for a
// missing one. os.ReadFile fits; the caller may bound sizes.
type ReadFile func(path string) ([]byte, error)

// Files are the files Load looks for in a folder, in the order they are
// applied.
func Files() []string {
	return []string{".env", ".vscode/settings.json", "rest-client.env.json", "http-client.env.json", "http-client.private.env.json"}
}

// Load reads the environment files of dir (see the package doc) and the
// NAME.env files that names lists (the caller lists the folder). A missing
// file is skipped; a damaged one is an error naming the file and the
// place in it.
func Load(dir string, dotenvs []string, read ReadFile) (*Set, error) {
	s := &Set{}
	for _, f := range Files() {
		data, err := read(filepath.Join(dir, f))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("environments: %w", err)
		}
		if err := s.Add(f, data); err != nil {
			return nil, err
		}
	}
	for _, f := range dotenvs {
		data, err := read(filepath.Join(dir, f))
		if err != nil {
			return nil, fmt.Errorf("environments: %w", err)
		}
		if err := s.Add(f, data); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Add reads one file by the kind its base name says: ".env" (shared),
// "NAME.env" (environment NAME), "settings.json" (REST Client settings),
// "*private*.json" (secrets), any other ".json" (environments by name).
func (s *Set) Add(name string, data []byte) error {
	base := filepath.Base(name)
	src := source{file: name, envs: map[string][]Var{}}
	switch {
	case base == ".env" || strings.HasSuffix(base, ".env"):
		vars, err := ParseDotenv(name, data)
		if err != nil {
			return err
		}
		env := strings.TrimSuffix(base, ".env")
		if env == "" {
			env = Shared
		}
		src.envs[env], src.order = vars, []string{env}
	case strings.HasSuffix(base, ".json"):
		if err := s.addJSON(&src, base, data); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%s: not an environment file (.env or .json)", name)
	}
	s.sources = append(s.sources, src)
	return nil
}

// Names lists the environments, sorted, $shared left out.
func (s *Set) Names() []string {
	seen := map[string]bool{}
	var out []string
	for _, src := range s.sources {
		for _, n := range src.order {
			if n != Shared && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Vars returns the variables of environment name: every file's $shared,
// then every file's name, a later one winning, sorted by name. An unknown
// name is an error listing the known ones.
func (s *Set) Vars(name string) ([]Var, error) {
	if name != Shared && !contains(s.Names(), name) {
		if len(s.Names()) == 0 {
			return nil, fmt.Errorf("no environment %q: this folder has no environment files (http-client.env.json, http-client.private.env.json, rest-client.env.json, .vscode/settings.json, .env)", name)
		}
		return nil, fmt.Errorf("no environment %q: the environments are %s", name, strings.Join(s.Names(), ", "))
	}
	m := map[string]Var{}
	for _, env := range []string{Shared, name} {
		for _, src := range s.sources {
			for _, v := range src.envs[env] {
				m[v.Name] = v
			}
		}
	}
	out := make([]Var, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Map returns vars as a name → value map, for httpfile.Scope.
func Map(vars []Var) map[string]string {
	m := make(map[string]string, len(vars))
	for _, v := range vars {
		m[v.Name] = v.Value
	}
	return m
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
