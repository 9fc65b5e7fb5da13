package commands

import (
	"context"
	"io"
	"slices"
	"testing"

	"github.com/httpsh/httpsh/session"
	"github.com/spf13/pflag"
)

type cacheOpts struct {
	force bool
	name  string
	hs    []string
	n     int
}

// TestFlagStateReuse: each call sees the registered defaults plus its own
// flags, whatever the previous call gave; a command that runs itself
// through Invoke gets its own options value, not the outer call's.
func TestFlagStateReuse(t *testing.T) {
	type seen struct {
		opts    cacheOpts
		changed bool
	}
	var got []seen
	var cmd *Command
	cmd = Define(Command{Name: "probe", Max: Many}, func(fs *pflag.FlagSet, o *cacheOpts) {
		fs.BoolVar(&o.force, "force", false, "")
		fs.StringVar(&o.name, "name", "dflt", "")
		ListFlag(fs, &o.hs, "header", "H", "")
		fs.IntVar(&o.n, "n", 7, "")
	}, func(ctx context.Context, env *Env, c *Call, o *cacheOpts) error {
		if len(c.Args) > 0 && c.Args[0] == "nest" {
			if err := env.Invoke(ctx, cmd, []string{"-H", "inner", "--n", "2"}, nil); err != nil {
				return err
			}
		}
		got = append(got, seen{cacheOpts{o.force, o.name, slices.Clone(o.hs), o.n}, c.Changed("header")})
		return nil
	})
	x := NewExecutor(session.New("t"), NewRegistry([]*Command{cmd}), io.Discard, io.Discard)
	for _, line := range []string{
		"probe --force --name x -H a -H b --n 1",
		"probe",
		"probe -H c nest",
		"probe",
	} {
		if err := x.ExecuteLine(context.Background(), line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	want := []seen{
		{cacheOpts{true, "x", []string{"a", "b"}, 1}, true},
		{cacheOpts{false, "dflt", nil, 7}, false},
		{cacheOpts{false, "dflt", []string{"inner"}, 2}, true}, // the nested call ends first
		{cacheOpts{false, "dflt", []string{"c"}, 7}, true},
		{cacheOpts{false, "dflt", nil, 7}, false},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d calls, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].opts.force != want[i].opts.force || got[i].opts.name != want[i].opts.name ||
			!slices.Equal(got[i].opts.hs, want[i].opts.hs) || got[i].opts.n != want[i].opts.n || got[i].changed != want[i].changed {
			t.Errorf("call %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if err := x.ExecuteLine(context.Background(), "probe --n x"); err == nil ||
		err.Error() != `probe: invalid argument "x" for "--n" flag: must be an integer` {
		t.Errorf("bad value: %v", err)
	}
	if err := x.ExecuteLine(context.Background(), "probe --name ''"); err == nil || err.Error() != "probe: --name needs a value (`help probe` says which)" {
		t.Errorf("empty value: %v", err)
	}
}

// TestResettable: a value type that remembers being set (pflag's string
// slice) makes a state single-use.
func TestResettable(t *testing.T) {
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	var b bool
	var l []string
	fs.BoolVar(&b, "b", false, "")
	ListFlag(fs, &l, "l", "", "")
	if !resettable(fs) {
		t.Fatal("bool and list flags: not resettable")
	}
	fs.StringSlice("s", []string{"d"}, "")
	if resettable(fs) {
		t.Fatal("a StringSlice flag: resettable")
	}
}
