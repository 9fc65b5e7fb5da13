package state

import (
	"context"
	"strings"

	"github.com/httpsh/httpsh/commands"
	"github.com/httpsh/httpsh/internal/render"
	"github.com/httpsh/httpsh/session"
)

func headers() *commands.Command {
	return commands.Simple(commands.Command{
		Name: "headers", Usage: "headers [Name:Value...] | headers unset NAME | headers clear | headers secret NAME...",
		Short: "default headers sent with every request",
		Args:  []commands.Arg{{Hint: commands.HintItem, Repeat: true}},
		Max:   commands.Many,
		Sub: []commands.Sub{
			{Name: "unset", Usage: "headers unset NAME...", Short: "stop sending a default header",
				Args: []commands.Arg{{Hint: commands.HintSessionHeader, Repeat: true}}, Min: 1, Max: commands.Many},
			{Name: "clear", Usage: "headers clear", Short: "remove every default header", Max: commands.Many},
			{Name: "secret", Usage: "headers secret NAME...", Short: "treat a header as a credential: never sent on a redirect to another origin",
				Args: []commands.Arg{{Hint: commands.HintHeaderName, Repeat: true}}, Min: 1, Max: commands.Many}},
		Long: "Headers named like credentials (Authorization, Cookie, *token*, *key*, *secret*, *auth*, *session*, *password*, *csrf*) are secret already: " +
			"a redirect to another origin (scheme, host or port) drops them. `headers secret NAME` marks any other name so.",
		Example: "headers X-Client:httpsh Accept:application/json\nheaders unset Accept",
	}, runHeaders)
}

func runHeaders(_ context.Context, env *commands.Env, c *commands.Call) error {
	s := env.Session
	switch c.SubName() {
	case "secret":
		for _, n := range c.Args {
			if !session.ValidHeaderName(n) {
				return commands.Usagef("headers secret %q: expected a header name", n)
			}
			s.MarkSecret(n)
		}
		return nil
	case "clear":
		n := len(s.Headers)
		s.Headers = nil
		env.Printf("removed %s\n", commands.Plural(n, "default header"))
		return nil
	case "unset":
		for _, n := range c.Args {
			if !s.UnsetHeader(n) {
				return commands.Usagef("no default header %q (`headers` lists them)", n)
			}
		}
		return nil
	}
	if len(c.Args) == 0 {
		listHeaders(env)
		return nil
	}
	return addHeaders(s, c.Args)
}

func listHeaders(env *commands.Env) {
	s := env.Session
	if len(s.Headers) == 0 {
		env.Printf("no default headers: add one with `headers Name:Value`\n")
		return
	}
	var fs []render.Field
	var notes []string
	for _, h := range s.Headers {
		fs = append(fs, render.Field{Name: h.Name, Value: h.Value})
		note := ""
		if s.IsSecret(h.Name) {
			note = "secret: kept on its origin"
		}
		notes = append(notes, note)
	}
	env.Render().AnnotatedHeaders(env.Stdout, fs, notes)
}

// addHeaders sets the Name:Value words as default headers (an empty
// value removes one); nothing changes when a word is not Name:Value.
func addHeaders(s *session.Session, words []string) error {
	var add []session.Header
	for _, w := range words {
		it, err := commands.ParseItem(w)
		if err != nil || it.Kind != commands.ItemHeader {
			return commands.Usagef("headers %q: expected Name:Value", w)
		}
		add = append(add, session.Header{Name: it.Name, Value: strings.TrimSpace(it.Value)})
	}
	for _, h := range add {
		if h.Value == "" {
			s.UnsetHeader(h.Name)
			continue
		}
		s.SetHeader(h.Name, h.Value)
	}
	return nil
}
