package session

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// ErrDigest is wrapped by digest challenges httpsh cannot answer.
var ErrDigest = errors.New("digest authentication failed")

// digestChallenge is a parsed `WWW-Authenticate: Digest ...` (RFC 7616).
type digestChallenge struct {
	realm, nonce, opaque, algorithm string
	qop                             string // "auth", "auth-int" or "" (RFC 2069)
	stale                           bool
}

// parseDigest finds the Digest challenge among a response's
// WWW-Authenticate values; ok is false when there is none.
func parseDigest(values []string) (*digestChallenge, bool, error) {
	for _, v := range values {
		rest, ok := digestPart(v)
		if !ok {
			continue
		}
		p := authParams(rest)
		c := &digestChallenge{realm: p["realm"], nonce: p["nonce"], opaque: p["opaque"], algorithm: p["algorithm"],
			stale: strings.EqualFold(p["stale"], "true")}
		if c.algorithm == "" {
			c.algorithm = "MD5"
		}
		if _, err := digestHash(c.algorithm); err != nil {
			return nil, true, err
		}
		if c.nonce == "" {
			return nil, true, fmt.Errorf("%w: the challenge has no nonce", ErrDigest)
		}
		for _, q := range strings.Split(p["qop"], ",") {
			q = strings.TrimSpace(q)
			if q == "auth" || (q == "auth-int" && c.qop == "") {
				c.qop = q
			}
		}
		if p["qop"] != "" && c.qop == "" {
			return nil, true, fmt.Errorf("%w: the server offers qop %q; httpsh answers auth and auth-int", ErrDigest, p["qop"])
		}
		return c, true, nil
	}
	return nil, false, nil
}

// digestPart is what follows "Digest " in a WWW-Authenticate value, which
// may list several challenges ("Basic realm=x, Digest realm=...").
func digestPart(v string) (string, bool) {
	lower := strings.ToLower(v)
	for i := 0; ; {
		j := strings.Index(lower[i:], "digest ")
		if j < 0 {
			return "", false
		}
		j += i
		before := strings.TrimRight(lower[:j], " \t")
		if before == "" || strings.HasSuffix(before, ",") {
			return v[j+len("digest "):], true
		}
		i = j + 1
	}
}

// authParams reads `name=token, name="quoted \" string"` pairs; names
// are lower-cased.
func authParams(s string) map[string]string {
	out := map[string]string{}
	for s = strings.TrimSpace(s); s != ""; {
		name, rest, ok := strings.Cut(s, "=")
		if !ok {
			break
		}
		name = strings.ToLower(strings.Trim(strings.TrimSpace(name), ","))
		rest = strings.TrimLeft(rest, " ")
		var val string
		if strings.HasPrefix(rest, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(rest) && rest[i] != '"'; i++ {
				if rest[i] == '\\' && i+1 < len(rest) {
					i++
				}
				b.WriteByte(rest[i])
			}
			val, rest = b.String(), rest[min(i+1, len(rest)):]
		} else {
			val, rest, _ = strings.Cut(rest, ",")
			val = strings.TrimSpace(val)
		}
		out[name] = val
		s = strings.TrimLeft(strings.TrimSpace(rest), ", ")
	}
	return out
}

// digestHash is the hash of an RFC 7616 algorithm name (with or without
// -sess).
func digestHash(alg string) (func() hash.Hash, error) {
	switch strings.ToUpper(strings.TrimSuffix(strings.ToUpper(alg), "-SESS")) {
	case "MD5":
		return md5.New, nil
	case "SHA-256":
		return sha256.New, nil
	case "SHA-512-256":
		return sha512.New512_256, nil
	}
	return nil, fmt.Errorf("%w: the server asks for algorithm %q; httpsh answers MD5, SHA-256 and SHA-512-256 (each also -sess)", ErrDigest, alg)
}

// digestRequest is what one Authorization answer covers.
type digestRequest struct {
	method, uri string
	body        []byte
	nc          int
	cnonce      string // random when ""
}

// authorization computes the Authorization value answering c for user
// and pass.
func (c *digestChallenge) authorization(user, pass string, r digestRequest) (string, error) {
	newHash, err := digestHash(c.algorithm)
	if err != nil {
		return "", err
	}
	h := func(parts ...string) string {
		d := newHash()
		d.Write([]byte(strings.Join(parts, ":")))
		return hex.EncodeToString(d.Sum(nil))
	}
	if r.cnonce == "" {
		r.cnonce = rand.Text()[:16]
	}
	nc := fmt.Sprintf("%08x", r.nc)
	ha1 := h(user, c.realm, pass)
	if strings.HasSuffix(strings.ToUpper(c.algorithm), "-SESS") {
		ha1 = h(ha1, c.nonce, r.cnonce)
	}
	ha2 := h(r.method, r.uri)
	if c.qop == "auth-int" {
		d := newHash()
		d.Write(r.body)
		ha2 = h(r.method, r.uri, hex.EncodeToString(d.Sum(nil)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, `Digest username=%s, realm=%s, nonce=%s, uri=%s`, quote(user), quote(c.realm), quote(c.nonce), quote(r.uri))
	if c.qop == "" {
		fmt.Fprintf(&b, `, response="%s"`, h(ha1, c.nonce, ha2))
	} else {
		fmt.Fprintf(&b, `, response="%s", qop=%s, nc=%s, cnonce="%s"`, h(ha1, c.nonce, nc, r.cnonce, c.qop, ha2), c.qop, nc, r.cnonce)
	}
	fmt.Fprintf(&b, `, algorithm=%s`, c.algorithm)
	if c.opaque != "" {
		fmt.Fprintf(&b, `, opaque=%s`, quote(c.opaque))
	}
	return b.String(), nil
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
