package inspect

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// maxDiffRows bounds the rows diff prints.
const maxDiffRows = 200

func diff() *commands.Command {
	return commands.Simple(commands.Command{
		Name:  "diff",
		Usage: "diff N M",
		Short: "compare two exchanges side by side: status, headers, and the JSON body path by path",
		Long: "Only what differs is listed: the status, each response header that was added, removed or changed " +
			"(Date is left out), and for JSON bodies each path (.a.b[0]) whose value differs; other bodies are compared as a whole. " +
			"`history` gives the numbers; diff 3 is diff of 3 and the last.",
		Min:      1,
		Max:      2,
		Unlogged: true,
		Example:  "get /uuid\nget /uuid\ndiff 1 2",
	}, runDiff)
}

// runDiff is `diff N [M]`: M defaults to the last exchange.
func runDiff(_ context.Context, env *commands.Env, c *commands.Call) error {
	a, err := env.Exchange(c.Args[:1])
	if err != nil {
		return err
	}
	b, err := env.Exchange(c.Args[1:])
	if err != nil {
		return err
	}
	rows := diffExchanges(a, b)
	if len(rows) == 0 {
		env.Printf("exchanges %d and %d have the same status, headers and body\n", a.ID, b.ID)
		return nil
	}
	more := len(rows) - maxDiffRows
	if more > 0 {
		rows = rows[:maxDiffRows]
	}
	env.Printf("#%d %s\n#%d %s\n\n", a.ID, a.Summary(), b.ID, b.Summary())
	env.Render().Table(env.Stdout, []string{"", "#" + strconv.Itoa(a.ID), "#" + strconv.Itoa(b.ID)}, rows)
	if more > 0 {
		env.Printf("... and %d more differences\n", more)
	}
	return nil
}

// absent marks a side that has no value.
const absent = "(none)"

// diffExchanges lists what differs: [what, in a, in b].
func diffExchanges(a, b *session.Exchange) [][]string {
	ra, rb := a.Response(), b.Response()
	var rows [][]string
	if ra.StatusCode != rb.StatusCode || ra.Reason != rb.Reason {
		rows = append(rows, []string{"status", fmt.Sprintf("%d %s", ra.StatusCode, ra.Reason), fmt.Sprintf("%d %s", rb.StatusCode, rb.Reason)})
	}
	rows = append(rows, diffMaps("header ", headerMap(ra.Fields), headerMap(rb.Fields))...)
	if ra.Spilled() || rb.Spilled() || ra.Moved != "" || rb.Moved != "" {
		return append(rows, []string{"body", bodyNote(ra), bodyNote(rb)})
	}
	ja, okA := flattenJSON(ra.Body)
	jb, okB := flattenJSON(rb.Body)
	if okA && okB {
		return append(rows, diffMaps("json ", ja, jb)...)
	}
	if string(ra.Body) != string(rb.Body) {
		rows = append(rows, []string{"body", bodyNote(ra), bodyNote(rb)})
	}
	return rows
}

// bodyNote describes a body for a diff row; a spilled body is not read
// and is marked so.
func bodyNote(r *session.Response) string {
	if r.Moved == session.MovedDropped {
		return fmt.Sprintf("%d bytes %s, not compared", r.Size, r.Moved)
	}
	if r.Spilled() {
		return fmt.Sprintf("%d bytes in a temporary file, not compared", r.Size)
	}
	s := string(r.Body)
	if len(s) > 60 {
		s = s[:60] + "..."
	}
	return fmt.Sprintf("%d bytes %q", len(r.Body), s)
}

func headerMap(fs []session.Header) map[string]string {
	m := map[string]string{}
	for _, f := range fs {
		if strings.EqualFold(f.Name, "Date") {
			continue
		}
		if old, ok := m[f.Name]; ok {
			m[f.Name] = old + ", " + f.Value
			continue
		}
		m[f.Name] = f.Value
	}
	return m
}

// diffMaps lists keys whose values differ, sorted.
func diffMaps(prefix string, a, b map[string]string) [][]string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	var rows [][]string
	for _, k := range sorted {
		va, okA := a[k]
		vb, okB := b[k]
		if okA && okB && va == vb {
			continue
		}
		if !okA {
			va = absent
		}
		if !okB {
			vb = absent
		}
		rows = append(rows, []string{prefix + k, va, vb})
	}
	return rows
}

// flattenJSON maps each leaf path of a JSON body (.a.b[0]) to its JSON
// text; ok is false when the body is not JSON.
func flattenJSON(body []byte) (map[string]string, bool) {
	var v any
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	if len(body) == 0 || dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	out := map[string]string{}
	flatten(".", v, out, 0)
	return out, true
}

func flatten(path string, v any, out map[string]string, depth int) {
	join := func(p, k string) string {
		if p == "." {
			return "." + k
		}
		return p + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 || depth > 64 {
			break
		}
		for k, e := range t {
			name := k
			if !simpleKey(k) {
				name = `["` + strings.ReplaceAll(k, `"`, `\"`) + `"]`
				flatten(strings.TrimSuffix(path, ".")+name, e, out, depth+1)
				continue
			}
			flatten(join(path, name), e, out, depth+1)
		}
		return
	case []any:
		if len(t) == 0 || depth > 64 {
			break
		}
		for i, e := range t {
			flatten(strings.TrimSuffix(path, ".")+"["+strconv.Itoa(i)+"]", e, out, depth+1)
		}
		return
	}
	b, _ := commands.MarshalJSON(v)
	if len(out) < 100000 {
		out[path] = string(b)
	}
}

func simpleKey(k string) bool {
	if k == "" {
		return false
	}
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
