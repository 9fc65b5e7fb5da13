package commands

import (
	"fmt"
	"sync"

	"github.com/spf13/pflag"
)

// flagState is one parsed-flags state of a command: its flag set, the
// options value the flags write into, and the flags the last parse set.
// Registering a command's flags cost about half of a script line's
// allocations, so the executor keeps idle states per command and resets
// them (reset) instead of registering again.
type flagState struct {
	fs   *pflag.FlagSet
	opts any
	// reset puts opts back to the values registration left (its
	// defaults); nil when a flag's value type is not known to be reset by
	// that (the state is then used once).
	reset func()
	set   []*pflag.Flag // flags given in this parse, in order
}

// flagCache holds a command's idle flag states. A state is taken for a
// call and given back when the command returns, so a command that runs
// itself through Env.Invoke gets a second state, never a shared one.
type flagCache struct {
	mu   sync.Mutex
	idle []*flagState
}

// maxIdleStates bounds the states kept per command (nesting deeper makes
// and drops fresh ones).
const maxIdleStates = 4

// take returns an idle state of c, or a fresh one.
func (c *Command) takeFlags() *flagState {
	if fc := c.cache; fc != nil {
		fc.mu.Lock()
		if n := len(fc.idle); n > 0 {
			st := fc.idle[n-1]
			fc.idle = fc.idle[:n-1]
			fc.mu.Unlock()
			return st
		}
		fc.mu.Unlock()
	}
	fs, opts, reset := c.newFlags()
	if reset != nil && !resettable(fs) {
		reset = nil
	}
	return &flagState{fs: fs, opts: opts, reset: reset}
}

// giveFlags resets st to its defaults and keeps it for c's next call.
// Run functions must not keep their options value after returning.
func (c *Command) giveFlags(st *flagState) {
	fc := c.cache
	if fc == nil || st.reset == nil {
		return
	}
	st.reset()
	clear(st.set)
	st.set = st.set[:0]
	fc.mu.Lock()
	if len(fc.idle) < maxIdleStates {
		fc.idle = append(fc.idle, st)
	}
	fc.mu.Unlock()
}

// resettable reports whether every flag of fs keeps its whole state in
// the options field it writes to, so that restoring the options value
// restores the flag: pflag's bool, int and string values overwrite it,
// listValue appends to it. Other value types (pflag's slices remember
// whether they were set) make the state single-use.
func resettable(fs *pflag.FlagSet) bool {
	ok := true
	fs.VisitAll(func(f *pflag.Flag) {
		switch f.Value.(type) {
		case listValue:
			return
		}
		switch f.Value.Type() {
		case "bool", "string", "int", "int64", "float64", "duration":
		default:
			ok = false
		}
	})
	return ok
}

// parse parses args into st's options and returns the positional words.
// Errors are usage errors naming the command; so is a string flag given
// an empty value (`--show ”`), which would otherwise read as "not
// given". Flag.Changed and FlagSet.Changed are not kept (the flag set is
// reused); Call.Changed answers instead.
func (st *flagState) parse(name string, args []string) ([]string, error) {
	err := st.fs.ParseAll(args, func(f *pflag.Flag, value string) error {
		if err := f.Value.Set(value); err != nil {
			return invalidValue(f, value, err)
		}
		st.set = append(st.set, f)
		return nil
	})
	if err != nil {
		return nil, flagError(name, err)
	}
	for _, f := range st.set {
		if f.Value.Type() == "string" && f.Value.String() == "" {
			return nil, Usagef("%s: --%s needs a value (`help %s` says which)", name, f.Name, name)
		}
	}
	return st.fs.Args(), nil
}

// invalidValue is pflag's message for a value its flag refuses.
func invalidValue(f *pflag.Flag, value string, err error) error {
	flag := "--" + f.Name
	if f.Shorthand != "" && f.ShorthandDeprecated == "" {
		flag = "-" + f.Shorthand + ", --" + f.Name
	}
	return fmt.Errorf("invalid argument %q for %q flag: %w", value, flag, err)
}

// changed reports whether the flag named name was given.
func (st *flagState) changed(name string) bool {
	for _, f := range st.set {
		if f.Name == name {
			return true
		}
	}
	return false
}
