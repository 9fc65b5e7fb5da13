package openapi

import (
	"bufio"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// cacheFormat changes whenever Index's exported shape does, so that old
// cache files are simply not found.
const cacheFormat = "httpsh-openapi-index-v1"

// DefaultCacheDir is $XDG_CACHE_HOME/httpsh/openapi (or the platform's
// user cache directory), for Options.CacheDir.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("openapi cache: %w", err)
	}
	return filepath.Join(dir, "httpsh", "openapi"), nil
}

// maxCacheEntries bounds the cache: each edit of a spec makes a new entry,
// so the oldest are removed beyond this many.
const maxCacheEntries = 32

// cacheEntry is what one cache file holds: the index and the files its
// $refs read, which must still have the same bytes for the entry to count.
type cacheEntry struct {
	Deps  []dep
	Index *Index
}

// cacheKey hashes what decides the index: the format, the location
// (relative $refs depend on it), whether warnings were asked for, and the
// bytes.
func cacheKey(src Source, validate bool) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%t\x00", cacheFormat, src.Location, validate)
	h.Write(src.Data)
	return hex.EncodeToString(h.Sum(nil))
}

// readCache returns the cached index for key, or nil when there is none,
// it cannot be read, or a file it depends on changed. A bad entry is
// never an error: the spec is then parsed again.
func readCache(dir, key string) *Index {
	if dir == "" {
		return nil
	}
	name := filepath.Join(dir, key+".gob")
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	var e cacheEntry
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<16)).Decode(&e); err != nil || e.Index == nil {
		return nil
	}
	for _, d := range e.Deps {
		b, err := readLimited(d.Path)
		sum := sha256.Sum256(b)
		if err != nil || hex.EncodeToString(sum[:]) != d.Sum {
			return nil
		}
	}
	e.Index.prepare()
	now := time.Now()
	_ = os.Chtimes(name, now, now) // pruning keeps the recently used
	return e.Index
}

// writeCache stores ix under key, atomically; failures are ignored (the
// cache is only a speed-up).
func writeCache(dir, key string, deps []dep, ix *Index) {
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, key+".*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<16)
	err = gob.NewEncoder(w).Encode(cacheEntry{Deps: deps, Index: ix})
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil && cerr == nil {
		_ = os.Rename(tmp.Name(), filepath.Join(dir, key+".gob"))
	}
	pruneCache(dir, maxCacheEntries)
}

// pruneCache removes all but the keep most recently used entries.
func pruneCache(dir string, keep int) {
	names, err := filepath.Glob(filepath.Join(dir, "*.gob"))
	if err != nil || len(names) <= keep {
		return
	}
	type entry struct {
		name string
		mod  int64
	}
	entries := make([]entry, 0, len(names))
	for _, n := range names {
		if fi, err := os.Stat(n); err == nil {
			entries = append(entries, entry{n, fi.ModTime().UnixNano()})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].mod > entries[j].mod })
	for _, e := range entries[min(keep, len(entries)):] {
		_ = os.Remove(e.name)
	}
}
