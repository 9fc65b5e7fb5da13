package main

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSuiteInterrupt: SIGTERM during `--test --jobs 2` stops both files
// in flight and the one not started, exits 130, and still writes the
// reports, which say so.
func TestSuiteInterrupt(t *testing.T) {
	bin := binary(t)
	srv := startSuiteServer(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.hsh": "get /slow?ms=30000\n", "b.hsh": "get /slow?ms=30000\n", "c.hsh": "get /slow?ms=30000\n",
	})
	cmd := exec.Command(bin, "--test", "--jobs", "2", "--base", srv.URL, "--report", "json", "r.json", "--report", "junit", "r.xml", "a.hsh", "b.hsh", "c.hsh")
	cmd.Dir = dir
	var out, errOut syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(10 * time.Second)
	for srv.total.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("still running 5 s after SIGTERM; stderr:\n%s", errOut.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit status %d, want 130; stderr:\n%s", code, errOut.String())
	}
	doc := readJSONReport(t, dir+"/r.json")
	if len(doc.Files) != 3 {
		t.Fatalf("report has %d files", len(doc.Files))
	}
	for _, f := range doc.Files {
		if f.Status != 130 {
			t.Errorf("%s: status %d, want 130", f.Name, f.Status)
		}
	}
	if !strings.Contains(out.String(), "c.hsh") || !strings.Contains(out.String(), "not run") || !strings.Contains(out.String(), "interrupted (130)") {
		t.Errorf("summary:\n%s", out.String())
	}
	if srv.total.Load() != 2 {
		t.Errorf("%d requests: c.hsh ran", srv.total.Load())
	}
}
