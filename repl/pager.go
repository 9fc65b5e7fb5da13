package repl

import (
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"unicode/utf8"
)

// defaultPager is used when $PAGER is unset.
const defaultPager = "less -RFX"

// page writes text to out, through the pager when it has more lines than
// the screen (rows; 0 for none) can show. pager is $PAGER (default "less -RFX", split
// into words, no shell); when it cannot run, the text is printed.
func page(out io.Writer, text string, rows int, pager string) {
	if text == "" {
		return
	}
	if rows <= 0 || lines(text, 80) < rows-1 {
		_, _ = io.WriteString(out, text)
		return
	}
	if strings.TrimSpace(pager) == "" {
		pager = defaultPager
	}
	args := strings.Fields(pager)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = strings.NewReader(text)
	cmd.Stdout, cmd.Stderr = out, os.Stderr
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		_, _ = io.WriteString(out, text) // the pager did not start
	}
}

// lines counts the rows text takes on a screen width columns wide, the
// width of a row being its rune count (escape sequences included: an
// overestimate that only pages a little sooner).
func lines(text string, width int) int {
	n := 0
	for line := range strings.SplitSeq(strings.TrimSuffix(text, "\n"), "\n") {
		n += 1 + max(0, utf8.RuneCountInString(line)-1)/width
	}
	return n
}

// notifyInterrupt makes SIGINT cancel the shell's command in flight, until
// the returned function is called.
func notifyInterrupt(sh *shell) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-sigs:
				sh.interrupt()
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(sigs); close(done) }
}
