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
	body := collection.Body{Kind: collection.Multipart, Boundary: boundary}
	var cur *partState
	closed := false
	for i, l := range lines {
		t := strings.TrimRight(l, " \t")
		switch t {
		case "--" + boundary, "--" + boundary + "--":
			if cur != nil {
				body.Parts = append(body.Parts, cur.finish())
			}
			cur = &partState{line: start + i, inHeaders: true}
			if strings.HasSuffix(t, "--") && t != "--"+boundary {
				closed, cur = true, nil
			}
			continue
		}
		if closed {
			continue
		}
		if cur == nil {
			if strings.TrimSpace(l) == "" {
				continue
			}
			return p.errAt(start+i, fmt.Sprintf("multipart body must start with --%s", boundary))
		}
		if err := cur.add(l); err != nil {
			return p.errAt(start+i, err.Error())
		}
	}
	if cur != nil {
		body.Parts = append(body.Parts, cur.finish())
	}
	if !closed {
		return p.errAt(start+len(lines)-1, fmt.Sprintf("multipart body has no closing --%s--: add it", boundary))
	}
	for _, part := range body.Parts {
		if part.Name == "" {
			return p.errAt(r.Pos.Line, "a multipart part has no Content-Disposition: form-data; name=\"...\": add one")
		}
	}
	r.Body = body
	return nil
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
