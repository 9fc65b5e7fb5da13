package interchange

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/session"
)

// Kinds of `record --expect`: the status, or the status and the JSON
// shape of the body.
const (
	expectStatus = "status"
	expectShape  = "shape"
)

// maxShapeLines bounds the `expect json` lines written for one response.
const maxShapeLines = 40

// expectLines are the checks that held for e when it was recorded:
// `expect status N`, and with shape the type of the JSON body and of
// its keys two levels down, as `expect json 'PATH | type' == "T"`.
func expectLines(e *session.Exchange, kind string) []string {
	resp := e.Response()
	if resp == nil {
		return nil
	}
	lines := []string{"expect status " + strconv.Itoa(resp.StatusCode)}
	if kind != expectShape || resp.Spilled() || resp.Streamed || len(resp.Body) == 0 {
		return lines
	}
	var v any
	if json.Unmarshal(resp.Body, &v) != nil {
		return lines
	}
	var shape []string
	jsonShape(".", v, 0, &shape)
	if len(shape) > maxShapeLines {
		shape = shape[:maxShapeLines]
	}
	return append(lines, shape...)
}

// jsonShape appends the type line of v at path, then of its keys (sorted)
// while depth allows.
func jsonShape(path string, v any, depth int, out *[]string) {
	*out = append(*out, fmt.Sprintf("expect json %s == %q", commands.Quote(path+" | type"), jsonType(v)))
	obj, ok := v.(map[string]any)
	if !ok || depth >= 2 {
		return
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		jsonShape(joinPath(path, k), obj[k], depth+1, out)
	}
}

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// joinPath is jq's path to key k of the object at path.
func joinPath(path, k string) string {
	if path == "." {
		path = ""
	}
	if plainKey.MatchString(k) {
		return path + "." + k
	}
	b, _ := json.Marshal(k)
	return path + "[" + string(b) + "]"
}

// jsonType is jq's `type` of a decoded JSON value.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

// envPlaceholders replaces each *** the redactor wrote in line with an
// {{env.NAME}} placeholder, NAME made from the word before it
// (X-Api-Key:*** → X_API_KEY; the same name each time, as the same
// header mostly carries the same secret), and adds the names to used.
func envPlaceholders(line string, used map[string]bool) string {
	for {
		i := strings.Index(line, "***")
		if i < 0 {
			return line
		}
		name := secretName(line[:i])
		used[name] = true
		line = line[:i] + "{{env." + name + "}}" + line[i+3:]
	}
}

// secretName is the identifier before a secret: "X-Api-Key:" → X_API_KEY.
func secretName(before string) string {
	end := len(before)
	for end > 0 && strings.ContainsRune(`:= '"`, rune(before[end-1])) {
		end--
	}
	start := end
	for start > 0 && (isIdent(before[start-1])) {
		start--
	}
	name := strings.ToUpper(strings.Trim(strings.ReplaceAll(before[start:end], "-", "_"), "_"))
	if name == "" {
		return "SECRET"
	}
	return name
}

func isIdent(c byte) bool {
	return c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// addExpects writes, after a line that sent a request (the session has
// a newer exchange), the checks that held for it. Checks themselves
// (an expect --retry re-sends) add none.
func (r *recorder) addExpects(env *commands.Env, cmd *commands.Command) error {
	last := env.Session.Last()
	if r.expect == "" || cmd.Checks || last == nil || last.ID == r.lastID {
		return nil
	}
	r.lastID = last.ID
	return r.out.Append(lines(expectLines(last, r.expect)))
}

// secretsNote says, at `record stop`, how many credentials were hidden
// and how to supply them when the script is replayed.
func (r *recorder) secretsNote(env *commands.Env) {
	switch {
	case r.hidden == 0:
	case r.fromEnv:
		names := make([]string, 0, len(r.envNames))
		for n := range r.envNames {
			names = append(names, n)
		}
		sort.Strings(names)
		env.Printf("%s written as {{env.NAME}}: set %s in the environment (CI secrets) before replaying\n",
			commands.Plural(r.hidden, "credential"), strings.Join(names, ", "))
	default:
		env.Printf("%s written as ***: replace each with {{NAME}} and replay with --var NAME=VALUE, or with {{env.NAME}} and set NAME in the environment (record --secrets-from-env writes those)\n",
			commands.Plural(r.hidden, "credential"))
	}
}
