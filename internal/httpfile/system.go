package httpfile

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// System resolves the system variables of REST Client, JetBrains and
// httpyac: $guid, $uuid, $random.uuid, $timestamp [offset unit],
// $isoTimestamp, $datetime iso8601|rfc1123|"format" [offset unit],
// $localDatetime (the same in Local), $randomInt [min max] (min ≤ n < max,
// 0 ≤ n < 1000 without arguments),
// $processEnv NAME and $dotenv NAME, and JetBrains' $random.integer(a, b),
// $random.alphabetic(n), $random.alphanumeric(n), $random.hexadecimal(n). Everything that varies is injected;
// a nil func makes its variables an error.
type System struct {
	Now    func() time.Time
	Local  *time.Location              // for $localDatetime; nil means UTC
	Rand   io.Reader                   // random bytes for $uuid and $randomInt
	Getenv func(string) (string, bool) // for $processEnv
	Dotenv map[string]string           // for $dotenv (see envfile.ParseDotenv)
}

// Lookup implements Resolver for references that start with "$".
func (s *System) Lookup(ref string) (string, bool, error) {
	if strings.HasPrefix(ref, "$random.") && strings.HasSuffix(ref, ")") {
		return s.jetbrainsRandom(ref)
	}
	name, args := splitArgs(ref)
	switch name {
	case "$guid", "$uuid", "$random.uuid":
		return s.uuid()
	case "$timestamp":
		t, err := s.offset(args)
		return strconv.FormatInt(t.Unix(), 10), err == nil, err
	case "$isoTimestamp":
		t, err := s.offset(args)
		return t.UTC().Format(isoMillis), err == nil, err
	case "$datetime", "$localDatetime":
		return s.datetime(name == "$localDatetime", args)
	case "$randomInt":
		return s.randomInt(args)
	case "$processEnv":
		if s.Getenv == nil || len(args) != 1 {
			return "", false, fmt.Errorf("write {{$processEnv NAME}}")
		}
		v, _ := s.Getenv(strings.TrimPrefix(args[0], "%"))
		return v, true, nil
	case "$dotenv":
		if len(args) != 1 {
			return "", false, fmt.Errorf("write {{$dotenv NAME}}")
		}
		v, ok := s.Dotenv[args[0]]
		if !ok {
			return "", false, fmt.Errorf("%s is not in the .env file beside the .http file: add it", args[0])
		}
		return v, true, nil
	}
	return "", false, nil
}

// splitArgs splits "$datetime "YYYY-MM-DD" 1 d" into the name and its
// arguments; a double-quoted or single-quoted argument keeps its spaces.
func splitArgs(ref string) (string, []string) {
	var out []string
	for ref = strings.TrimSpace(ref); ref != ""; ref = strings.TrimSpace(ref) {
		if q := ref[0]; q == '"' || q == '\'' {
			if j := strings.IndexByte(ref[1:], q); j >= 0 {
				out = append(out, ref[1:1+j])
				ref = ref[j+2:]
				continue
			}
		}
		i := strings.IndexAny(ref, " \t")
		if i < 0 {
			i = len(ref)
		}
		out = append(out, ref[:i])
		ref = ref[i:]
	}
	if len(out) == 0 {
		return "", nil
	}
	return out[0], out[1:]
}

