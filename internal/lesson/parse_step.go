package lesson

import (
	"errors"
	"fmt"
	"strings"
)

// newStep closes the current step and opens another.
func (p *parser) newStep(title string) error {
	if p.recap {
		return errors.New("step: after recap: the recap ends the lesson")
	}
	if title == "" {
		return errors.New("step: needs a title (step: TITLE)")
	}
	if err := p.closeStep(); err != nil {
		return err
	}
	if p.step == nil {
		if err := p.checkHeader(); err != nil {
			return err
		}
	}
	p.step = &Step{Line: p.n, Title: title}
	p.l.Steps = append(p.l.Steps, p.step)
	return nil
}

func (p *parser) checkHeader() error {
	if p.l.Title == "" {
		return errors.New("the lesson has no title: (write title: and summary: before the first step)")
	}
	if p.l.Summary == "" {
		return errors.New("the lesson has no summary: (write it before the first step)")
	}
	return nil
}

func (p *parser) newRecap(val string) error {
	if val != "" {
		return errors.New("recap: takes no value: write the recap as text lines below it")
	}
	if p.recap {
		return errors.New("a second recap: line (the recap ends the lesson)")
	}
	if p.step == nil {
		return errors.New("recap: before any step")
	}
	if err := p.closeStep(); err != nil {
		return err
	}
	p.recap = true
	return nil
}

// stepLine handles a directive inside a step.
func (p *parser) stepLine(key, val string) error {
	s := p.step
	if val == "" {
		return fmt.Errorf("%s: is empty", key)
	}
	if p.wrong != nil && key != "wrong" && key != "gets" {
		return errors.New("wrong: lines must end with gets: TEXT (the hint they must get)")
	}
	switch key {
	case "cite":
		if !citeRE.MatchString(val) {
			return fmt.Errorf("cite: %q: write it as \"RFC 9110, section 9.3.1\"", val)
		}
		s.Cites = append(s.Cites, val)
	case "task":
		s.Task = strings.TrimSpace(s.Task + " " + val)
	case "check", "when":
		return p.cond(key, val)
	case "why":
		if p.last != "check" && p.last != "when" || p.lastC == nil {
			return errors.New("why: must follow the check: it explains")
		}
		p.lastC.Why = strings.TrimSpace(p.lastC.Why + " " + val)
		return nil
	case "hint":
		s.Hint = strings.TrimSpace(s.Hint + " " + val)
	case "after":
		return p.after(val)
	case "show":
		s.Show = append(s.Show, val)
	case "answer":
		s.Answer = append(s.Answer, val)
	case "wrong", "gets":
		return p.wrongLine(key, val)
	}
	return nil
}

func (p *parser) cond(key, val string) error {
	c, err := ParseCond(val)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	c.Line = p.n
	if key == "when" {
		p.step.When = append(p.step.When, c)
	} else {
		p.step.Checks = append(p.step.Checks, c)
	}
	p.step.NeedsWire = p.step.NeedsWire || c.NeedsExchange()
	p.lastC = c
	p.last = key
	return nil
}

func (p *parser) after(val string) error {
	if len([]rune(val)) > TextWidth {
		return fmt.Errorf("after: is %d columns: wrap at %d, one after: per line", len([]rune(val)), TextWidth)
	}
	p.step.After = append(p.step.After, val)
	return nil
}

func (p *parser) wrongLine(key, val string) error {
	if key == "wrong" {
		if p.wrong == nil {
			p.wrong = &Wrong{Line: p.n}
		}
		p.wrong.Lines = append(p.wrong.Lines, val)
		return nil
	}
	if p.wrong == nil {
		return errors.New("gets: without wrong: before it")
	}
	p.wrong.Gets = val
	p.step.Wrong = append(p.step.Wrong, *p.wrong)
	p.wrong = nil
	return nil
}

// closeStep checks that the current step has what a step needs.
func (p *parser) closeStep() error {
	s := p.step
	if s == nil {
		return nil
	}
	if p.wrong != nil {
		return &Error{File: p.l.File, Line: p.wrong.Line, Err: errors.New("wrong: without gets: TEXT (the hint it must get)")}
	}
	var missing []string
	if len(s.Cites) == 0 {
		missing = append(missing, "cite:")
	}
	for _, m := range []struct {
		name string
		ok   bool
	}{{"task:", s.Task != ""}, {"check:", len(s.Checks) > 0}, {"hint:", s.Hint != ""}, {"answer:", len(s.Answer) > 0}} {
		if !m.ok {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return &Error{File: p.l.File, Line: s.Line, Err: fmt.Errorf("step %q has no %s", s.Title, strings.Join(missing, ", "))}
	}
	p.lastC = nil
	return nil
}

// finish closes the file: the last step and the recap.
func (p *parser) finish() error {
	if p.wrong != nil {
		return &Error{File: p.l.File, Line: p.wrong.Line, Err: errors.New("wrong: without gets: TEXT (the hint it must get)")}
	}
	if p.step == nil {
		if err := p.checkHeader(); err != nil {
			return err
		}
		return errors.New("the lesson has no step: (a lesson is a header, steps, then recap:)")
	}
	if !p.recap {
		if err := p.closeStep(); err != nil {
			return err
		}
		return errors.New("the lesson has no recap: (end it with recap: and a few lines)")
	}
	for len(p.l.Recap) > 0 && p.l.Recap[len(p.l.Recap)-1] == "" {
		p.l.Recap = p.l.Recap[:len(p.l.Recap)-1]
	}
	if len(p.l.Recap) == 0 {
		return errors.New("recap: is empty: write a few lines under it")
	}
	trimSteps(p.l.Steps)
	return nil
}

func trimSteps(steps []*Step) {
	for _, s := range steps {
		for len(s.Text) > 0 && s.Text[len(s.Text)-1] == "" {
			s.Text = s.Text[:len(s.Text)-1]
		}
	}
}
