package repl

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// suiteFile is one script of a --test run: the path to open, and its
// name in output and reports (the path as given, cleaned, with /).
type suiteFile struct {
	path, name string
}

// suiteExts are the file endings a directory walk of --test runs. With
// runScript, this is the extension point for other script formats: the
// .http runner of the collections work adds ".http" here and its case
// there.
func suiteExts() []string { return []string{".hsh"} }

// isSuiteScript says whether a directory walk runs the file name.
func isSuiteScript(name string) bool {
	for _, ext := range suiteExts() {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// collectSuite expands the --test arguments into files, in the order
// given (a directory's scripts in lexical order, hidden folders skipped).
// It refuses a missing path, a directory with no scripts, and a file
// given twice (report names must be distinct).
func collectSuite(args []string) ([]suiteFile, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("--test needs FILE or DIR arguments: httpsh --test tests/")
	}
	var files []suiteFile
	seen := map[string]string{}
	add := func(path string) error {
		abs, err := filepath.Abs(path)
		if err != nil {
			return fmt.Errorf("--test %s: %w", path, err)
		}
		name := filepath.ToSlash(filepath.Clean(path))
		if first, dup := seen[abs]; dup {
			also := ""
			if first != name {
				also = " (also as " + first + ")"
			}
			return fmt.Errorf("--test: %s is given twice%s: give each script once", name, also)
		}
		seen[abs] = name
		files = append(files, suiteFile{path: path, name: name})
		return nil
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			return nil, fmt.Errorf("--test %s: no such file or folder", arg)
		}
		if !st.IsDir() {
			if err := add(arg); err != nil {
				return nil, err
			}
			continue
		}
		found, err := walkScripts(arg)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("--test %s: the folder has no %s scripts", arg, strings.Join(suiteExts(), " or "))
		}
		for _, p := range found {
			if err := add(p); err != nil {
				return nil, err
			}
		}
	}
	return files, nil
}

// walkScripts lists the scripts under dir in lexical order.
func walkScripts(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("--test %s: %w", dir, err)
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && isSuiteScript(d.Name()) {
			found = append(found, p)
		}
		return nil
	})
	return found, err
}

// shard is --shard I/N: this run takes the I-th of N parts (1-based).
type shard struct{ i, n int }

// parseShard reads "I/N" with 1 <= I <= N.
func parseShard(v string) (shard, error) {
	a, b, ok := strings.Cut(v, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shard{}, fmt.Errorf("--shard takes I/N with 1 <= I <= N (e.g. 1/4), not %q", v)
	}
	return shard{i, n}, nil
}

// pick keeps the files of this shard: the files sorted by name, every
// N-th from the I-th, then back in the order given. Every machine of a
// CI matrix lists the same files, so the N shards together run each
// file exactly once, and their sizes differ by one at most.
func (s shard) pick(files []suiteFile) []suiteFile {
	if s.n <= 1 {
		return files
	}
	names := make([]string, len(files))
	for k, f := range files {
		names[k] = f.name
	}
	sort.Strings(names)
	mine := map[string]bool{}
	for k, name := range names {
		if k%s.n == s.i-1 {
			mine[name] = true
		}
	}
	var out []suiteFile
	for _, f := range files {
		if mine[f.name] {
			out = append(out, f)
		}
	}
	return out
}
