// Command keylat measures an interactive httpsh on a pseudo-terminal: the
// time from writing one key to its echo reaching the terminal, over many
// keys typed at irregular intervals, and the CPU the idle shell uses over
// a period (from /proc/PID/stat). It prints one line of results. With
// -history N it first writes an N-line history file and also reports the
// time from start to the first prompt and the shell's peak RSS then
// (VmHWM), the cost of reading that history.
//
//	go run ./bench/keylat -bin ./httpsh -keys 80 -idle 10s
//	go run ./bench/keylat -bin ./httpsh -keys 0 -idle 0 -history 100000
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/creack/pty"
)

func main() {
	bin := flag.String("bin", "./httpsh", "the httpsh binary")
	keys := flag.Int("keys", 80, "keys to time")
	idle := flag.Duration("idle", 10*time.Second, "idle period to measure CPU over (0: skip)")
	histLines := flag.Int("history", 0, "lines of history to start with (0: none)")
	flag.Parse()
	home, err := os.MkdirTemp("", "keylat")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(home)
	if *histLines > 0 {
		writeHistory(filepath.Join(home, "state", "httpsh", "history"), *histLines)
	}
	cmd := exec.Command(*bin)
	cmd.Dir = home
	cmd.Env = []string{"HOME=" + home, "XDG_STATE_HOME=" + filepath.Join(home, "state"), "NO_COLOR=1", "PATH=" + os.Getenv("PATH"), "TERM=xterm", "PAGER=cat"}
	started := time.Now()
	ptm, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	var mu sync.Mutex
	var out bytes.Buffer
	got := make(chan struct{}, 1)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			if n > 0 {
				mu.Lock()
				out.Write(buf[:n])
				mu.Unlock()
				select {
				case got <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	<-got
	toPrompt := time.Since(started)
	quiet(&mu, &out, 500*time.Millisecond)
	if *histLines > 0 {
		fmt.Printf("start-up with %d history lines: first output after %.1f ms, peak RSS %s\n",
			*histLines, float64(toPrompt.Microseconds())/1000, hwm(cmd.Process.Pid))
	}
	if *keys == 0 {
		return
	}
	cpu, wakes := -1.0, -1.0
	if *idle > 0 {
		t0, c0, w0 := time.Now(), cpuTicks(cmd.Process.Pid), switches(cmd.Process.Pid)
		time.Sleep(*idle)
		secs := time.Since(t0).Seconds()
		cpu = float64(cpuTicks(cmd.Process.Pid)-c0) / 100 / secs * 100
		wakes = float64(switches(cmd.Process.Pid)-w0) / secs
	}
	var lat []time.Duration
	for i := range *keys {
		time.Sleep(time.Duration(20+rand.IntN(40)) * time.Millisecond)
		c := byte('a' + i%26)
		mu.Lock()
		mark := out.Len()
		mu.Unlock()
		start := time.Now()
		if _, err := ptm.Write([]byte{c}); err != nil {
			log.Fatal(err)
		}
		for {
			mu.Lock()
			seen := bytes.IndexByte(out.Bytes()[mark:], c) >= 0
			mu.Unlock()
			if seen {
				break
			}
			select {
			case <-got:
			case <-time.After(2 * time.Second):
				log.Fatalf("key %d: no echo", i)
			}
		}
		lat = append(lat, time.Since(start))
		if i%20 == 19 { // keep the line short: Ctrl-U clears it
			_, _ = ptm.Write([]byte{0x15})
			quiet(&mu, &out, 100*time.Millisecond)
		}
	}
	slices.Sort(lat)
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) }
	fmt.Printf("keys %d: median %s ms, p90 %s ms, max %s ms; idle: CPU %.2f%%, %.0f wake-ups/s over %s\n",
		len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)*9/10]), ms(lat[len(lat)-1]), cpu, wakes, *idle)
}

// quiet waits until no output has arrived for d.
func quiet(mu *sync.Mutex, out *bytes.Buffer, d time.Duration) {
	last := -1
	for {
		mu.Lock()
		n := out.Len()
		mu.Unlock()
		if n == last {
			return
		}
		last = n
		time.Sleep(d)
	}
}

// switches returns the voluntary context switches of all of pid's
// threads: each is a thread going to sleep, so an idle process that polls
// shows them at its polling rate.
func switches(pid int) int64 {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	var n int64
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "voluntary_ctxt_switches:"); ok {
				k, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
				n += k
			}
		}
	}
	return n
}

// cpuTicks returns utime+stime of pid in clock ticks (1/100 s).
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		log.Fatal(err)
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// writeHistory writes n history lines shaped like a user's to path.
func writeHistory(path string, n int) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "get https://api.example.com/items/%d --show status -H 'Accept: application/json'\n", i)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		log.Fatal(err)
	}
}

// hwm is pid's peak resident set (VmHWM), as /proc shows it.
func hwm(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