func (s *System) uuid() (string, bool, error) {
	if s.Rand == nil {
		return "", false, fmt.Errorf("no random source")
	}
	var b [16]byte
	if _, err := io.ReadFull(s.Rand, b[:]); err != nil {
		return "", false, fmt.Errorf("random: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), true, nil
}

func (s *System) randomInt(args []string) (string, bool, error) {
	if len(args) == 0 {
		args = []string{"0", "1000"}
	}
	if len(args) != 2 {
		return "", false, fmt.Errorf("write {{$randomInt MIN MAX}}")
	}
	lo, err1 := strconv.ParseInt(args[0], 10, 64)
	hi, err2 := strconv.ParseInt(args[1], 10, 64)
	if err1 != nil || err2 != nil || hi <= lo {
		return "", false, fmt.Errorf("$randomInt needs two integers MIN < MAX, got %q", strings.Join(args, " "))
	}
	if s.Rand == nil {
		return "", false, fmt.Errorf("no random source")
	}
	var b [8]byte
	if _, err := io.ReadFull(s.Rand, b[:]); err != nil {
		return "", false, fmt.Errorf("random: %w", err)
	}
	n := binary.BigEndian.Uint64(b[:]) % uint64(hi-lo)
	return strconv.FormatInt(lo+int64(n), 10), true, nil
}

// isoMillis is JavaScript's Date.toISOString, which httpyac and REST
// Client use for iso8601.
const isoMillis = "2006-01-02T15:04:05.000Z"

// offset is Now moved by an optional "N unit" (y Q M w d h m s ms).
func (s *System) offset(args []string) (time.Time, error) {
	if s.Now == nil {
		return time.Time{}, fmt.Errorf("no clock")
	}
	t := s.Now()
	if len(args) == 0 {
		return t, nil
	}
	if len(args) != 2 {
		return t, fmt.Errorf("an offset is written N UNIT (e.g. -1 d), got %q", strings.Join(args, " "))
	}
	n, err := strconv.Atoi(args[0])
	if err != nil {
		return t, fmt.Errorf("offset %q is not an integer", args[0])
	}
	switch args[1] {
	case "y":
		return t.AddDate(n, 0, 0), nil
	case "Q":
		return t.AddDate(0, 3*n, 0), nil
	case "M":
		return t.AddDate(0, n, 0), nil
	case "w":
		return t.AddDate(0, 0, 7*n), nil
	case "d":
		return t.AddDate(0, 0, n), nil
	}
	units := map[string]time.Duration{"h": time.Hour, "m": time.Minute, "s": time.Second, "ms": time.Millisecond}
	u, ok := units[args[1]]
	if !ok {
		return t, fmt.Errorf("offset unit %q is not one of y M w d h m s ms", args[1])
	}
	return t.Add(time.Duration(n) * u), nil
}

func (s *System) datetime(local bool, args []string) (string, bool, error) {
	if len(args) == 0 {
		return "", false, fmt.Errorf("write {{$datetime iso8601|rfc1123|\"FORMAT\" [OFFSET UNIT]}}")
	}
	t, err := s.offset(args[1:])
	if err != nil {
		return "", false, err
	}
	t = t.UTC()
	if local && s.Local != nil {
		t = t.In(s.Local)
	}
	switch {
	case args[0] == "iso8601" && local:
		return t.Format(time.RFC3339), true, nil
	case args[0] == "iso8601":
		return t.Format(isoMillis), true, nil
	case args[0] == "rfc1123" && local:
		return t.Format("Mon, 02 Jan 2006 15:04:05 -0700"), true, nil
	case args[0] == "rfc1123":
		return t.Format(http.TimeFormat), true, nil
	}
	return t.Format(dayjsLayout(args[0])), true, nil
}

// dayjsLayout turns a day.js/moment format (YYYY-MM-DD HH:mm:ss.SSS) into a
// Go layout. Unknown letters are kept as they are.
func dayjsLayout(f string) string {
	r := strings.NewReplacer("YYYY", "2006", "YY", "06", "MMMM", "January", "MMM", "Jan", "MM", "01",
		"DD", "02", "dddd", "Monday", "ddd", "Mon", "HH", "15", "hh", "03", "mm", "04", "ss", "05",
		"SSS", "000", "A", "PM", "a", "pm", "ZZ", "-0700", "Z", "-07:00")
	return r.Replace(f)
}

// jetbrainsRandom resolves $random.integer(a, b) (a ≤ n < b) and
// $random.alphabetic|alphanumeric|hexadecimal(n).
func (s *System) jetbrainsRandom(ref string) (string, bool, error) {
	name, argText, _ := strings.Cut(strings.TrimSuffix(ref, ")"), "(")
	args := strings.Split(argText, ",")
	for i := range args {
		args[i] = strings.TrimSpace(args[i])
	}
	if name == "$random.integer" {
		return s.randomInt(args)
	}
	sets := map[string]string{
		"$random.alphabetic":   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
		"$random.alphanumeric": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
		"$random.hexadecimal":  "0123456789abcdef",
	}
	set, ok := sets[name]
	if !ok {
		return "", false, nil
	}
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 || n > 4096 || len(args) != 1 {
		return "", false, fmt.Errorf("write {{%s(LENGTH)}} with a length up to 4096", name)
	}
	if s.Rand == nil {
		return "", false, fmt.Errorf("no random source")
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(s.Rand, b); err != nil {
		return "", false, fmt.Errorf("random: %w", err)
	}
	for i := range b {
		b[i] = set[int(b[i])%len(set)]
	}
	return string(b), true, nil
}
