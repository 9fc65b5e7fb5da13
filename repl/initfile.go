package repl

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/httpsh/httpsh/commands"
)

// initPath is the start-up file: $XDG_CONFIG_HOME/httpsh/init.hsh, or
// ~/.config/httpsh/init.hsh; "" when neither variable is set.
func initPath(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "httpsh", "init.hsh")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "httpsh", "init.hsh")
	}
	return ""
}

// runInit sources the start-up file at the start of an interactive
// session, unless --no-init. Its lines are not logged or recorded; a
// failing line is reported as FILE:LINE and the shell starts anyway. A
// missing file is no error.
func runInit(ctx context.Context, x *commands.Executor, opts *options, st Streams) {
	if opts.noInit {
		return
	}
	path := initPath(st.Getenv)
	if path == "" {
		return
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err := x.Setup(ctx, "source", path); err != nil {
		fmt.Fprintf(st.Stderr, "error: %v (the shell starts without the rest of it; --no-init skips it)\n", err)
	}
}
