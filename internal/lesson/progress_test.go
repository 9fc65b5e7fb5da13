package lesson

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgressRoundTrip(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_STATE_HOME": dir}
	path := StatePath(func(k string) string { return env[k] }, "/home/x")
	if path != filepath.Join(dir, "httpsh", "learn.json") {
		t.Fatalf("StatePath %s", path)
	}
	p, err := LoadProgress(path)
	if err != nil || len(p.Lessons) != 0 {
		t.Fatalf("missing file: %v %v", p, err)
	}
	lp := p.Of("cookies", 3)
	lp.Step, lp.Passed[0] = 1, true
	p.Current = "cookies"
	if err := SaveProgress(path, p); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", fi.Mode(), err)
	}
	q, err := LoadProgress(path)
	if err != nil || q.Current != "cookies" || q.Lessons["cookies"].Step != 1 || !q.Lessons["cookies"].Passed[0] {
		t.Fatalf("reloaded %+v %v", q, err)
	}
	if err := ResetProgress(path); err != nil {
		t.Fatal(err)
	}
	if err := ResetProgress(path); err != nil {
		t.Fatalf("second reset: %v", err)
	}
	os.WriteFile(path, []byte("{"), 0o600)
	if _, err := LoadProgress(path); err == nil || !strings.Contains(err.Error(), "learn reset") {
		t.Errorf("corrupt file: %v", err)
	}
	if p := StatePath(func(string) string { return "relative" }, "/h"); p != "/h/.local/state/httpsh/learn.json" {
		t.Errorf("relative XDG_STATE_HOME: %s", p)
	}
}

func TestCatalogTeacherDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.lesson"), []byte(good), 0o644)
	os.WriteFile(filepath.Join(dir, "cookies.lesson"), []byte(good), 0o644)
	ls, err := Catalog(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Find(ls, "cookies")
	if err != nil || c.Title != "T" || !strings.HasPrefix(c.File, dir) {
		t.Errorf("the teacher's cookies does not replace the shipped one: %+v %v", c, err)
	}
	if _, err := Find(ls, "mine"); err != nil {
		t.Error(err)
	}
	if _, err := Find(ls, "nope"); err == nil || !strings.Contains(err.Error(), "requests") {
		t.Errorf("Find nope: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "bad.lesson"), []byte("title: x\ntsak: y\n"), 0o644)
	if _, err := Catalog(dir); err == nil || !strings.Contains(err.Error(), "bad.lesson:2: ") {
		t.Errorf("bad teacher file: %v", err)
	}
	if ls, err := Catalog(filepath.Join(dir, "missing")); err != nil || len(ls) < 8 {
		t.Errorf("missing dir: %d %v", len(ls), err)
	}
}

func TestGrade(t *testing.T) {
	l, err := Parse("t.lesson", []byte(strings.Replace(good, "recap:", "step: Two\ncite: RFC 9110\ntask: t\ncheck: command ~ ^json\nhint: h\nanswer: json\nrecap:", 1)))
	if err != nil {
		t.Fatal(err)
	}
	ok := &Exchange{Response: Response{Status: 200}}
	bad := &Exchange{Response: Response{Status: 404}}
	r := Grade(l, []Attempt{{Line: "get /x", Exchange: bad}, {Line: "get /get", Exchange: ok}, {Line: "json"}})
	if !r.OK() || r.Steps[0].Attempt != 1 || r.Steps[1].Attempt != 2 {
		t.Errorf("right script: %+v", r.Steps)
	}
	r = Grade(l, []Attempt{{Line: "get /x", Exchange: bad}, {Line: "json"}})
	if r.OK() || r.Passed() != 1 || !strings.Contains(r.Steps[0].Reason, "not 200") {
		t.Errorf("wrong script: %+v", r.Steps)
	}
	var b strings.Builder
	r.Write(&b, nil)
	if !strings.Contains(b.String(), "FAIL  1. One (attempt 1)") || !strings.Contains(b.String(), "1 of 2 steps passed") {
		t.Errorf("report:\n%s", b.String())
	}
}
