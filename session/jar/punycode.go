package jar

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// RFC 3492 parameters for IDNA's Punycode.
const (
	jarPunyBase        = 36
	jarPunyTMin        = 1
	jarPunyTMax        = 26
	jarPunySkew        = 38
	jarPunyDamp        = 700
	jarPunyInitialBias = 72
	jarPunyInitialN    = 128
)

var errJarPunyOverflow = errors.New("punycode: label too long")

// jarToASCII converts a lower-cased host or domain name to its ASCII form by
// Punycode-encoding every non-ASCII label ("bücher.example" becomes
// "xn--bcher-kva.example"). Like net/http/cookiejar it does no IDNA mapping
// beyond lower-casing: hosts arrive from URLs the transport can already dial.
func jarToASCII(s string) (string, error) {
	if jarIsASCII(s) {
		return s, nil
	}
	if !utf8.ValidString(s) {
		return "", errors.New("host is not valid UTF-8")
	}
	labels := strings.Split(s, ".")
	for i, label := range labels {
		if jarIsASCII(label) {
			continue
		}
		enc, err := jarPunyEncode(label)
		if err != nil {
			return "", err
		}
		labels[i] = "xn--" + enc
	}
	return strings.Join(labels, "."), nil
}

func jarIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// jarPunyEncode is the encoding procedure of RFC 3492 section 6.3.
func jarPunyEncode(s string) (string, error) {
	out := make([]byte, 0, len(s)+8)
	n, delta, bias := int32(jarPunyInitialN), int32(0), int32(jarPunyInitialBias)
	b, remaining := int32(0), int32(0)
	for _, r := range s {
		if r < utf8.RuneSelf {
			b++
			out = append(out, byte(r))
		} else {
			remaining++
		}
	}
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	for remaining != 0 {
		m := int32(0x7fffffff)
		for _, r := range s {
			if r >= n && r < m {
				m = r
			}
		}
		delta += (m - n) * (h + 1)
		if delta < 0 {
			return "", errJarPunyOverflow
		}
		n = m
		for _, r := range s {
			if r < n {
				delta++
				if delta < 0 {
					return "", errJarPunyOverflow
				}
				continue
			}
			if r > n {
				continue
			}
			q := delta
			for k := int32(jarPunyBase); ; k += jarPunyBase {
				t := min(max(k-bias, jarPunyTMin), jarPunyTMax)
				if q < t {
					break
				}
				out = append(out, jarPunyDigit(t+(q-t)%(jarPunyBase-t)))
				q = (q - t) / (jarPunyBase - t)
			}
			out = append(out, jarPunyDigit(q))
			bias = jarPunyAdapt(delta, h+1, h == b)
			delta = 0
			h++
			remaining--
		}
		delta++
		n++
	}
	return string(out), nil
}

func jarPunyAdapt(delta, numPoints int32, first bool) int32 {
	if first {
		delta /= jarPunyDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := int32(0)
	for delta > ((jarPunyBase-jarPunyTMin)*jarPunyTMax)/2 {
		delta /= jarPunyBase - jarPunyTMin
		k += jarPunyBase
	}
	return k + (jarPunyBase-jarPunyTMin+1)*delta/(delta+jarPunySkew)
}

func jarPunyDigit(d int32) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}
