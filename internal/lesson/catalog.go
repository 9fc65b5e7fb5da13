package lesson

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed lessons/*.lesson
var builtin embed.FS

// Builtin parses the lessons shipped in the binary, in file-name order
// (the names start with a number: 01-requests.lesson ...). The lesson's
// Name drops that number: "requests".
func Builtin() ([]*Lesson, error) {
	return loadFS(builtin, "lessons")
}

// DataDir is where teachers put their own lessons:
// $XDG_DATA_HOME/httpsh/lessons, else ~/.local/share/httpsh/lessons.
func DataDir(getenv func(string) string, home string) string {
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "httpsh", "lessons")
	}
	return filepath.Join(home, ".local", "share", "httpsh", "lessons")
}

// Catalog returns the built-in lessons followed by the *.lesson files of
// dir (a missing dir has none). A teacher's lesson with the name of a
// built-in one replaces it in place. The first file with an error stops
// the load, with the error (an *Error with file and line).
func Catalog(dir string) ([]*Lesson, error) {
	ls, err := Builtin()
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return ls, nil
	}
	own, err := loadFS(os.DirFS(dir), ".")
	if errors.Is(err, fs.ErrNotExist) {
		return ls, nil
	}
	if err != nil {
		return nil, err
	}
	for _, l := range own {
		l.File = filepath.Join(dir, l.File)
		ls = merge(ls, l)
	}
	return ls, nil
}

func merge(ls []*Lesson, l *Lesson) []*Lesson {
	for i, o := range ls {
		if o.Name == l.Name {
			ls[i] = l
			return ls
		}
	}
	return append(ls, l)
}

// Find returns the lesson called name, or an error listing the names.
func Find(ls []*Lesson, name string) (*Lesson, error) {
	var names []string
	for _, l := range ls {
		if l.Name == name {
			return l, nil
		}
		names = append(names, l.Name)
	}
	return nil, fmt.Errorf("no lesson %q: the lessons are %s", name, strings.Join(names, ", "))
}

// loadFS parses dir/*.lesson of fsys in name order.
func loadFS(fsys fs.FS, dir string) ([]*Lesson, error) {
	names, err := fs.Glob(fsys, joinDir(dir, "*.lesson"))
	if err != nil {
		return nil, fmt.Errorf("list lessons: %w", err)
	}
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil, fmt.Errorf("list lessons: %w", err)
	}
	sort.Strings(names)
	var out []*Lesson
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read lesson: %w", err)
		}
		l, err := Parse(n, b)
		if err != nil {
			return nil, err
		}
		l.Name = stripNumber(l.Name)
		out = append(out, l)
	}
	return out, nil
}

func joinDir(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// stripNumber drops a leading "NN-" from a lesson name.
func stripNumber(name string) string {
	i := strings.IndexFunc(name, func(r rune) bool { return r < '0' || r > '9' })
	if i > 0 && name[i] == '-' && i+1 < len(name) {
		return name[i+1:]
	}
	return name
}
