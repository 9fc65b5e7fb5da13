package session

import (
	"strings"
	"testing"
)

// TestDigestRFC7616Example: the worked example of RFC 7616, section 3.9.1.
func TestDigestRFC7616Example(t *testing.T) {
	for alg, want := range map[string]string{
		"MD5":     "8ca523f5e9506fed4657c9700eebdbec",
		"SHA-256": "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
	} {
		c, ok, err := parseDigest([]string{`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=` + alg +
			`, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`})
		if !ok || err != nil {
			t.Fatal(ok, err)
		}
		got, err := c.authorization("Mufasa", "Circle of Life", digestRequest{method: "GET", uri: "/dir/index.html", nc: 1,
			cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"})
		if err != nil || !strings.Contains(got, `response="`+want+`"`) || !strings.Contains(got, "nc=00000001") {
			t.Errorf("%s: %s", alg, got)
		}
	}
	c, ok, err := parseDigest([]string{`Basic realm="digest here", Digest realm="r", nonce="n1", qop=auth`})
	if !ok || err != nil || c.realm != "r" || c.nonce != "n1" || c.qop != "auth" {
		t.Errorf("two challenges in one value: %+v %v %v", c, ok, err)
	}
	if _, _, err := parseDigest([]string{`Digest realm="x", nonce="n", algorithm=SHA3`}); err == nil {
		t.Error("unknown algorithm accepted")
	}
}
