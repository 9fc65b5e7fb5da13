package httpfile

import (
	"fmt"
	"mime"
	"strings"

	"github.com/httpsh/httpsh/internal/collection"
)

// multipart reads a multipart/form-data body into parts. A part whose
// content is one "< ./file" line takes the bytes of that file.
func (p *parser) multipart(r *collection.Request, ct string, lines []string, start int) error {
	_, params, err := mime.ParseMediaType(ct)
	boundary := params["boundary"]
	if err != nil || boundary == "" {
		return p.errAt(r.Pos.Line, fmt.Sprintf("Content-Type %q has no boundary: add ; boundary=NAME", ct))
	}
	parts, err := p.parts(lines, boundary, start)
	if err != nil {
		return err
	}
	r.Body = collection.Body{Kind: collection.Multipart, Boundary: boundary, Parts: parts}
	return nil
}

// parts splits body lines at --boundary lines, up to --boundary--.
func (p *parser) parts(lines []string, boundary string, start int) ([]collection.Part, error) {
	var parts []collection.Part
	var cur *partState
	finish := func() error {
		if cur == nil {
			return nil
		}
		part := cur.finish()
		if part.Name == "" {
			return p.errAt(cur.line, "this part has no Content-Disposition: form-data; name=\"...\": add one")
		}
		parts = append(parts, part)
		return nil
	}
	for i, l := range lines {
		switch strings.TrimRight(l, " \t") {
		case "--" + boundary + "--":
			if err := finish(); err != nil {
				return nil, err
			}
			return parts, nil
		case "--" + boundary:
			if err := finish(); err != nil {
				return nil, err
			}
			cur = &partState{line: start + i, inHeaders: true}
			continue
		}
		if cur == nil {
			if strings.TrimSpace(l) == "" {
				continue
			}
			return nil, p.errAt(start+i, fmt.Sprintf("multipart body must start with --%s", boundary))
		}
		if err := cur.add(l); err != nil {
			return nil, p.errAt(start+i, err.Error())
		}
	}
	return nil, p.errAt(start+len(lines)-1, fmt.Sprintf("multipart body has no closing --%s--: add it", boundary))
}

type partState struct {
	line      int
	inHeaders bool
	part      collection.Part
	content   []string
}

func (s *partState) add(l string) error {
	if !s.inHeaders {
		s.content = append(s.content, l)
		return nil
	}
	t := strings.TrimSpace(l)
	if t == "" {
		s.inHeaders = false
		return nil
	}
	name, val, ok := strings.Cut(t, ":")
	if !ok {
		return fmt.Errorf("%q is not a part header (Name: value): leave a blank line before the part's content", t)
	}
	name, val = strings.TrimSpace(name), strings.TrimSpace(val)
	switch strings.ToLower(name) {
	case "content-disposition":
		_, params, err := mime.ParseMediaType(val)
		if err != nil {
			return fmt.Errorf("Content-Disposition %q: %w", val, err)
		}
		s.part.Name, s.part.FileName = params["name"], params["filename"]
	case "content-type":
		s.part.ContentType = val
	default:
		s.part.Headers = append(s.part.Headers, collection.Header{Name: name, Value: val})
	}
	return nil
}

func (s *partState) finish() collection.Part {
	c := s.content
	for len(c) > 0 && strings.TrimSpace(c[len(c)-1]) == "" {
		c = c[:len(c)-1]
	}
	if len(c) == 1 {
		if ref, _, ok := fileRef(c[0]); ok {
			s.part.File = ref
			return s.part
		}
	}
	s.part.Text = strings.Join(c, "\r\n")
	return s.part
}
