package state

import (
	"context"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

func set() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "set", Usage: "set [NAME [VALUE]]", Short: "show or change settings",
		Long:    "Settings: " + settingsHelp(),
		Args:    []commands.Arg{{Hint: commands.HintSetting}, {Hint: commands.HintSettingValue}},
		Max:     commands.Many,
		Example: "set header-timeout 60s\nset timeout 5m\nset follow off\nset show status,body",
	}, runSet)
}

// settingsHelp is every setting with its help, from session's table.
func settingsHelp() string {
	var parts []string
	for _, st := range session.SettingTable() {
		parts = append(parts, st.Name+" ("+st.Help+")")
	}
	return strings.Join(parts, "; ")
}

func runSet(_ context.Context, env *commands.Env, c *commands.Call) error {
	st := &env.Session.Settings
	switch len(c.Args) {
	case 0:
		var rows [][]string
		for _, t := range session.SettingTable() {
			v, _ := st.Get(t.Name)
			rows = append(rows, []string{t.Name, v, t.Help})
		}
		env.Render().Table(env.Stdout, []string{"setting", "value", "meaning"}, rows)
		return nil
	case 1:
		v, err := st.Get(c.Args[0])
		if err != nil {
			return commands.Usage(err)
		}
		env.Printf("%s %s\n", c.Args[0], v)
		return nil
	}
	name, value := c.Args[0], strings.Join(c.Args[1:], " ")
	if t, ok := session.LookupSetting(name); ok && t.Kind == "style" {
		if _, err := render.New(render.Options{Color: true, Style: value}); err != nil {
			return commands.Usagef("unknown style %q: try monokai, github, dracula, solarized-dark (see `help set`)", value)
		}
	}
	if err := st.Set(name, value); err != nil {
		return commands.Usagef("set %s: %v", name, err)
	}
	return nil
}
