package interchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/collection"
	"github.com/httpsh/httpsh/internal/httpfile"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

// maxEditTries is how often edit reopens the editor on a parse error.
const maxEditTries = 3

func (b *book) edit() *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "edit",
		Usage: "edit [NAME]",
		Short: "edit a prepared request (or the last exchange's request) as .http text in $VISUAL/$EDITOR, and prepare it",
		Long: "The request is written as one .http request ({{templates}} of the active environment's secrets kept as references) and opened in $VISUAL, else $EDITOR. " +
			"What comes back is prepared under the same NAME (the last exchange's request: as the unnamed one, sent by `send`). " +
			"A text that does not parse is reopened with the error as a comment on top, at most 3 times; then nothing changes. " +
			"A binary body cannot be edited as text.",
		Args:    []commands.Arg{{Hint: commands.HintPrepared}},
		Max:     1,
		Example: "prepare --name mk POST /post name=ada\nedit mk\nsend mk",
	}, b.runEdit)
}

func (b *book) runEdit(_ context.Context, env *commands.Env, c *commands.Call) error {
	editor := env.Getenv("VISUAL")
	if editor == "" {
		editor = env.Getenv("EDITOR")
	}
	if editor == "" {
		return commands.Usagef("edit: set $VISUAL or $EDITOR to the editor to use, e.g. `EDITOR=nano httpsh`")
	}
	name, p, err := editTarget(env, c.Args)
	if err != nil {
		return err
	}
	r, _ := requestOf(env, p, name)
	out, err := httpfile.Write([]collection.Request{r}, httpfile.WriteOptions{Templates: true})
	if err != nil {
		return commands.Usagef("edit: this request cannot be edited as .http text: %v", err)
	}
	dir, err := os.MkdirTemp("", "httpsh-edit-")
	if err != nil {
		return commands.Failf("edit: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "request.http")
	text := out.Text
	for try := 1; ; try++ {
		req, perr := editOnce(editor, path, text)
		if perr == nil {
			np, err := b.build(env, req, name, source{dir: dir}, nil)
			if err != nil {
				return commands.Usage(err)
			}
			env.Session.Prepared[name] = np
			env.Printf("prepared %s %s; `%s` sends it\n", np.Method, render.Sanitize(session.Redact(np.URL)), strings.TrimSpace("send "+commands.Quote(name)))
			return nil
		}
		var ee *editorError
		if errors.As(perr, &ee) {
			return commands.Failf("edit: %w; nothing changed", ee.err)
		}
		if try == maxEditTries {
			return commands.Usagef("edit: gave up after %d tries, nothing changed: %v", try, perr)
		}
		back, _ := os.ReadFile(path)
		text = []byte("# error: " + strings.ReplaceAll(perr.Error(), "\n", " ") + "\n# fix the request below and save; an unchanged error gives up after " +
			fmt.Sprint(maxEditTries) + " tries\n" + stripErrors(string(back)))
	}
}

// editTarget is the prepared request NAME, or the last exchange's
// request (prepared as "").
func editTarget(env *commands.Env, args []string) (string, *session.Prepared, error) {
	if len(args) == 1 {
		p, ok := env.Session.Prepared[args[0]]
		if !ok {
			return "", nil, commands.Usagef("no prepared request %q (`prepared` lists them)", args[0])
		}
		return args[0], p, nil
	}
	if p, ok := env.Session.Prepared[""]; ok {
		return "", p, nil
	}
	e, err := env.Exchange(nil)
	if err != nil {
		return "", nil, err
	}
	return "", e.Prepared, nil
}

// editOnce writes text to path, runs the editor on it (on the process's
// terminal) and parses what it saved: exactly one request.
func editOnce(editor, path string, text []byte) (*collection.Request, error) {
	if err := os.WriteFile(path, text, 0o600); err != nil {
		return nil, err
	}
	cmd := exec.Command("sh", "-c", editor+` "$1"`, "sh", path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, &editorError{fmt.Errorf("the editor %s failed: %w", editor, err)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := httpfile.Parse(path, data) // the error lines on top are comments
	if err != nil {
		return nil, err
	}
	if len(f.Requests) != 1 {
		return nil, fmt.Errorf("%s: expected one request, found %d", path, len(f.Requests))
	}
	return &f.Requests[0], nil
}

// editorError is the editor failing: edit gives up at once.
type editorError struct{ err error }

func (e *editorError) Error() string { return e.err.Error() }

// stripErrors drops the comment lines edit put on top.
func stripErrors(s string) string {
	for strings.HasPrefix(s, "# error: ") || strings.HasPrefix(s, "# fix the request below") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
}
