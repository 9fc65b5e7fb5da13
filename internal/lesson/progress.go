package lesson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Progress is what a learner has done, per lesson name. It is saved as
// JSON in $XDG_STATE_HOME/httpsh/learn.json (see StatePath).
type Progress struct {
	Current string                     `json:"current,omitempty"` // the lesson `learn` resumes, "" for none
	Lessons map[string]*LessonProgress `json:"lessons"`
}

// LessonProgress is the state of one lesson.
type LessonProgress struct {
	Step    int    `json:"step"`              // the step to do next, from 0; len(Steps) when finished
	Done    bool   `json:"done"`              // every step was passed or skipped once
	Passed  []bool `json:"passed,omitempty"`  // per step: passed (not skipped)
	Skipped []bool `json:"skipped,omitempty"` // per step: skipped with `learn skip`
}

// Of returns the progress of lesson name, creating it; n is the lesson's
// step count, to size the per-step lists.
func (p *Progress) Of(name string, n int) *LessonProgress {
	if p.Lessons == nil {
		p.Lessons = map[string]*LessonProgress{}
	}
	lp := p.Lessons[name]
	if lp == nil {
		lp = &LessonProgress{}
		p.Lessons[name] = lp
	}
	for len(lp.Passed) < n {
		lp.Passed = append(lp.Passed, false)
	}
	for len(lp.Skipped) < n {
		lp.Skipped = append(lp.Skipped, false)
	}
	return lp
}

// StatePath is where progress is kept: $XDG_STATE_HOME/httpsh/learn.json,
// else ~/.local/state/httpsh/learn.json. getenv is os.Getenv in the
// program and a map in tests; home is the user's home directory.
func StatePath(getenv func(string) string, home string) string {
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "httpsh", "learn.json")
	}
	return filepath.Join(home, ".local", "state", "httpsh", "learn.json")
}

// LoadProgress reads the progress file; a missing file is empty progress.
func LoadProgress(path string) (*Progress, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Progress{Lessons: map[string]*LessonProgress{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	p := &Progress{}
	if err := json.Unmarshal(b, p); err != nil {
		return nil, fmt.Errorf("read progress %s: %w (`learn reset` starts afresh)", path, err)
	}
	if p.Lessons == nil {
		p.Lessons = map[string]*LessonProgress{}
	}
	return p, nil
}

// SaveProgress writes the progress file atomically, mode 0600: a
// temporary file in the same directory (made 0700 if missing), synced,
// then renamed over the old one, so a crash leaves the old or the new.
func SaveProgress(path string, p *Progress) error {
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	f, err := os.CreateTemp(dir, ".learn-*.json")
	if err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	defer os.Remove(f.Name()) // after a successful rename, a no-op
	if err := writeSynced(f, append(b, '\n')); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save progress: %w", err)
	}
	return nil
}

func writeSynced(f *os.File, b []byte) error {
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ResetProgress removes the progress file (`learn reset`); a missing file
// is not an error.
func ResetProgress(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reset progress: %w", err)
	}
	return nil
}
